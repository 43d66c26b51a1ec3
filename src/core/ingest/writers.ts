// All writers of one ingest run share one sequence, so every stored row has a unique, ordered `seq`.
// Parse jobs reserve a block of SEQ_STRIDE numbers each, so they can be numbered before they are parsed.

import type { EncodedBatch, Engine } from '../engine.ts';
import { EVENTS_STORE } from '../schema/ddl.ts';
import type { TableFormat } from './formats/format.ts';
import { SEQ_STRIDE, type ParseResult } from './parse-job.ts';
import { MemoryGuard, type MemoryGuardOptions } from './memory.ts';
import { TableWriter } from './table-writer.ts';

/**
 * Parsed batches wait and reach the store together, a DuckDB row group (122,880 rows) at a time: one append
 * call each, and the compressed catalog compresses whole row groups. Measured in DuckDB-WASM 1.32 at 1M
 * events: appending in steps of 64k rows cost twice as much in all, and through a staging table three times.
 */
const PENDING_ROWS = 122_880;

export class Writers {
  private tableWriters = new Map<string, TableWriter>();
  private seq: number;
  private pending: EncodedBatch[] = [];
  private pendingRows = 0;
  private appending: Promise<void> = Promise.resolve();

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

  /**
   * Takes a parsed job's rows. Encoded batches wait for one large append, which runs while parsing goes on
   * (DuckDB has its own worker); the memory check follows each append. Plain batches are appended now.
   */
  async events(result: ParseResult, encoded?: EncodedBatch): Promise<void> {
    if (encoded && this.engine.appendEncoded) {
      this.guard.throwIfFull();
      this.pending.push(encoded);
      this.pendingRows += encoded.length;
      if (this.pendingRows >= PENDING_ROWS) await this.appendPending();
    } else if (result.batch) {
      await this.guard.check();
      await this.engine.append(EVENTS_STORE, result.batch);
    }
  }

  /** Starts appending what is pending once the previous append is done (whose failure surfaces here). */
  private async appendPending(): Promise<void> {
    await this.appending;
    if (!this.pending.length) return;
    const batches = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    const run = (async () => {
      await this.engine.appendEncoded!(EVENTS_STORE, batches);
      await this.guard.measure();
    })();
    run.catch(() => undefined);
    this.appending = run;
  }

  table(format: TableFormat): TableWriter {
    let w = this.tableWriters.get(format.table);
    if (!w) this.tableWriters.set(format.table, (w = new TableWriter(this.engine, format, this.next)));
    return w;
  }

  get tables(): TableFormat[] { return [...this.tableWriters.values()].map((w) => w.format); }

  async flush(): Promise<void> {
    await this.appendPending();
    await this.appending;
    for (const w of this.tableWriters.values()) await w.flush();
  }
}
