// The data-shaped contract between the page and the engine worker. Types only: no engine object crosses it.

import type { Row, Value } from '../src/core/engine.ts';
import type { FileReport } from '../src/core/ingest/report.ts';

export interface IngestProgress { file: string; index: number; files: number; inputBytes: number; totalBytes: number; rows: number }

export interface IngestSummary { files: FileReport[]; events: number; ms: number }

export interface RawRequest { fileId: number; offset: number; length: number }

export interface EngineInfo { engine: string; bundle: string; memoryLimit: string }

export interface EngineApi {
  init(): Promise<EngineInfo>;
  ingest(files: File[], opts: { retentionMonths: number }, onProgress: (p: IngestProgress) => void): Promise<IngestSummary>;
  loadDemo(onProgress: (p: IngestProgress) => void): Promise<IngestSummary>;
  cancelIngest(): void;
  query(sql: string, params?: Value[]): Promise<Row[]>;
  readRaw(req: RawRequest): Promise<string>;
  memory(): Promise<{ usedBytes: number }>;
  reset(): Promise<void>;
}
