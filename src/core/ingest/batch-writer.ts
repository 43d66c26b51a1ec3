// Collects normalised rows into columnar batches and moves them into `events` through the staging table.

import type { ColumnBatch, Engine } from '../engine.ts';
import { ATTR_SEP, STAGE_COLUMNS, type EventRow, type RawPointer } from '../schema/events.ts';
import { FLUSH_STAGE } from '../schema/ddl.ts';

const BATCH_ROWS = 16_384;
const sep = new RegExp(ATTR_SEP, 'g');

export class BatchWriter {
  private cols = STAGE_COLUMNS.map((c) => ({ name: c.name, kind: c.kind, values: [] as (string | number | null)[] }));
  private count = 0;

  constructor(private engine: Engine, private nextSeq: () => number) {}

  async add(row: EventRow, format: string, at: RawPointer): Promise<void> {
    const keys = Object.keys(row.attrs);
    const values: (string | number | null)[] = [
      row.ts, row.source, format, row.workload, row.category, row.action, row.outcome, row.actor, row.actorType,
      row.ip, row.userAgent, row.target, row.targetUser, row.sessionId, row.appId, row.recordId, row.country,
      keys.map((k) => k.replace(sep, ' ')).join(ATTR_SEP),
      keys.map((k) => row.attrs[k].replace(sep, ' ')).join(ATTR_SEP),
      at.fileId, at.line, at.offset, at.length, this.nextSeq(),
    ];
    for (let i = 0; i < values.length; i++) this.cols[i].values.push(values[i]);
    if (++this.count >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.count) return;
    const batch: ColumnBatch = {
      length: this.count,
      columns: this.cols.map((c) => ({
        name: c.name, kind: c.kind,
        values: c.kind === 'string' ? (c.values as (string | null)[])
          : c.kind === 'integer' ? Int32Array.from(c.values as number[]) : Float64Array.from(c.values as number[]),
      })),
    };
    for (const c of this.cols) c.values = [];
    this.count = 0;
    await this.engine.append('stage', batch);
    for (const sql of FLUSH_STAGE) await this.engine.query(sql);
  }
}
