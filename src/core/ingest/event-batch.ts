// Normalised rows → the columns of `events_store` (attrs packed as two separator-joined strings).

import type { ColumnBatch } from '../engine.ts';
import { ATTR_SEP, STORE_COLUMNS, type EventRow, type RawPointer } from '../schema/events.ts';

type Cell = string | number | null;

export class EventBatchBuilder {
  private cols: Cell[][] = STORE_COLUMNS.map(() => []);
  private readonly keys: string[] = [];
  private readonly values: string[] = [];
  length = 0;

  /** Cells go straight into their columns, in STORE_COLUMNS order: this runs once per event. */
  add(row: EventRow, format: string, at: RawPointer, seq: number): void {
    const c = this.cols;
    c[0].push(row.ts); c[1].push(row.source); c[2].push(format); c[3].push(row.workload); c[4].push(row.category);
    c[5].push(row.action); c[6].push(row.outcome); c[7].push(row.actor); c[8].push(row.actorType); c[9].push(row.ip);
    c[10].push(row.userAgent); c[11].push(row.target); c[12].push(row.targetUser); c[13].push(row.sessionId);
    c[14].push(row.appId); c[15].push(row.recordId); c[16].push(row.country);
    // Joined, not concatenated: a rope of two parts per attribute outlives young-generation GCs until the
    // batch is encoded, and copying those survivors was most of the parse workers' GC time.
    const keys = this.keys, values = this.values;
    for (const k in row.attrs) { keys.push(unsep(k)); values.push(unsep(row.attrs[k])); }
    c[17].push(keys.join(ATTR_SEP)); c[18].push(values.join(ATTR_SEP));
    keys.length = 0; values.length = 0;
    c[19].push(at.fileId); c[20].push(at.line); c[21].push(at.offset); c[22].push(at.length); c[23].push(seq);
    this.length++;
  }

  /** Hands out the batch and starts empty again. */
  take(): ColumnBatch {
    const batch: ColumnBatch = {
      length: this.length,
      columns: STORE_COLUMNS.map((spec, i) => {
        const values = this.cols[i];
        return {
          name: spec.name, kind: spec.kind,
          values: spec.kind === 'string' ? (values as (string | null)[])
            : spec.kind === 'integer' ? Int32Array.from(values as number[]) : Float64Array.from(values as number[]),
        };
      }),
    };
    this.cols = STORE_COLUMNS.map(() => []);
    this.length = 0;
    return batch;
  }
}

const unsep = (s: string) => (s.includes(ATTR_SEP) ? s.replaceAll(ATTR_SEP, ' ') : s);
