// MuleSoft Anypoint Platform audit log query results (`{"data":[…],"total":N}`).
// No public sample exists: key names are our documented assumption (docs/schema.md), read
// case-insensitively with the alternative spellings the documentation's UI names suggest.

import type { ActorType, EventRow, Outcome } from '../../schema/events.ts';
import { flatten } from '../../normalise/flatten.ts';
import { normaliseIp } from '../../normalise/ip.ts';
import { normalisePrincipal, principalType } from '../../normalise/principal.ts';
import { RowError, type JsonFormat } from './format.ts';
import { CiObject, eachRecord, firstText, isObj, requireTime, text, wrapperItems, type Obj } from './fields.ts';
import { anypointCategory } from './anypoint-categories.ts';

const TIME = ['timestamp', 'createdAt', 'date', 'time'];
const PRODUCT = ['platform', 'product'];
const OBJECT_TYPE = ['objectType', 'type'];
const USER = ['userName', 'username', 'user'];
const NOT_APPLICABLE = /^(n\/a|none|-)$/i;

/** Top-level keys promoted to columns; everything else lands in attrs. */
const COLUMNS = new Set(['id', 'ipaddress', 'ip', 'useragent', 'payload', 'properties',
  ...[...TIME, ...PRODUCT, ...USER].map((k) => k.toLowerCase())]);

function sniffRecord(record: unknown): number {
  if (!isObj(record)) return 0;
  const r = new CiObject(record);
  if (!text(r.get('action'))) return 0;
  const product = r.has('platform') || r.has('product');
  const objectType = r.has('objectType');
  const time = TIME.some((k) => r.has(k));
  if (product && (objectType || r.has('type')) && time) return r.has('organizationId') ? 0.95 : 0.9;
  if (objectType && time && USER.some((k) => r.has(k))) return 0.7;
  return 0;
}

function read(record: unknown): EventRow[] {
  return eachRecord(record, (r) => !new CiObject(r).has('action') && wrapperItems(r) !== null, (r) => [readOne(r)]);
}

function readOne(record: Obj): EventRow {
  const r = new CiObject(record);
  const ts = requireTime(TIME.map((k) => [k, r.get(k)] as const));
  const action = r.text('action');
  if (!action) throw new RowError('no action in the audit entry');
  const subaction = r.text('subaction', 'subAction');
  const objectType = firstText(r.get(...OBJECT_TYPE));
  const userValue = r.get(...USER);
  const user = isObj(userValue) ? new CiObject(userValue) : null;
  const connectedApp = applicable(firstText(r.get('connectedApp', 'clientId')));
  const person = normalisePrincipal(user ? firstText(user.get('username', 'userName', 'name', 'email', 'id')) : firstText(userValue, r.get('userId')));
  const actor = person ?? normalisePrincipal(connectedApp);
  const objectValue = r.get('object');
  const object = isObj(objectValue) ? new CiObject(objectValue) : null;
  const target = firstText(r.get('objectName'), object?.get('name'), typeof objectValue === 'string' ? objectValue : null, r.get('objectId'), object?.get('id'));
  const payload = r.get('payload', 'properties');
  const category = anypointCategory(objectType, action);

  return {
    ts, source: 'anypoint',
    workload: r.text(...PRODUCT),
    category,
    action: subaction ? `${action} - ${subaction}` : action,
    outcome: outcomeOf(action, subaction),
    actor,
    actorType: actorTypeOf(person, connectedApp),
    ip: normaliseIp(r.get('ipAddress', 'ip', 'clientIp')),
    userAgent: firstText(r.get('userAgent'), isObj(payload) ? new CiObject(payload).get('userAgent') : null),
    target,
    targetUser: category === 'authentication' ? null : targetUserOf(objectType, target, payload),
    sessionId: null,
    appId: connectedApp,
    recordId: r.text('id'),
    country: null,
    attrs: attrsOf(record, payload),
  };
}

const applicable = (v: string | null) => (v && !NOT_APPLICABLE.test(v) ? v : null);

function outcomeOf(action: string, subaction: string | null): Outcome {
  if (/fail|denied|error/i.test(subaction ?? '') || /fail/i.test(action)) return 'failure';
  if (/^log ?in$/i.test(action)) return 'success';
  return 'unknown';
}

/** `person` is the human user, when there is one; connected apps acting alone are services. */
function actorTypeOf(person: string | null, connectedApp: string | null): ActorType {
  if (person === 'anypoint staff') return 'system';
  if (!person && connectedApp) return 'service';
  return principalType(person);
}

function targetUserOf(objectType: string | null, target: string | null, payload: unknown): string | null {
  if (/^user$/i.test(objectType ?? '') && target) return normalisePrincipal(target);
  if (!isObj(payload)) return null;
  const p = new CiObject(payload);
  return normalisePrincipal(firstText(p.get('username', 'userName', 'email', 'user')));
}

function attrsOf(record: Obj, payload: unknown): Record<string, string> {
  const rest: Obj = {};
  for (const [k, v] of Object.entries(record)) if (!COLUMNS.has(k.toLowerCase())) rest[k] = v;
  const out = flatten(rest, { maxKeys: 40, maxValue: 1024 });
  return flatten(payload, { maxKeys: 80, maxValue: 1024 }, 'payload', out);
}

export const anypointAuditJson: JsonFormat = {
  id: 'anypoint-audit-json',
  label: 'MuleSoft Anypoint Platform audit log (JSON query results)',
  framing: 'json',
  unwrap: true,
  sniffRecord,
  read,
};
