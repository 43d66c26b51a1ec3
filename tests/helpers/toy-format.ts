// A minimal format used to test the pipeline independently of the real export formats.

import type { CsvFormat, JsonFormat } from '../../src/core/ingest/formats/format.ts';
import { RowError } from '../../src/core/ingest/formats/format.ts';
import { parseTime } from '../../src/core/normalise/time.ts';
import type { EventRow } from '../../src/core/schema/events.ts';

function row(id: string, time: unknown, action: string): EventRow {
  const ts = parseTime(time);
  if (Number.isNaN(ts)) throw new RowError(`no valid time: '${String(time)}'`);
  return { ts, source: 'github', workload: 'toy', category: 'other', action, outcome: 'unknown', actor: 'a@x', actorType: 'user',
    ip: null, userAgent: null, target: null, targetUser: null, sessionId: null, appId: null, recordId: id, country: null,
    attrs: { id, 'k\x1fx': 'v\x1fy' } };
}

export const toyCsv: CsvFormat = {
  id: 'github-audit-csv', label: 'Toy CSV', framing: 'csv',
  sniffHeader: (h) => (h.join(',') === 'id,time,action' ? 1 : 0),
  open: () => ({ read: (f) => [row(f[0], f[1], f[2])] }),
};

export const toyJson: JsonFormat = {
  id: 'github-audit-json', label: 'Toy JSON', framing: 'json', unwrap: true,
  sniffRecord: (r) => (r && typeof r === 'object' && 'toy' in r ? 1 : 0),
  read: (r) => {
    const o = r as { id: string; time: unknown; actions?: string[] };
    return (o.actions ?? ['one']).map((a, i) => row(`${o.id}:${i}`, o.time, a));
  },
};

export const toyTable: import('../../src/core/ingest/formats/format.ts').TableFormat = {
  id: 'toy-people', label: 'Toy directory', framing: 'csv', kind: 'table', table: 'toy_people',
  columns: [{ name: 'email', sql: 'VARCHAR' }, { name: 'hired', sql: 'DATE' }, { name: 'level', sql: 'INTEGER' }],
  key: ['email'],
  sniffHeader: (h) => (h.join(',') === 'email,hired,level' ? 1 : 0),
  open: () => ({
    read: (f) => {
      if (!f[0].includes('@')) throw new RowError(`not an e-mail address: '${f[0]}'`);
      return [{ email: f[0].toLowerCase(), hired: f[1] || null, level: f[2] ? Number(f[2]) : null }];
    },
  }),
};
