// Normalised rows → the staging table's columns (attrs packed as two separator-joined strings).

import type { ColumnBatch } from '../engine.ts';
import { ATTR_SEP, STAGE_COLUMNS, type EventRow, type RawPointer } from '../schema/events.ts';

const sep = new RegExp(ATTR_SEP, 'g');

export class StageBuilder {
  private cols = STAGE_COLUMNS.map((c) => ({ name: c.name, kind: c.kind, values: [] as (string | number | null)[] }));
  length = 0;

  add(row: EventRow, format: string, at: RawPointer, seq: number): void {
    const keys = Object.keys(row.attrs);
    const values: (string | number | null)[] = [
      row.ts, row.source, format, row.workload, row.category, row.action, row.outcome, row.actor, row.actorType,
      row.ip, row.userAgent, row.target, row.targetUser, row.sessionId, row.appId, row.recordId, row.country,
      keys.map((k) => k.replace(sep, ' ')).join(ATTR_SEP),
      keys.map((k) => row.attrs[k].replace(sep, ' ')).join(ATTR_SEP),
      at.fileId, at.line, at.offset, at.length, seq,
    ];
    for (let i = 0; i < values.length; i++) this.cols[i].values.push(values[i]);
    this.length++;
  }

  /** Hands out the batch and starts empty again. */
  take(): ColumnBatch {
    const batch: ColumnBatch = {
      length: this.length,
      columns: this.cols.map((c) => ({
        name: c.name, kind: c.kind,
        values: c.kind === 'string' ? (c.values as (string | null)[])
          : c.kind === 'integer' ? Int32Array.from(c.values as number[]) : Float64Array.from(c.values as number[]),
      })),
    };
    for (const c of this.cols) c.values = [];
    this.length = 0;
    return batch;
  }
}
