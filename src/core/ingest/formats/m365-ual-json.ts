// Microsoft 365 unified audit log as JSON: Management Activity API records, Search-UnifiedAuditLog
// `ConvertTo-Json` objects (AuditData as a string), Graph audit-search records (camelCase wrapper
// around `auditData`), lower-cased keys, and (best effort) Sentinel OfficeActivity rows.

import type { EventRow } from '../../schema/events.ts';
import { RowError, type JsonFormat } from './format.ts';
import { CiObject, eachRecord, isObj, requireTime, wrapperItems, type Obj } from './fields.ts';
import { canonicalKeys } from './m365-keys.ts';
import { m365Row } from './m365-record.ts';

type Shape = 'search' | 'graph' | 'activity' | 'siem';

function shapeOf(r: CiObject): Shape | null {
  if (r.has('auditLogRecordType') || (isObj(r.get('auditData')) && r.has('createdDateTime'))) return 'graph';
  if (r.has('AuditData') && (r.has('Operations') || r.has('Operation') || r.has('Identity') || r.has('CreationDate'))) return 'search';
  if (r.has('Operation') && r.has('CreationTime')) return 'activity';
  if (r.has('Operation') && r.has('TimeGenerated') && (r.has('OfficeWorkload') || r.has('RecordType'))) return 'siem';
  return null;
}

function sniffRecord(record: unknown): number {
  if (!isObj(record)) return 0;
  const r = new CiObject(record);
  switch (shapeOf(r)) {
    case 'search': return 0.95;
    case 'graph': return 0.9;
    case 'activity': return r.has('RecordType') || r.has('Workload') || r.has('UserId') ? 0.9 : 0.6;
    case 'siem': return 0.5;
    default: return 0;
  }
}

function read(record: unknown): EventRow[] {
  // Fast path for the common case (documented casing): no case-insensitive shape detection per record.
  if (isObj(record) && 'Operation' in record && 'CreationTime' in record) {
    return [m365Row(record, requireTime([['CreationTime', record.CreationTime]]))];
  }
  return eachRecord(record, (r) => shapeOf(new CiObject(r)) === null && wrapperItems(r) !== null, (r) => [readOne(r)]);
}

function readOne(record: Obj): EventRow {
  const r = new CiObject(record);
  const shape = shapeOf(r);
  if (shape === 'search') return fromSearch(r);
  if (shape === 'graph') return fromGraph(r);
  const a = canonicalKeys(record);
  fill(a, 'Workload', a.OfficeWorkload);
  fill(a, 'ClientIP', a.Client_IPAddress);
  fill(a, 'Id', a.OfficeId);
  return m365Row(a, requireTime([['CreationTime', a.CreationTime], ['TimeGenerated', a.TimeGenerated]]));
}

function fromSearch(r: CiObject): EventRow {
  const raw = r.get('AuditData');
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    try { parsed = JSON.parse(raw); } catch (e) { throw new RowError(`AuditData is not valid JSON: ${(e as Error).message.slice(0, 120)}`); }
  }
  if (!isObj(parsed)) throw new RowError('AuditData is not a JSON object');
  const a = canonicalKeys(parsed);
  fill(a, 'Operation', r.get('Operations', 'Operation'));
  fill(a, 'UserId', r.get('UserIds', 'UserId'));
  fill(a, 'RecordType', r.get('RecordType'));
  fill(a, 'Id', r.get('Identity', 'RecordId'));
  const ts = requireTime([['AuditData.CreationTime', a.CreationTime], ['CreationDate', dotNetDate(r.get('CreationDate'))]]);
  return m365Row(a, ts);
}

function fromGraph(r: CiObject): EventRow {
  const inner = r.get('auditData');
  const a = canonicalKeys(isObj(inner) ? inner : {});
  fill(a, 'Id', r.get('id'));
  fill(a, 'Operation', r.get('operation'));
  fill(a, 'UserId', r.get('userPrincipalName', 'userId'));
  fill(a, 'ClientIP', r.get('clientIp'));
  fill(a, 'ObjectId', r.get('objectId'));
  fill(a, 'Workload', r.get('service'));
  fill(a, 'RecordType', r.get('auditLogRecordType'));
  fill(a, 'UserType', r.get('userType'));
  fill(a, 'OrganizationId', r.get('organizationId'));
  return m365Row(a, requireTime([['auditData.CreationTime', a.CreationTime], ['createdDateTime', r.get('createdDateTime')]]));
}

function fill(a: Obj, key: string, value: unknown): void {
  if ((a[key] === undefined || a[key] === null || a[key] === '') && value !== undefined && value !== null && value !== '') a[key] = value;
}

/** Windows PowerShell 5.1 `ConvertTo-Json` writes dates as `/Date(1663264162000)/`. */
export function dotNetDate(v: unknown): unknown {
  const m = typeof v === 'string' ? /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(v.trim()) : null;
  return m ? Number(m[1]) : v;
}

export const m365UalJson: JsonFormat = {
  id: 'm365-ual-json',
  label: 'Microsoft 365 unified audit log (JSON: Management API, Search-UnifiedAuditLog, Graph audit search)',
  framing: 'json',
  unwrap: true,
  sniffRecord,
  read,
};
