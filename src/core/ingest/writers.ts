// All writers of one ingest run share one sequence, so every stored row has a unique, ordered `seq`.
// Parse jobs reserve a block of SEQ_STRIDE numbers each, so they can be numbered before they are parsed.

import type { ColumnBatch, EncodedBatch, Engine } from '../engine.ts';
import { FLUSH_STAGE } from '../schema/ddl.ts';
import type { TableFormat } from './formats/format.ts';
import { SEQ_STRIDE, type ParseResult } from './parse-job.ts';
import { MemoryGuard, type MemoryGuardOptions } from './memory.ts';
import { TableWriter } from './table-writer.ts';

/**
 * Staged rows move to the store a DuckDB row group (122,880 rows) at a time. Smaller steps cost twice as
 * much in all (measured in DuckDB-WASM 1.32: every ~131k rows appended in small steps, one step takes ~2 s).
 */
const STAGE_ROWS = 122_880;
/** Encoded batches wait for one append: each append call costs DuckDB-WASM several ms whatever its size. */
const PENDING_BYTES = 32 * 1024 * 1024;

export class Writers {
  private tableWriters = new Map<string, TableWriter>();
  private seq: number;
  private staged = 0;
  private pending: EncodedBatch[] = [];
  private pendingBytes = 0;

  private guard: MemoryGuard;

  constructor(private engine: Engine, readonly firstSeq: number, memory?: MemoryGuardOptions) {
    this.seq = firstSeq;
    this.guard = new MemoryGuard(engine, memory);
  }

  private next = () => this.seq++;

  jobBase(): number {
    const base = Math.ceil(this.seq / SEQ_STRIDE) * SEQ_STRIDE;
    this.seq = base + SEQ_STRIDE;
    return base;
  }

  /** Collects a parsed job's rows for the staging table; moves staged rows into `events` in large steps. */
  async events(result: ParseResult, encoded?: EncodedBatch): Promise<void> {
    await this.guard.check();
    if (encoded && this.engine.appendEncoded) {
      this.pending.push(encoded);
      this.pendingBytes += encoded.ipc.length;
    } else if (result.batch) await this.appendBatch(result.batch);
    else return;
    this.staged += result.loaded;
    if (this.staged >= STAGE_ROWS) await this.flushStage();
    else if (this.pendingBytes >= PENDING_BYTES) await this.appendPending();
  }

  private async appendBatch(batch: ColumnBatch): Promise<void> {
    await this.appendPending();
    await this.engine.append('stage', batch);
  }

  private async appendPending(): Promise<void> {
    if (!this.pending.length) return;
    const batches = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    await this.engine.appendEncoded!('stage', batches);
  }

  private async flushStage(): Promise<void> {
    await this.appendPending();
    for (const sql of FLUSH_STAGE) await this.engine.query(sql);
    this.staged = 0;
  }

  table(format: TableFormat): TableWriter {
    let w = this.tableWriters.get(format.table);
    if (!w) this.tableWriters.set(format.table, (w = new TableWriter(this.engine, format, this.next)));
    return w;
  }

  get tables(): TableFormat[] { return [...this.tableWriters.values()].map((w) => w.format); }

  async flush(): Promise<void> {
    if (this.staged) await this.flushStage();
    for (const w of this.tableWriters.values()) await w.flush();
  }
}
