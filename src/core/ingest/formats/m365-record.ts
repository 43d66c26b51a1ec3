// Maps one Management Activity API record (the UAL `AuditData` object, keys in documented casing)
// to an EventRow. Shared by the CSV and JSON M365 formats, which find the time and the object.

import type { ActorType, EventRow, Outcome } from '../../schema/events.ts';
import { FlatInto } from '../../normalise/flatten.ts';
import { normaliseIp } from '../../normalise/ip.ts';
import { normalisePrincipal, principalType } from '../../normalise/principal.ts';
import { RowError } from './format.ts';
import { firstText, isObj, text, type Obj } from './fields.ts';
import { m365Category, operationKey } from './m365-categories.ts';
import { putChanges, asList, nameValue, principalLike } from './m365-values.ts';
import { recordTypeName, recordTypeValue, recordTypeWorkload } from './m365-record-types.ts';

/** Top-level keys that never reach attrs: promoted to columns, summarised, or bulky identifiers. */
const DROP = new Set([
  'CreationTime', 'Id', 'Operation', 'Workload', 'UserId', 'RecordType', 'ClientIP', 'ActorIpAddress',
  'ClientIPAddress', 'OrganizationId', 'Version', 'UserKey', 'OrganizationName', 'OriginatingServer',
  'InterSystemsId', 'IntraSystemId', 'SupportTicketId', 'ActorContextId', 'TargetContextId', 'Actor', 'Target',
  'MailboxGuid', 'MailboxOwnerSid', 'LogonUserSid', 'TokenObjectId', 'TokenTenantId', 'ModifiedProperties',
  'Folders', 'ListId', 'ListItemUniqueId', 'WebId', 'Site', 'DoNotDistributeEvent', 'HighPriorityMediaProcessing',
  'CorrelationId', 'ResultStatus', 'LogonError', 'ErrorNumber', 'UserType', '@odata.type',
  // SIEM-table (Sentinel OfficeActivity) bookkeeping
  'TenantId', 'SourceSystem', 'Type', 'TimeGenerated', 'OfficeWorkload', 'OfficeId', 'SourceRecordId',
  'OfficeTenantId', 'OfficeTenantId_', 'OrganizationId_', 'UserId_', 'Client_IPAddress', 'Start_Time',
]);

const SKIP_NESTED = new Set([
  'AppAccessContext.AADSessionId', 'AppAccessContext.UniqueTokenId', 'AppAccessContext.IssuedAtTime',
  'AppAccessContext.TokenIssuedAtTime', 'AppAccessContext.CorrelationId', 'AppAccessContext.ClientAppId',
  'ExtendedProperties.UserAgent', 'DeviceProperties.SessionId', 'Item.Id', 'Item.ParentFolder.Id',
  'Item.ParentFolder.MemberRights', 'Item.ParentFolder.MemberSid', 'Item.ParentFolder.MemberUpn',
]);

const MAX_KEYS = 64;
const MAX_LIST = 5;
const FLAT = { skip: SKIP_NESTED, maxKeys: MAX_KEYS, maxValue: 1024 };

const USER_TYPES: Record<string, ActorType> = {
  '0': 'user', regular: 'user', '2': 'admin', admin: 'admin', '3': 'admin', dcadmin: 'admin',
  '4': 'system', system: 'system', '8': 'system', systempolicy: 'system',
  '5': 'service', application: 'service', '6': 'service', serviceprincipal: 'service', '10': 'guest', guest: 'guest',
};

export function m365Row(a: Obj, ts: number): EventRow {
  const operation = text(a.Operation);
  if (!operation) throw new RowError('no Operation in the audit record');
  const recordType = recordTypeValue(a.RecordType);
  const workload = text(a.Workload) ?? (recordType === null ? null : recordTypeWorkload(recordType));
  const actor = normalisePrincipal(a.UserId);
  const used = new Set<string>();
  const extended = asList(a.ExtendedProperties);
  const device = asList(a.DeviceProperties);
  const access = isObj(a.AppAccessContext) ? a.AppAccessContext : null;

  const userAgent = firstText(nameValue(extended, 'UserAgent'), take(a, 'UserAgent', used));
  const sessionId = firstText(access?.AADSessionId, nameValue(device, 'SessionId'), take(a, 'SessionId', used));
  const appId = firstText(take(a, 'ApplicationId', used) ?? take(a, 'AppId', used) ?? take(a, 'ClientAppId', used), access?.ClientAppId);

  return {
    ts, source: 'm365', workload,
    category: m365Category(operation, recordType, workload),
    action: operation,
    outcome: outcomeOf(operationKey(operation), a),
    actor,
    actorType: actorTypeOf(a.UserType, actor),
    ip: normaliseIp(a.ClientIP) ?? normaliseIp(a.ActorIpAddress) ?? normaliseIp(a.ClientIPAddress),
    userAgent, target: targetOf(a, used), targetUser: targetUserOf(a, actor),
    sessionId, appId,
    recordId: text(a.Id),
    country: null,
    attrs: attrsOf(a, recordType, used),
  };
}

/** Reads a top-level field and marks it as promoted to a column. */
function take(a: Obj, key: string, used: Set<string>): string | null {
  const t = text(a[key]);
  if (t !== null) used.add(key);
  return t;
}

function outcomeOf(op: string, a: Obj): Outcome {
  const status = text(a.ResultStatus)?.toLowerCase();
  const error = text(a.ErrorNumber);
  if (op === 'userloginfailed' || status === 'failed' || status === 'false' || status === 'failure'
    || (error !== null && error !== '0')) return 'failure';
  if (status === 'succeeded' || status === 'success' || status === 'true' || op === 'userloggedin') return 'success';
  return 'unknown';
}

function actorTypeOf(userType: unknown, actor: string | null): ActorType {
  const guessed = principalType(actor);
  if (guessed === 'anonymous') return guessed;
  const t = text(userType);
  return (t && USER_TYPES[t.toLowerCase()]) || guessed;
}

function targetOf(a: Obj, used: Set<string>): string | null {
  const objectId = take(a, 'ObjectId', used);
  if (objectId) return objectId;
  const site = text(a.SiteUrl)?.replace(/\/+$/, '');
  const rel = text(a.SourceRelativeUrl)?.replace(/^\/+|\/+$/g, '');
  const file = text(a.SourceFileName);
  if (site || rel || file) {
    if (rel) used.add('SourceRelativeUrl');
    const parts = [site, rel, file && !(rel ?? '').endsWith(file) ? file : null].filter(Boolean);
    return parts.join('/');
  }
  return firstText(a.TeamName, a.ItemName);
}

function targetUserOf(a: Obj, actor: string | null): string | null {
  for (const t of asList(a.Target) ?? []) {
    if (isObj(t) && String(t.Type) === '5') { const p = normalisePrincipal(t.ID); if (p) return p; }
  }
  const params = asList(a.Parameters);
  const candidate = principalLike(a.ModifiedObjectResolvedName) ?? principalLike(nameValue(params, 'Identity'))
    ?? principalLike(nameValue(params, 'Mailbox'));
  if (candidate) return candidate;
  const owner = normalisePrincipal(a.MailboxOwnerUPN);
  if (owner && owner !== actor) return owner;
  return principalLike(a.TargetUserOrGroupName);
}

function attrsOf(a: Obj, recordType: number | null, used: Set<string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (recordType !== null) {
    out.RecordType = String(recordType);
    const name = recordTypeName(recordType);
    if (name) out.RecordTypeName = name;
  } else if (text(a.RecordType)) out.RecordTypeName = text(a.RecordType)!;
  for (const key of ['ResultStatus', 'LogonError', 'ErrorNumber', 'UserType']) {
    const t = text(a[key]);
    if (t !== null) out[key] = t;
  }
  putChanges(asList(a.ModifiedProperties), 'ModifiedProperties', out);
  putFolders(asList(a.Folders), out);
  for (const k in a) if (long(a[k]) && kept(k, a[k], used)) out[`${k}.count`] = String((a[k] as unknown[]).length);
  const into = new FlatInto(out, FLAT);
  for (const k in a) {
    const v = a[k];
    if (kept(k, v, used)) into.walk(long(v) ? v.slice(0, MAX_LIST) : v, k);
  }
  return out;
}

const kept = (k: string, v: unknown, used: Set<string>) => !(DROP.has(k) || used.has(k) || v === null || v === '' || v === undefined);

/** Long lists keep their first entries and a count; `{Name, Value}` lists are kept whole (they become keys). */
const long = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > MAX_LIST && !(isObj(v[0]) && 'Name' in v[0]);

/** MailItemsAccessed lists every message id; only the folder paths and the item count are kept. */
function putFolders(folders: unknown[] | null, out: Record<string, string>): void {
  if (!folders?.length) return;
  const paths = new Set<string>();
  let items = 0;
  for (const f of folders) {
    if (!isObj(f)) continue;
    const path = text(f.Path);
    if (path) paths.add(path);
    if (Array.isArray(f.FolderItems)) items += f.FolderItems.length;
  }
  if (paths.size) out['Folders.Path'] = [...paths].join(',').slice(0, 1024);
  out['Folders.ItemCount'] = String(items);
}
