// Inserts normalised rows straight into `events` (tests and small callers; the ingest pipeline uses parse jobs).

import type { Engine } from '../engine.ts';
import type { EventRow, RawPointer } from '../schema/events.ts';
import { EVENTS_STORE } from '../schema/ddl.ts';
import { EventBatchBuilder } from './event-batch.ts';

const BATCH_ROWS = 16_384;

export class BatchWriter {
  private builder = new EventBatchBuilder();
  private seq = 0;

  constructor(private engine: Engine, private nextSeq: () => number = () => this.seq++) {}

  async add(row: EventRow, format: string, at: RawPointer): Promise<void> {
    this.builder.add(row, format, at, this.nextSeq());
    if (this.builder.length >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.builder.length) return;
    await this.engine.append(EVENTS_STORE, this.builder.take());
  }
}
