// All writers of one ingest run share one sequence, so every stored row has a unique, ordered `seq`.

import type { Engine } from '../engine.ts';
import { BatchWriter } from './batch-writer.ts';
import type { TableFormat } from './formats/format.ts';
import { TableWriter } from './table-writer.ts';

export class Writers {
  readonly events: BatchWriter;
  private tableWriters = new Map<string, TableWriter>();
  private seq: number;

  constructor(private engine: Engine, readonly firstSeq: number) {
    this.seq = firstSeq;
    this.events = new BatchWriter(engine, this.next);
  }

  private next = () => this.seq++;

  table(format: TableFormat): TableWriter {
    let w = this.tableWriters.get(format.table);
    if (!w) this.tableWriters.set(format.table, (w = new TableWriter(this.engine, format, this.next)));
    return w;
  }

  get tables(): TableFormat[] { return [...this.tableWriters.values()].map((w) => w.format); }

  async flush(): Promise<void> {
    await this.events.flush();
    for (const w of this.tableWriters.values()) await w.flush();
  }
}
