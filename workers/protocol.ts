// The data-shaped contract between the page and the engine worker. Types only: no engine object crosses it.

import type { Row, Value } from '../src/core/engine.ts';
import type { FileReport } from '../src/core/ingest/report.ts';
import type { SaveResult } from '../src/core/workspace/save.ts';

export interface IngestProgress { file: string; index: number; files: number; inputBytes: number; totalBytes: number; rows: number }

export interface IngestSummary { files: FileReport[]; events: number; ms: number }

export interface RawRequest { fileId: number; offset: number; length: number }

export interface EngineInfo { engine: string; bundle: string; memoryLimit: string }

export type { QueryTag } from './engine/latest.ts';
export type { ConsoleColumn, ConsoleResult } from './engine/console.ts';
import type { QueryTag } from './engine/latest.ts';
import type { ConsoleResult } from './engine/console.ts';
import type { DetectProgress, DetectRequest, DetectResult, SigmaCheck } from '../src/lib/security/run/types.ts';
export type { DetectProgress, DetectRequest, DetectResult, SigmaCheck } from '../src/lib/security/run/types.ts';
import type { ProductivityRequest, ProductivityResult } from '../src/lib/productivity/run/types.ts';
export type { ProductivityRequest, ProductivityResult } from '../src/lib/productivity/run/types.ts';

export interface EngineApi {
  init(): Promise<EngineInfo>;
  ingest(files: File[], opts: { retentionMonths: number }, onProgress: (p: IngestProgress) => void): Promise<IngestSummary>;
  loadDemo(onProgress: (p: IngestProgress) => void): Promise<IngestSummary>;
  cancelIngest(): void;
  query(sql: string, params?: Value[]): Promise<Row[]>;
  /** An interactive query: dropped before it starts (rejects with STALE) once a newer seq arrives on its channel. */
  queryLatest(tag: QueryTag, sql: string, params?: Value[]): Promise<Row[]>;
  /** The read-only SQL console: one guarded statement, cancellable; rows are then read with consolePage. */
  consoleRun(sql: string, maxRows: number): Promise<ConsoleResult>;
  consolePage(offset: number, limit: number): Promise<Row[]>;
  consoleCancel(): Promise<boolean>;
  readRaw(req: RawRequest): Promise<string>;
  /** Security analysis of the loaded data (enrichment, rules, coverage, priority); a new run cancels the previous. */
  detect(req: DetectRequest, onProgress: (p: DetectProgress) => void): Promise<DetectResult>;
  cancelDetect(): void;
  /** Compiles a Sigma rule to say whether it can run here (nothing is kept). */
  compileSigma(yamlText: string): Promise<SigmaCheck>;
  /** Productivity trends as the privacy layer releases them (src/core/productivity/trends.ts); never person-level rows. */
  productivity(req: ProductivityRequest): Promise<ProductivityResult>;
  memory(): Promise<{ usedBytes: number }>;
  reset(): Promise<void>;
  /** The opt-in kept workspace in the origin-private file system (src/core/workspace/): save, restore, forget. */
  workspaceSave(summary: IngestSummary | null): Promise<SaveResult>;
  workspaceRestore(): Promise<{ summary: IngestSummary; savedAt: string; bytes: number } | null>;
  workspaceForget(): Promise<void>;
}
