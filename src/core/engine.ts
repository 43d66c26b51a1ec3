// The one seam between our code and a database. Two implementations live in workers/engine/:
// DuckDB-WASM (browser, and its Node build for tests) and native DuckDB (CLI, benchmarks).
// Everything above this interface is engine-agnostic SQL.

import type { ColumnKind } from './schema/events.ts';

export type Value = string | number | boolean | null | Value[] | { [k: string]: Value };
export type Row = Record<string, Value>;

/** A columnar batch: one array per column, all of the same length. */
export interface ColumnBatch {
  length: number;
  columns: { name: string; kind: ColumnKind; values: (string | null)[] | Float64Array | Int32Array }[];
}

/** An Arrow IPC stream holding `length` rows. */
export interface EncodedBatch { ipc: Uint8Array; length: number }

export interface Engine {
  /** Run SQL; `params` bind to `?` placeholders (prepared statement). TIMESTAMP comes back as epoch ms. */
  query(sql: string, params?: readonly Value[]): Promise<Row[]>;
  /** Append a batch to an existing table whose columns match the batch's names. */
  append(table: string, batch: ColumnBatch): Promise<void>;
  /** Optional fast path: batches already encoded (Arrow IPC streams of one schema), appended in one step. */
  appendEncoded?(table: string, batches: readonly EncodedBatch[]): Promise<void>;
  close(): Promise<void>;
  /** Counts statements that may have changed data: a read-only result stays valid while this holds. */
  readonly writes?: number;
}
