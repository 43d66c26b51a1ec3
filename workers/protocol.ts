// The data-shaped contract between the page and the engine worker. Types only: no engine object crosses it.

import type { Row, Value } from '../src/core/engine.ts';
import type { FileReport } from '../src/core/ingest/report.ts';

export interface IngestProgress { file: string; index: number; files: number; inputBytes: number; totalBytes: number; rows: number }

export interface IngestSummary { files: FileReport[]; events: number; ms: number }

export interface RawRequest { fileId: number; offset: number; length: number }

export interface EngineInfo { engine: string; bundle: string; memoryLimit: string }

export type { QueryTag } from './engine/latest.ts';
export type { ConsoleColumn, ConsoleResult } from './engine/console.ts';
import type { QueryTag } from './engine/latest.ts';
import type { ConsoleResult } from './engine/console.ts';

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
  memory(): Promise<{ usedBytes: number }>;
  reset(): Promise<void>;
}
