// Sigma logsource + field → an expression over `events` (docs/detections.md §Sigma has the table).
// Kinds: 'text' (one value), 'list' (any element may match), 'always' (no equivalent in our data, treated as satisfied
// for the records the logsource selects), 'missing' (the rule cannot be evaluated on our data).

import type { Query } from '../queries/query.ts';
import type { Source } from '../schema/events.ts';
import { attr, attrText } from '../detect/fields.ts';
import { raw, sql } from '../detect/sql.ts';

export type Normaliser = (v: string) => string[];

export type FieldExpr =
  | { kind: 'text'; expr: Query; normalise?: Normaliser; requires?: string[] }
  | { kind: 'list'; expr: Query }
  | { kind: 'always' }
  | { kind: 'missing'; reason: string };

export interface Pipeline { name: string; sources: Source[]; base: Query; field(name: string): FieldExpr }

const text = (expr: Query, normalise?: Normaliser, requires?: string[]): FieldExpr => ({ kind: 'text', expr, normalise, requires });
const missing = (reason: string): FieldExpr => ({ kind: 'missing', reason });

const OPERATION = raw(`rtrim(trim(action), '.')`);
const stripDot: Normaliser = (v) => [v.replace(/\.+$/, '')];
const STATUS: Record<string, string[]> = {
  success: ['succeeded', 'success', 'true'], succeeded: ['succeeded', 'success', 'true'],
  failure: ['failed', 'failure', 'false'], failed: ['failed', 'failure', 'false'],
};
const status: Normaliser = (v) => STATUS[v.toLowerCase()] ?? [v];
const outcome: Normaliser = (v) => { const s = v.toLowerCase(); return s.startsWith('succ') ? ['success'] : s.startsWith('fail') ? ['failure'] : [v]; };
const service: Normaliser = (v) => [v.replace(/\.googleapis\.com$/i, '')];

const MODIFIED_NAMES = raw(`list_transform(list_filter(map_keys(attrs), lambda k: starts_with(k, 'ModifiedProperties.') AND ends_with(k, '.NewValue')),
  lambda k: regexp_extract(k, '^ModifiedProperties\\.(.*)\\.NewValue$', 1))`);
const modifiedValues = (side: 'NewValue' | 'OldValue') => raw(`list_transform(list_filter(map_entries(attrs),
  lambda e: starts_with(e.key, 'ModifiedProperties.') AND ends_with(e.key, '.${side}')), lambda e: e.value)`);
const lower = (k: string) => k.toLowerCase();

const m365: Pipeline = {
  name: 'm365', sources: ['m365'], base: raw(`source = 'm365'`),
  field(name) {
    switch (lower(name)) {
      case 'operation': return text(OPERATION, stripDot);
      case 'workload': case 'eventsource': return text(raw('workload'));
      case 'resultstatus': case 'status': return text(attr('ResultStatus'), status);
      case 'eventname': return text(sql`coalesce(${attr('Name', 'AlertName')}, action)`);
      case 'applicationid': case 'appid': case 'clientappid': return text(raw('app_id'));
      case 'objectid': return text(raw('target'));
      case 'userid': return text(raw('actor'));
      case 'clientip': return text(raw('ip'));
      case 'requesttype': return text(attr('ExtendedProperties.RequestType', 'RequestType'));
      case 'parameters': case 'payload': return text(attrText('Parameters.'));
      case 'operationproperties': return text(attrText('OperationProperties.'));
      default: return text(attr(name), undefined, [name]);
    }
  },
};

const auditLogs: Pipeline = {
  name: 'azure/auditlogs', sources: ['m365', 'entra'],
  base: raw(`((source = 'm365' AND lower(coalesce(workload, '')) = 'azureactivedirectory') OR (source = 'entra' AND category <> 'authentication'))`),
  field(name) {
    switch (lower(name)) {
      case 'properties.message': case 'operationname': case 'activitydisplayname': return text(OPERATION, stripDot);
      case 'category': case 'loggedbyservice': case 'activitytype': return { kind: 'always' };
      case 'status': case 'properties.result': case 'result': return text(raw('outcome'), outcome);
      case 'targetresources.modifiedproperties.displayname': return { kind: 'list', expr: MODIFIED_NAMES };
      case 'targetresources.modifiedproperties.newvalue': case 'targetresources.modifiedproperties': return { kind: 'list', expr: modifiedValues('NewValue') };
      case 'targetresources.modifiedproperties.oldvalue': return { kind: 'list', expr: modifiedValues('OldValue') };
      case 'initiatedby': case 'initiated.by': case 'initiatied.by': case 'properties.initiatedby': return text(raw('actor'));
      case 'consentcontext.isadminconsent': return text(attr('ModifiedProperties.ConsentContext_IsAdminConsent.NewValue'));
      case 'target': case 'targetresources': case 'properties.targetresources':
        return text(sql`concat_ws(' ', target, target_user, ${attrText('ModifiedProperties.')})`);
      default: return missing(`${name} has no equivalent in the M365 audit log's directory records`);
    }
  },
};

/** Sign-in fields only an Entra sign-in log export carries (absent from UAL UserLoggedIn records). */
const ENTRA_ONLY: Record<string, string[]> = {
  authenticationrequirement: ['authenticationRequirement'], conditionalaccessstatus: ['conditionalAccessStatus'],
  networklocationdetails: ['networkLocationDetails'], riskstate: ['riskState'], clientapp: ['clientAppUsed'],
  resourcedisplayname: ['resourceDisplayName'], activitydetails: ['activityDetails'],
};

const signIns: Pipeline = {
  name: 'azure/signinlogs', sources: ['m365', 'entra'],
  base: raw(`((source = 'entra' AND category = 'authentication') OR (source = 'm365' AND lower(rtrim(action, '.')) IN ('userloggedin', 'userloginfailed')))`),
  field(name) {
    const key = lower(name);
    if (ENTRA_ONLY[key]) return text(attr(...ENTRA_ONLY[key]), undefined, ENTRA_ONLY[key]);
    switch (key) {
      case 'resulttype': return text(sql`coalesce(${attr('ErrorNumber', 'status.errorCode', 'errorCode', 'ResultType')}, CASE WHEN outcome = 'success' THEN '0' END)`);
      case 'resultdescription': return text(attr('LogonError', 'status.failureReason', 'failureReason', 'ResultDescription'));
      case 'useragent': return text(raw('user_agent'));
      case 'devicedetail.iscompliant': return text(attr('DeviceProperties.IsCompliant', 'deviceDetail.isCompliant'));
      case 'devicedetail.trusttype': return text(attr('DeviceProperties.TrustType', 'deviceDetail.trustType'));
      case 'devicedetail.deviceid': return text(attr('DeviceProperties.Id', 'deviceDetail.deviceId'));
      case 'status': return text(raw('outcome'), outcome);
      case 'location': return text(raw('country'));
      case 'username': case 'userprincipalname': return text(raw('actor'));
      case 'ipaddress': return text(raw('ip'));
      case 'properties.message': case 'operationname': return text(OPERATION, stripDot);
      default: return missing(`${name} is not in UAL sign-in records nor mapped for Entra sign-in exports`);
    }
  },
};

/** Google Workspace parameters keep the API's spelling; Sigma writes them in either case. */
const gwsParam = (name: string) => text(attr(name.toUpperCase(), name, name.toLowerCase()), undefined);

const gws = (app: 'admin' | 'login'): Pipeline => ({
  name: `gcp/google_workspace.${app}`, sources: ['gws'],
  base: sql`(source = 'gws' AND lower(coalesce(workload, '')) = ${app})`,
  field(name) {
    switch (lower(name)) {
      case 'eventservice': case 'protopayload.servicename': return text(raw('workload'), service);
      case 'eventname': case 'protopayload.metadata.event.eventname': return text(raw('action'));
      case 'actor.email': case 'protopayload.authenticationinfo.principalemail': return text(raw('actor'));
      case 'ipaddress': case 'protopayload.requestmetadata.callerip': return text(raw('ip'));
      default: return gwsParam(name);
    }
  },
});

const github: Pipeline = {
  name: 'github/audit', sources: ['github'], base: raw(`source = 'github'`),
  field(name) {
    switch (lower(name)) {
      case 'action': return text(raw('action'));
      case 'actor': return text(raw('actor'));
      case 'actor_ip': return text(raw('ip'));
      case 'repo': case 'repository': return text(raw('target'));
      case 'user_agent': return text(raw('user_agent'));
      default: return text(attr(name), undefined, [name]);
    }
  },
};

export function pipelineFor(logsource: { product?: string; service?: string; category?: string }): Pipeline | null {
  const p = logsource.product?.toLowerCase();
  const s = logsource.service?.toLowerCase();
  if (p === 'm365') return m365;
  if (p === 'azure' && s === 'auditlogs') return auditLogs;
  if (p === 'azure' && s === 'signinlogs') return signIns;
  if (p === 'gcp' && s === 'google_workspace.admin') return gws('admin');
  if (p === 'gcp' && s === 'google_workspace.login') return gws('login');
  if (p === 'github' && (s === 'audit' || s === undefined)) return github;
  return null;
}
