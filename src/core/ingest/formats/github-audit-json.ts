// GitHub organisation / enterprise audit log as JSON (UI export, REST API, streamed NDJSON).

import type { EventRow } from '../../schema/events.ts';
import { flatten } from '../../normalise/flatten.ts';
import type { JsonFormat } from './format.ts';
import { eachRecord, isObj, text, wrapperItems, type Obj } from './fields.ts';
import { githubRow, TIME_KEYS } from './github-record.ts';

const DOTTED_ACTION = /^[a-z0-9_]+\.[a-z0-9_.]+$/;
const BARE_ACTION = /^[a-z0-9_]+$/;

function sniffRecord(record: unknown): number {
  if (!isObj(record)) return 0;
  const action = text(record.action);
  if (!action) return 0;
  const timed = TIME_KEYS.some((k) => k in record);
  const context = ['actor', '_document_id', 'org', 'business', 'repo'].some((k) => k in record);
  if (DOTTED_ACTION.test(action)) return 0.5 + (timed ? 0.3 : 0) + (context ? 0.1 : 0);
  return BARE_ACTION.test(action) && timed && context ? 0.6 : 0;
}

function read(record: unknown): EventRow[] {
  return eachRecord(record, (r) => !('action' in r) && wrapperItems(r) !== null, (r) => [githubRow(flat(r))]);
}

function flat(record: Obj): Record<string, string> {
  const kept: Obj = {};
  for (const [k, v] of Object.entries(record)) if (!k.startsWith('p_')) kept[k] = v;
  return flatten(kept, { maxKeys: 100, maxValue: 1024 });
}

export const githubAuditJson: JsonFormat = {
  id: 'github-audit-json',
  label: 'GitHub audit log (JSON / NDJSON)',
  framing: 'json',
  unwrap: false,
  sniffRecord,
  read,
};
