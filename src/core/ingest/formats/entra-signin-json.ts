// Entra ID sign-in and directory audit logs as JSON: Azure Monitor diagnostic records
// (`{time, operationName, category, properties{…}}`, also `{"records":[…]}` storage blobs),
// Graph `signIn` / `directoryAudit` objects (`{"value":[…]}` downloads), and SIEM-table rows.

import type { EventRow } from '../../schema/events.ts';
import { RowError, type JsonFormat } from './format.ts';
import { CiObject, eachRecord, isObj, wrapperItems, type Obj } from './fields.ts';
import { auditRow } from './entra-audit.ts';
import { signInRow } from './entra-signin.ts';

type Kind = { kind: 'signin' | 'audit'; props: CiObject; nested: boolean; score: number };

const AUDIT_KEYS = ['activityDisplayName', 'initiatedBy', 'targetResources', 'activityDateTime', 'loggedByService'];
const SIGNIN_KEYS = ['createdDateTime', 'userPrincipalName', 'status', 'appId', 'appDisplayName', 'clientAppUsed'];

function classify(top: CiObject): Kind | null {
  if (top.has('auditLogRecordType') || top.has('auditData') || top.has('AuditData')) return null;
  const props = top.obj('properties');
  if (props) {
    const envelope = (top.has('operationName') || top.has('category'))
      && ['time', 'resultType', 'callerIpAddress', 'tenantId', 'resourceId', 'correlationId'].some((k) => top.has(k));
    if (!envelope) return null;
    const category = top.text('category')?.toLowerCase() ?? '';
    const audit = category === 'auditlogs' || (!category.endsWith('signinlogs') && AUDIT_KEYS.some((k) => props.has(k)));
    return { kind: audit ? 'audit' : 'signin', props, nested: true, score: 0.9 };
  }
  if (top.has('activityDateTime') && (top.has('activityDisplayName') || top.has('initiatedBy'))) return { kind: 'audit', props: top, nested: false, score: 0.85 };
  if (top.has('createdDateTime') && top.has('userPrincipalName') && SIGNIN_KEYS.filter((k) => top.has(k)).length >= 3) {
    return { kind: 'signin', props: top, nested: false, score: 0.85 };
  }
  if (top.has('TimeGenerated') && top.has('OperationName')) {
    if (top.has('InitiatedBy') || top.has('TargetResources')) return { kind: 'audit', props: top, nested: false, score: 0.5 };
    if (top.has('ResultType') && top.has('UserPrincipalName')) return { kind: 'signin', props: top, nested: false, score: 0.5 };
  }
  return null;
}

function sniffRecord(record: unknown): number {
  return isObj(record) ? classify(new CiObject(record))?.score ?? 0 : 0;
}

function read(record: unknown): EventRow[] {
  return eachRecord(record, (r) => wrapperItems(r) !== null && classify(new CiObject(r)) === null, (r) => [readOne(r)]);
}

function readOne(record: Obj): EventRow {
  const top = new CiObject(record);
  const k = classify(top);
  if (!k) throw new RowError('not an Entra ID sign-in or audit record (no properties/createdDateTime/activityDateTime)');
  return k.kind === 'audit' ? auditRow(top, k.props, k.nested) : signInRow(top, k.props, k.nested);
}

export const entraSigninJson: JsonFormat = {
  id: 'entra-signin-json',
  label: 'Microsoft Entra ID sign-in and audit logs (JSON: diagnostic export, Graph)',
  framing: 'json',
  unwrap: true,
  sniffRecord,
  read,
};
