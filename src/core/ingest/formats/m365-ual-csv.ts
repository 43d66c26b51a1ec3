// Microsoft 365 unified audit log as CSV: the Purview export, the classic 4-column export,
// Search-UnifiedAuditLog `Export-Csv`, and exports with AuditData already flattened into columns.

import type { EventRow } from '../../schema/events.ts';
import { maybeJson } from '../../normalise/flatten.ts';
import { RowError, type CsvFormat, type CsvReader } from './format.ts';
import { isObj, requireTime, type Obj } from './fields.ts';
import { canonicalKeys } from './m365-keys.ts';
import { m365Row } from './m365-record.ts';

export const headerKey = (h: string) => h.replace(/^\uFEFF/, '').trim().toLowerCase();

function sniffHeader(header: string[]): number {
  const cols = new Set(header.map(headerKey));
  const has = (...names: string[]) => names.some((n) => cols.has(n));
  if (has('auditdata')) {
    if (has('creationdate') && has('operation', 'operations')) return 0.95;
    return has('creationdate', 'creationtime') ? 0.8 : 0;
  }
  if (has('creationtime') && has('operation') && has('recordtype') && has('userid', 'userids')) return 0.75;
  return 0;
}

function open(header: string[]): CsvReader {
  const names = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const index = new Map<string, number>();
  names.forEach((n, i) => { if (!index.has(n.toLowerCase())) index.set(n.toLowerCase(), i); });
  // Column positions are resolved once per file: this runs for every row.
  const at = (...keys: string[]): number[] => keys.flatMap((k) => (index.has(k) ? [index.get(k)!] : []));
  const column = (fields: string[], positions: number[]): string | undefined => {
    for (const i of positions) { const t = fields[i]?.trim(); if (t) return t; }
    return undefined;
  };
  const dateName = names[index.get('creationdate') ?? -1] ?? 'CreationDate';
  const dateAt = at('creationdate');

  if (index.has('auditdata')) {
    const auditAt = at('auditdata'), operationAt = at('operation', 'operations'), userAt = at('userid', 'userids');
    const typeAt = at('recordtype'), idAt = at('recordid', 'identity');
    return {
      read(fields: string[]): EventRow[] {
        const a = parseAuditData(column(fields, auditAt));
        fill(a, 'Operation', column(fields, operationAt));
        fill(a, 'UserId', column(fields, userAt));
        fill(a, 'RecordType', column(fields, typeAt));
        fill(a, 'Id', column(fields, idAt));
        const ts = requireTime([['AuditData.CreationTime', a.CreationTime], [dateName, column(fields, dateAt)]]);
        return [m365Row(a, ts)];
      },
    };
  }
  if (sniffHeader(header) === 0) throw new RowError('the header has neither an AuditData column nor CreationTime, Operation, RecordType and UserId');
  return {
    read(fields: string[]): EventRow[] {
      const flat: Obj = {};
      names.forEach((name, i) => {
        const v = fields[i]?.trim();
        if (v) setPath(flat, name, maybeJson(v));
      });
      const a = canonicalKeys(flat);
      return [m365Row(a, requireTime([['CreationTime', a.CreationTime], [dateName, column(fields, dateAt)]]))];
    },
  };
}

function parseAuditData(raw: string | undefined): Obj {
  if (!raw) throw new RowError('AuditData is empty');
  let parsed: unknown;
  try { parsed = JSON.parse(raw); } catch (e) { throw new RowError(`AuditData is not valid JSON: ${(e as Error).message.slice(0, 120)}`); }
  if (!isObj(parsed)) throw new RowError('AuditData is not a JSON object');
  return canonicalKeys(parsed);
}

function fill(a: Obj, key: string, value: string | undefined): void {
  if ((a[key] === undefined || a[key] === null || a[key] === '') && value) a[key] = value;
}

/** `AppAccessContext.AADSessionId` columns become nested objects, as in AuditData. */
function setPath(target: Obj, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let at = target;
  for (const p of parts.slice(0, -1)) {
    if (!isObj(at[p])) at[p] = {};
    at = at[p] as Obj;
  }
  at[parts[parts.length - 1]] = value;
}

export const m365UalCsv: CsvFormat = {
  id: 'm365-ual-csv',
  label: 'Microsoft 365 unified audit log (CSV: Purview export, Search-UnifiedAuditLog)',
  framing: 'csv',
  sniffHeader,
  open,
};
