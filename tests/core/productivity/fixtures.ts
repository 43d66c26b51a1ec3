// Tiny hand-made inputs for the productivity tests: events straight into `events` (through the staging table,
// as the batch writer does) and table rows through our TableFormats.

import type { Engine } from '../../../src/core/engine.ts';
import type { TableFormat } from '../../../src/core/ingest/formats/format.ts';
import { ensureSchema, ingest } from '../../../src/core/ingest/session.ts';
import { EVENTS_STORE } from '../../../src/core/schema/ddl.ts';
import { ATTR_SEP, STORE_COLUMNS } from '../../../src/core/schema/events.ts';

export interface TestEvent {
  at: string;            // ISO UTC
  actor: string;
  action: string;
  source?: 'm365' | 'gws';
  category?: string;
  workload?: string;
  target?: string;
  attrs?: Record<string, string>;
}

export async function putEvents(engine: Engine, events: readonly TestEvent[]): Promise<void> {
  await ensureSchema(engine);
  const [{ next }] = await engine.query('SELECT coalesce(max(seq) + 1, 0)::DOUBLE AS next FROM events');
  const rows = events.map((e, i) => ({
    ts: Date.parse(e.at), source: e.source ?? 'm365', format: 'test', workload: e.workload ?? null,
    category: e.category ?? 'other', action: e.action, outcome: 'success', actor: e.actor, actor_type: 'user',
    ip: null, user_agent: null, target: e.target ?? null, target_user: null, session_id: null, app_id: null,
    record_id: `r${Number(next) + i}`, country: null,
    attrs_k: Object.keys(e.attrs ?? {}).join(ATTR_SEP), attrs_v: Object.values(e.attrs ?? {}).join(ATTR_SEP),
    file_id: 0, line: i + 1, byte_offset: 0, byte_length: 1, seq: Number(next) + i,
  } as Record<string, string | number | null>));
  await engine.append(EVENTS_STORE, {
    length: rows.length,
    columns: STORE_COLUMNS.map((c) => ({
      name: c.name, kind: c.kind,
      values: c.kind === 'string' ? rows.map((r) => r[c.name] as string | null)
        : c.kind === 'integer' ? Int32Array.from(rows, (r) => r[c.name] as number) : Float64Array.from(rows, (r) => r[c.name] as number),
    })),
  });
}

/** Loads CSV text through the shared ingest path, offering only the given table format; returns rows loaded. */
export async function putTable(engine: Engine, format: TableFormat, csv: string): Promise<number> {
  const { files: [report] } = await ingest(engine, [{ blob: new Blob([csv]), name: `${format.id}.csv` }], { formats: [format] });
  if (report.fatal || report.rejected) throw new Error(`${format.id}: ${report.fatal ?? JSON.stringify(report.errors)}`);
  return report.loaded;
}

export const HR_HEADER = 'email,display_name,department,job_title,manager_email,level,country,time_zone,hire_date,termination_date,account_type';
