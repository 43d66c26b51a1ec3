// Google Workspace Admin SDK Reports API activities: raw activities (`events[]`), whole pages
// (`admin#reports#activities`), Elastic-style lines (`events` as one object) and the rule-engine
// shape (one event per record, `parameters` as a name → value map). One row per event.

import type { ActorType, EventRow, Outcome } from '../../schema/events.ts';
import { normaliseIp } from '../../normalise/ip.ts';
import { normalisePrincipal, principalType } from '../../normalise/principal.ts';
import { RowError, type JsonFormat } from './format.ts';
import { eachRecord, firstText, isObj, requireTime, text, wrapperItems, type Obj } from './fields.ts';
import { gwsCategory } from './gws-categories.ts';
import { parameterAttrs } from './gws-parameters.ts';

const ACTIVITY = 'admin#reports#activity';
const PAGE = 'admin#reports#activities';
const EVENT_KEYS = ['events', 'name', 'type', 'parameters', 'actor', 'ipAddress', 'kind'];
const TARGET_USER_PARAMS = ['target_user', 'USER_EMAIL', 'affected_email_address', 'new_owner', 'member_email'];
const TARGET_PARAMS = ['doc_id', 'calendar_id', 'GROUP_EMAIL', 'group_email', 'ROLE_NAME', 'DOMAIN_NAME', 'SETTING_NAME',
  'APPLICATION_NAME', 'application_name', 'app_name', 'OAUTH2_APP_NAME', 'API_CLIENT_NAME', 'client_id', 'ORG_UNIT_NAME'];
const APP_ID_PARAMS = ['client_id', 'OAUTH2_APP_ID', 'APP_ID', 'API_CLIENT_NAME'];

function sniffRecord(record: unknown): number {
  if (!isObj(record)) return 0;
  if (record.kind === ACTIVITY) return 0.99;
  if (record.kind === PAGE) return 0.85;
  if (isObj(record.id) && text(record.id.applicationName) && EVENT_KEYS.some((k) => k in record)) return 0.9;
  return 0;
}

const isPage = (r: Obj) => r.kind === PAGE || (!isObj(r.id) && wrapperItems(r) !== null);

function read(record: unknown): EventRow[] {
  return eachRecord(record, isPage, readActivity);
}

function readActivity(r: Obj): EventRow[] {
  if (!isObj(r.id)) throw new RowError('not a Reports API activity: no id object');
  const id = r.id;
  const ts = requireTime([['id.time', id.time]]);
  const application = text(id.applicationName);
  const events = Array.isArray(r.events) ? r.events : isObj(r.events) ? [r.events]
    : ('name' in r || 'type' in r || 'parameters' in r) ? [{ type: r.type, name: r.name, parameters: r.parameters }] : [];
  if (!events.length) throw new RowError('activity has no events');
  const actorInfo = isObj(r.actor) ? r.actor : {};
  const actor = normalisePrincipal(firstText(actorInfo.email, actorInfo.key, actorInfo.profileId));
  const app = isObj(actorInfo.applicationInfo) ? actorInfo.applicationInfo : null;
  const base = {
    ts, application, actor,
    actorType: actorTypeOf(text(actorInfo.callerType), text(actorInfo.email), app !== null, actor),
    ip: normaliseIp(r.ipAddress),
    uniqueQualifier: text(id.uniqueQualifier),
    extras: extrasOf(actorInfo, app, text(r.ownerDomain)),
  };
  return events.map((e, i) => {
    if (!isObj(e)) throw new RowError(`event ${i + 1} is not an object`);
    return eventRow(base, e, i);
  });
}

interface ActivityBase {
  ts: number; application: string | null; actor: string | null; actorType: ActorType; ip: string | null;
  uniqueQualifier: string | null; extras: Record<string, string>;
}

function eventRow(b: ActivityBase, e: Obj, index: number): EventRow {
  const name = text(e.name);
  if (!name) throw new RowError(`event ${index + 1} has no name`);
  const type = text(e.type);
  const params: Record<string, string> = {};
  parameterAttrs(e.parameters, params);
  const pick = (keys: string[]) => firstText(...keys.map((k) => params[k]));
  const targetUser = TARGET_USER_PARAMS.map((k) => normalisePrincipal(params[k])).find((p) => p && p.includes('@')) ?? null;
  const recordId = b.uniqueQualifier ? `${b.uniqueQualifier}:${b.ts}:${b.application ?? ''}:${name}:${digest(params)}` : null;
  const attrs: Record<string, string> = { ...params, ...b.extras };
  if (type) attrs.event_type = type;
  return {
    ts: b.ts, source: 'gws', workload: b.application,
    category: gwsCategory(b.application, type, name),
    action: name,
    outcome: outcomeOf(name, params),
    actor: b.actor, actorType: b.actorType, ip: b.ip,
    userAgent: params.user_agent ?? null,
    target: pick(TARGET_PARAMS),
    targetUser,
    sessionId: null,
    appId: pick(APP_ID_PARAMS) ?? b.extras['actor.applicationInfo.oauthClientId'] ?? null,
    recordId,
    country: null,
    attrs,
  };
}

function actorTypeOf(callerType: string | null, email: string | null, viaApplication: boolean, actor: string | null): ActorType {
  if (callerType?.toUpperCase() === 'KEY' || (!email && viaApplication)) return 'service';
  return principalType(actor);
}

function extrasOf(actor: Obj, app: Obj | null, ownerDomain: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  const callerType = text(actor.callerType);
  if (callerType && callerType !== 'USER') out['actor.callerType'] = callerType;
  if (app) {
    for (const k of ['applicationName', 'oauthClientId', 'impersonation']) {
      const t = text(app[k]);
      if (t !== null) out[`actor.applicationInfo.${k}`] = t;
    }
  }
  if (ownerDomain) out.ownerDomain = ownerDomain;
  return out;
}

function outcomeOf(name: string, params: Record<string, string>): Outcome {
  if (/(^|_)failure$|_blocked$/.test(name)) return 'failure';
  if (/(^|_)success$/.test(name)) return 'success';
  const challenge = params.login_challenge_status?.toLowerCase();
  if (challenge?.includes('fail')) return 'failure';
  if (challenge?.includes('pass')) return 'success';
  return 'unknown';
}

/** Order-independent FNV-1a digest of the parameters, so the same event has the same id in every shape. */
function digest(params: Record<string, string>): string {
  let h = 0x811c9dc5;
  for (const k of Object.keys(params).sort()) {
    const s = `${k}=${params[k]}\n`;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export const gwsReportsJson: JsonFormat = {
  id: 'gws-reports-json',
  label: 'Google Workspace audit activities (Reports API JSON)',
  framing: 'json',
  unwrap: true,
  sniffRecord,
  read,
};
