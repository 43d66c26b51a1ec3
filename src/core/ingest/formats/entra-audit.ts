// Maps one Entra ID directory audit record (diagnostic `AuditLogs`, Graph `directoryAudit`,
// or a SIEM AuditLogs row with JSON-string columns) to an EventRow.

import type { Category, EventRow, Outcome } from '../../schema/events.ts';
import { clean, maybeJson } from '../../normalise/flatten.ts';
import { normaliseIp } from '../../normalise/ip.ts';
import { normalisePrincipal, principalType } from '../../normalise/principal.ts';
import { RowError } from './format.ts';
import { CiObject, firstText, isObj, requireTime, text } from './fields.ts';
import { directoryOperationCategory } from './m365-categories.ts';
import { asList, principalLike, putChanges } from './m365-values.ts';

const AUDIT_CATEGORIES: Record<string, Category> = {
  usermanagement: 'account', groupmanagement: 'account', rolemanagement: 'role', authorization: 'role',
  applicationmanagement: 'application', policy: 'policy', directorymanagement: 'admin', device: 'device',
  devicemanagement: 'device', authentication: 'authentication', userauthenticationmethod: 'account',
  entitlementmanagement: 'role', privilegedidentitymanagement: 'role',
};

const MAX_TARGETS = 3;
const MAX_DETAILS = 20;

export function auditRow(top: CiObject, props: CiObject, nested: boolean): EventRow {
  const ts = requireTime([
    [nested ? 'properties.activityDateTime' : 'activityDateTime', props.get('activityDateTime')],
    ['time', top.get('time')],
    ['TimeGenerated', top.get('TimeGenerated')],
  ]);
  const action = firstText(top.get('operationName'), props.get('operationName', 'activityDisplayName'));
  if (!action) throw new RowError('no operationName or activityDisplayName in the audit record');
  const initiatedBy = objectOf(props.get('initiatedBy'));
  const user = initiatedBy?.obj('user');
  const app = initiatedBy?.obj('app');
  const actor = normalisePrincipal(firstText(user?.get('userPrincipalName'), app?.get('servicePrincipalName'), app?.get('displayName')));
  const targets = (asList(props.get('targetResources')) ?? []).filter(isObj).map((t) => new CiObject(t));
  const details = asList(props.get('additionalDetails'));

  return {
    ts, source: 'entra',
    workload: (nested && top.text('category')) || 'AuditLogs',
    category: categoryOf(action, props.text('category'), top.text('category')),
    action,
    outcome: outcomeOf(firstText(props.get('result'), top.get('result'))),
    actor,
    actorType: user ? principalType(actor) : app ? 'service' : 'unknown',
    ip: normaliseIp(top.get('callerIpAddress')) ?? normaliseIp(user?.get('ipAddress')) ?? normaliseIp(top.get('ipAddress')),
    userAgent: text(detail(details, 'User-Agent') ?? detail(details, 'UserAgent')),
    target: firstText(targets[0]?.get('displayName'), targets[0]?.get('userPrincipalName'), targets[0]?.get('id')),
    targetUser: targetUserOf(targets),
    sessionId: null,
    appId: text(app?.get('appId')),
    recordId: firstText(props.get('id'), top.get('id')),
    country: null,
    attrs: attrsOf(top, props, nested, user, app, targets, details),
  };
}

const objectOf = (v: unknown): CiObject | null => { const p = maybeJson(v); return isObj(p) ? new CiObject(p) : null; };

function categoryOf(action: string, auditCategory: string | null, envelopeCategory: string | null): Category {
  return directoryOperationCategory(action)
    ?? AUDIT_CATEGORIES[(auditCategory ?? '').toLowerCase()]
    ?? AUDIT_CATEGORIES[(envelopeCategory ?? '').toLowerCase()]
    ?? 'admin';
}

function outcomeOf(result: string | null): Outcome {
  const r = result?.toLowerCase();
  if (r === 'success') return 'success';
  if (r === 'failure' || r === 'timeout') return 'failure';
  return 'unknown';
}

function detail(details: unknown[] | null, key: string): unknown {
  for (const d of details ?? []) if (isObj(d) && d.key === key) return d.value;
  return undefined;
}

function targetUserOf(targets: CiObject[]): string | null {
  for (const t of targets) {
    if (t.text('type')?.toLowerCase() !== 'user') continue;
    const p = principalLike(t.get('userPrincipalName')) ?? principalLike(t.get('displayName'));
    if (p) return p;
  }
  return null;
}

function attrsOf(top: CiObject, props: CiObject, nested: boolean, user: CiObject | null | undefined, app: CiObject | null | undefined,
  targets: CiObject[], details: unknown[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, v: unknown) => { const t = text(v); if (t !== null) out[key] = clean(t, 1024); };
  if (nested) put('category', top.get('category'));
  put('auditCategory', props.get('category'));
  for (const key of ['activityDisplayName', 'loggedByService', 'operationType', 'result', 'resultReason']) put(key, props.get(key));
  put('initiatedBy.user.id', user?.get('id'));
  put('initiatedBy.app.displayName', app?.get('displayName'));
  put('initiatedBy.app.appId', app?.get('appId'));
  put('initiatedBy.app.servicePrincipalId', app?.get('servicePrincipalId'));
  targets.slice(0, MAX_TARGETS).forEach((t, i) => {
    for (const key of ['type', 'displayName', 'id', 'userPrincipalName']) put(`targetResources.${i}.${key}`, t.get(key));
  });
  if (targets.length > MAX_TARGETS) put('targetResources.count', targets.length);
  for (const t of targets) putChanges(asList(t.get('modifiedProperties')), 'ModifiedProperties', out);
  let n = 0;
  for (const d of details ?? []) {
    if (!isObj(d) || n >= MAX_DETAILS) continue;
    const key = text(d.key);
    if (key && key !== 'User-Agent') { put(`additionalDetails.${key.replace(/\./g, '_')}`, d.value); n++; }
  }
  return out;
}
