// Person-weeks from the M365 usage reports. A report row holds a person's totals for the N days before its
// refresh date; it becomes a weekly average (× 7 / N) on the week the period ends. Only D7 exports give a
// true weekly series; when a person has several periods for the same week, the shortest wins.

import type { Engine } from '../../engine.ts';
import { ident } from '../../sql/quote.ts';
import type { Field } from '../catalogue.ts';
import { toNumber, type SourceWeek } from './types.ts';

interface UsageQuery { table: string; fields: Partial<Record<Field, string>>; partition?: string }

const QUERIES: UsageQuery[] = [
  { table: 'usage_email', fields: { emails_sent: 'send_count', emails_received: 'receive_count', emails_read: 'read_count' } },
  {
    table: 'usage_teams',
    fields: {
      chats: 'coalesce(team_chat_messages, 0) + coalesce(private_chat_messages, 0)', calls: 'calls',
      meetings: 'coalesce(meetings_attended, meetings)', collaboration_hours: 'audio_seconds / 3600.0',
    },
  },
  { table: 'usage_files', fields: { documents: 'viewed_or_edited' }, partition: 'service' },
];

function sql(q: UsageQuery): string {
  const cols = Object.entries(q.fields).map(([f, expr]) => `(${expr}) * 7.0 / period_days AS ${ident(f)}`).join(', ');
  const byService = q.partition ? `, ${ident(q.partition)}` : '';
  return `
    SELECT upn AS identity, week, ${Object.keys(q.fields).map((f) => `sum(${ident(f)}) AS ${ident(f)}`).join(', ')}
    FROM (
      SELECT upn, CAST(CAST(date_trunc('week', refresh_date - 1) AS DATE) AS VARCHAR) AS week, ${cols},
             row_number() OVER (PARTITION BY upn, date_trunc('week', refresh_date - 1)${byService} ORDER BY period_days, refresh_date DESC) AS rn
      FROM ${ident(q.table)}
    ) WHERE rn = 1 GROUP BY 1, 2`;
}

export async function usageWeeks(engine: Engine, tables: ReadonlySet<string>): Promise<SourceWeek[]> {
  const out: SourceWeek[] = [];
  for (const q of QUERIES) {
    if (!tables.has(q.table)) continue;
    for (const r of await engine.query(sql(q))) {
      const values: SourceWeek['values'] = {};
      for (const f of Object.keys(q.fields) as Field[]) { const v = toNumber(r[f]); if (v !== undefined) values[f] = v; }
      out.push({ identity: String(r.identity), week: String(r.week), values, active: null });
    }
  }
  return out;
}
