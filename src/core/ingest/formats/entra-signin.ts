// Maps one Entra ID sign-in (diagnostic export record or Graph `signIn` object) to an EventRow.

import type { ActorType, EventRow, Outcome } from '../../schema/events.ts';
import { clean } from '../../normalise/flatten.ts';
import { normaliseIp } from '../../normalise/ip.ts';
import { normalisePrincipal, principalType } from '../../normalise/principal.ts';
import { CiObject, countryCode, firstText, isObj, requireTime, text } from './fields.ts';

const PLAIN_ATTRS = [
  'appDisplayName', 'clientAppUsed', 'isInteractive', 'conditionalAccessStatus', 'authenticationRequirement',
  'riskLevelDuringSignIn', 'riskLevelAggregated', 'riskState', 'riskDetail', 'authenticationProtocol',
  'resourceDisplayName', 'resourceId', 'userType', 'userId', 'autonomousSystemNumber', 'crossTenantAccessType',
  'tokenIssuerType', 'incomingTokenType', 'servicePrincipalName', 'servicePrincipalId', 'managedIdentityType',
  'clientCredentialType', 'homeTenantId', 'resourceTenantId', 'flaggedForReview', 'originalTransferMethod',
];

/** `props` is the `properties` object of a diagnostic record, or the record itself for Graph. */
export function signInRow(top: CiObject, props: CiObject, nested: boolean): EventRow {
  const ts = requireTime([
    [nested ? 'properties.createdDateTime' : 'createdDateTime', props.get('createdDateTime')],
    ['time', top.get('time')],
    ['TimeGenerated', top.get('TimeGenerated')],
  ]);
  const status = props.obj('status');
  const errorCode = firstText(status?.get('errorCode'), top.get('resultType'));
  const category = top.text('category');
  const actor = normalisePrincipal(firstText(props.get('userPrincipalName'), props.get('servicePrincipalName'), props.get('servicePrincipalId')));
  const location = props.obj('location', 'locationDetails');

  return {
    ts, source: 'entra',
    workload: category ?? 'SignInLogs',
    category: 'authentication',
    action: top.text('operationName') ?? 'Sign-in activity',
    outcome: outcomeOf(errorCode),
    actor,
    actorType: actorTypeOf(category, props.text('userType'), props.has('servicePrincipalId') && !props.has('userPrincipalName'), actor),
    ip: normaliseIp(top.get('callerIpAddress')) ?? normaliseIp(props.get('ipAddress')),
    userAgent: props.text('userAgent'),
    target: firstText(props.get('resourceDisplayName'), props.get('resourceId')),
    targetUser: null,
    sessionId: props.text('sessionId'),
    appId: props.text('appId'),
    recordId: firstText(props.get('id'), top.get('id')),
    country: countryCode(top.get('location')) ?? countryCode(location?.get('countryOrRegion')),
    attrs: attrsOf(top, props, errorCode, status, location),
  };
}

function outcomeOf(code: string | null): Outcome {
  if (code === null) return 'unknown';
  const c = code.toLowerCase();
  if (c === '0' || c === 'success') return 'success';
  if (c === 'failure' || /^\d+$/.test(c)) return 'failure';
  return 'unknown';
}

function actorTypeOf(category: string | null, userType: string | null, principalOnly: boolean, actor: string | null): ActorType {
  if (principalOnly || /serviceprincipal|managedidentity/i.test(category ?? '')) return 'service';
  if (userType?.toLowerCase() === 'guest') return 'guest';
  return principalType(actor);
}

function attrsOf(top: CiObject, props: CiObject, errorCode: string | null, status: CiObject | null, location: CiObject | null): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, v: unknown) => { const t = text(v); if (t !== null) out[key] = clean(t, 1024); };
  put('errorCode', errorCode);
  put('failureReason', firstText(status?.get('failureReason'), top.get('resultDescription')));
  put('additionalDetails', status?.get('additionalDetails'));
  put('category', top.get('category'));
  for (const key of PLAIN_ATTRS) put(key, props.get(key));
  const risks = props.get('riskEventTypes_v2', 'riskEventTypes');
  if (Array.isArray(risks) && risks.length) put('riskEventTypes', risks.join(','));
  const mfa = props.obj('mfaDetail');
  put('mfaDetail.authMethod', mfa?.get('authMethod'));
  const methods = props.get('authenticationDetails');
  if (Array.isArray(methods)) {
    const used = [...new Set(methods.map((m) => (isObj(m) ? text(m.authenticationMethod) : null)).filter(Boolean))];
    if (used.length) put('authenticationMethods', used.join(','));
  }
  const device = props.obj('deviceDetail');
  if (device) for (const [k, v] of Object.entries(device.raw)) put(`deviceDetail.${k}`, v);
  if (location) {
    put('location.city', location.get('city'));
    put('location.state', location.get('state'));
    put('location.countryOrRegion', location.get('countryOrRegion'));
    const geo = location.obj('geoCoordinates');
    put('location.geoCoordinates.latitude', geo?.get('latitude'));
    put('location.geoCoordinates.longitude', geo?.get('longitude'));
  }
  return out;
}
