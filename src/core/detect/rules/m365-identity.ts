// Entra ID / M365 identity: OAuth consent (M3), device-code and legacy sign-ins (M5), session hijack (M6),
// application credentials (M9), federation and domains (M10).

import type { Rule } from '../types.ts';
import { knownEgress } from '../allow-list.ts';
import { ACTOR, ASN, attr, attrText, containsAny, COUNTRY, LOGIN_SUCCESS, lowerAttr, NETWORK, opIn, REQUEST_TYPE } from '../fields.ts';
import { singleEvent, windowCount } from '../shapes.ts';
import { raw, sql } from '../sql.ts';

const MS = raw(`source IN ('m365', 'entra')`);

/** Delegated/application permissions that give mail, file, directory or role control (lower case). */
export const RISKY_SCOPES = ['mail.read', 'mail.readwrite', 'mail.send', 'mailboxsettings.readwrite', 'files.read.all', 'files.readwrite.all',
  'sites.read.all', 'sites.readwrite.all', 'sites.fullcontrol.all', 'full_access_as_app', 'ews.accessasuser.all', 'directory.readwrite.all',
  'approleassignment.readwrite.all', 'rolemanagement.readwrite.directory', 'user.readwrite.all', 'application.readwrite.all',
  'mail.readbasic.all', 'contacts.readwrite', 'notes.read.all'];

const CONSENT_TEXT = sql`concat_ws(';', ${attrText('ModifiedProperties.')}, ${attrText('Parameters.')}, ${attrText('scope')}, ${attrText('targetResources')})`;

export const riskyConsent: Rule = {
  id: 'M3.consent', title: 'OAuth consent with high-risk permissions',
  description: 'Consent, delegated permission grant or app-role assignment whose permissions include mail, file, directory-write or '
    + 'role-management scopes, or a tenant-wide (admin, on behalf of all) consent.',
  severity: 'high', attack: ['T1528', 'T1566.002', 'T1098.003'], sources: ['m365', 'entra'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${MS} AND ${opIn('Consent to application', 'Add delegated permission grant', 'Add app role assignment to service principal',
        'Add app role assignment grant to user')}
      AND (${containsAny(CONSENT_TEXT, RISKY_SCOPES)} OR contains(${CONSENT_TEXT}, 'onbehalfofall=true') OR contains(${CONSENT_TEXT}, 'isadminconsent=true'))`,
    evidence: sql`action || coalesce(' ' || target, '') || CASE WHEN contains(${CONSENT_TEXT}, 'onbehalfofall=true') THEN ' (tenant-wide)' ELSE '' END
      || ': ' || left(coalesce(${attr('ModifiedProperties.ConsentAction_Permissions.NewValue', 'ModifiedProperties.DelegatedPermissionGrant_Scope.NewValue',
        'ModifiedProperties.AppRole_Value.NewValue')}, ''), 200)`,
  }),
};

const DEVICE_CODE = sql`(${REQUEST_TYPE} = 'Cmsi:Cmsi' OR lower(${attr('authenticationProtocol', 'AuthenticationProtocol')}) = 'devicecode'
  OR lower(${attr('originalTransferMethod')}) = 'devicecodeflow')`;

export const deviceCodeSignIn: Rule = {
  id: 'M5.device-code', title: 'Device-code sign-in',
  description: 'Successful sign-in through the OAuth device-code flow (UAL RequestType Cmsi:Cmsi, Entra authenticationProtocol deviceCode): '
    + 'the flow device-code phishing abuses.',
  severity: 'medium', attack: ['T1528', 'T1566.002'], sources: ['m365', 'entra'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${MS} AND ${LOGIN_SUCCESS} AND ${DEVICE_CODE}`,
    evidence: sql`'device-code sign-in' || coalesce(' to ' || ${attr('appDisplayName', 'ApplicationDisplayName')}, coalesce(' app ' || app_id, ''))`,
  }),
};

/** Client protocols that cannot do MFA (lower case). */
export const LEGACY_CLIENTS = ['exchange activesync', 'imap4', 'imap', 'pop3', 'pop', 'authenticated smtp', 'smtp', 'other clients',
  'exchange web services', 'autodiscover', 'exchange online powershell', 'mapi over http', 'offline address book', 'reporting web services'];

export const legacyOrRopc: Rule = {
  id: 'M5.legacy', title: 'Legacy-protocol or ROPC sign-in',
  description: 'Successful sign-in with a resource-owner password grant (BAV2ROPC user agent, authenticationProtocol ropc) or a legacy '
    + 'client protocol that cannot enforce MFA; one finding per identity (a standing condition), first and last use.',
  severity: 'medium', attack: ['T1078.004', 'T1550.001'], sources: ['m365', 'entra'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${MS} AND ${LOGIN_SUCCESS} AND (contains(lower(coalesce(user_agent, '')), 'bav2ropc')
      OR lower(${attr('authenticationProtocol', 'AuthenticationProtocol')}) = 'ropc'
      OR lower(coalesce(${attr('clientAppUsed', 'ClientAppUsed')}, '')) IN ${LEGACY_CLIENTS})`,
    evidence: sql`'sign-in via ' || coalesce(${attr('clientAppUsed', 'ClientAppUsed', 'authenticationProtocol')}, user_agent, 'ROPC')`,
    per: 'all',
  }),
};

export const tokenToDevice: Rule = {
  id: 'M5.device-join', title: 'Token grant followed by device registration',
  description: 'An OAuth authorize/token or device-code sign-in from two or more IPs followed by a device registration for the same '
    + 'identity within the window (phished token used to join a device).',
  severity: 'high', attack: ['T1098.005', 'T1528'], sources: ['m365', 'entra'],
  thresholds: { windowMinutes: 30 },
  sql: (t) => sql`WITH d AS (SELECT ts, ${ACTOR} AS actor, target FROM events WHERE ${MS}
        AND ${opIn('Add registered users to device', 'Add registered owner to device', 'Add device', 'Register device')}),
      s AS (SELECT ts, ${ACTOR} AS actor, ip FROM events WHERE ${MS} AND category = 'authentication' AND outcome = 'success'
        AND CASE WHEN ${ACTOR} IN (SELECT actor FROM d) THEN ${REQUEST_TYPE} IN ('OAuth2:Authorize', 'OAuth2:Token', 'Cmsi:Cmsi') OR ${DEVICE_CODE} ELSE FALSE END)
    SELECT d.actor, epoch_ms(min(s.ts)) AS first, epoch_ms(d.ts) AS last, count(*)::DOUBLE AS count,
      'token grants from ' || left(string_agg(DISTINCT s.ip, ', '), 120) || ' then device registration' AS evidence,
      min(s.ip) AS ip, min(d.target) AS target
    FROM d JOIN s ON s.actor = d.actor AND s.ts <= d.ts AND s.ts >= d.ts - to_minutes(CAST(${t.windowMinutes} AS BIGINT))
    GROUP BY d.actor, d.ts HAVING count(DISTINCT s.ip) >= 2`,
};

export const sessionMultiNetwork: Rule = {
  id: 'M6.session', title: 'One session used from several networks',
  description: 'The same session id (AADSessionId) used from two or more networks (ASN, or country) within the window: a stolen session '
    + 'cookie or token replayed elsewhere. Needs the offline IP database or source countries.',
  severity: 'high', attack: ['T1539', 'T1557'], sources: ['m365', 'entra'],
  thresholds: { minNetworks: 2, windowMinutes: 60 },
  sql: (t) => sql`WITH m AS (SELECT events.ts, ${ACTOR} AS actor, session_id, events.ip, ${ASN} AS asn, ${COUNTRY} AS c
      FROM events LEFT JOIN ip_geo g ON g.ip = events.ip WHERE ${MS} AND session_id IS NOT NULL AND events.ip IS NOT NULL),
    w AS (SELECT *,
        count(DISTINCT asn) OVER (PARTITION BY session_id ORDER BY epoch(ts) RANGE BETWEEN ${t.windowMinutes * 60} PRECEDING AND CURRENT ROW) AS n_asn,
        count(DISTINCT c) OVER (PARTITION BY session_id ORDER BY epoch(ts) RANGE BETWEEN ${t.windowMinutes * 60} PRECEDING AND CURRENT ROW) AS n_c
      FROM m)
  SELECT actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last, max(greatest(n_asn, n_c))::DOUBLE AS count,
    'session ' || session_id || ' from ' || left(string_agg(DISTINCT coalesce('AS' || asn::VARCHAR, '?') || '/' || coalesce(c, '?') || ' ' || ip, ', '), 200) AS evidence,
    min(ip) AS ip, session_id AS target
  FROM w WHERE greatest(n_asn, n_c) >= CAST(${t.minNetworks} AS DOUBLE) GROUP BY actor, session_id`,
};

export const rapidIpChange: Rule = {
  id: 'M6.rapid-ip', title: 'Successful sign-ins from two networks seconds apart',
  description: 'Two successful sign-ins of one identity from different IPs (and different networks, when known) within seconds, where '
    + 'at least one of the two networks (AS number, else /24 or /48) is new for the identity that day: the pattern of an '
    + 'adversary-in-the-middle proxy replaying a fresh login. A laptop and a phone on networks the identity already uses are '
    + 'not. Only days after at least minHistoryDays of the identity\'s own sign-ins are judged (before that every network is new). '
    + 'Declared egress networks are left out.',
  severity: 'high', attack: ['T1557', 'T1539'], sources: ['m365', 'entra'],
  thresholds: { maxSeconds: 30, minHistoryDays: 7 },
  sql: (t) => sql`WITH s AS (SELECT events.ts, date_trunc('day', events.ts) AS day, ${ACTOR} AS actor, events.ip, ${ASN} AS asn, ${NETWORK} AS net
        FROM events LEFT JOIN ip_geo g ON g.ip = events.ip
        WHERE ${MS} AND ${LOGIN_SUCCESS} AND events.ip IS NOT NULL AND NOT ${knownEgress(raw('events.ip'), ASN)}),
      seen AS (SELECT actor, net, min(day) AS d0 FROM s GROUP BY 1, 2),
      since AS (SELECT actor, min(day) AS a0 FROM s GROUP BY 1),
      p AS (SELECT *, lag(ts) OVER w AS pts, lag(ip) OVER w AS pip, lag(asn) OVER w AS pasn, lag(net) OVER w AS pnet
        FROM s WINDOW w AS (PARTITION BY actor ORDER BY ts)),
      hits AS (SELECT p.* FROM p JOIN since USING (actor) JOIN seen a ON a.actor = p.actor AND a.net = p.net
          JOIN seen b ON b.actor = p.actor AND b.net = p.pnet
        WHERE pts IS NOT NULL AND ip <> pip AND date_diff('second', pts, ts) <= CAST(${t.maxSeconds} AS DOUBLE)
          AND (asn IS NULL OR pasn IS NULL OR asn <> pasn) AND since.a0 + to_days(CAST(${t.minHistoryDays} AS INTEGER)) <= p.day AND (a.d0 = p.day OR b.d0 = p.day))
    SELECT actor, epoch_ms(min(pts)) AS first, epoch_ms(max(ts)) AS last, count(*)::DOUBLE AS count,
      left(string_agg(DISTINCT pip || ' → ' || ip, ', '), 200) || ' within ' || CAST(${t.maxSeconds} AS VARCHAR) || ' s' AS evidence,
      min(ip) AS ip, NULL AS target
    FROM hits GROUP BY actor, day`,
};

export const appCredentials: Rule = {
  id: 'M9.app-credentials', title: 'Application or service principal credential or owner added',
  description: 'Credentials (secret or certificate) or an owner added to an application or service principal.',
  severity: 'high', attack: ['T1098.001'], sources: ['m365', 'entra'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${MS} AND (${opIn('Add service principal credentials', 'Update application - Certificates and secrets management',
      'Add owner to application', 'Add owner to service principal')}
      OR (${opIn('Update application')} AND contains(${attrText('ModifiedProperties.')}, 'keydescription')))`,
    evidence: sql`action || coalesce(' ' || target, '')`,
  }),
};

export const servicePrincipalBurst: Rule = {
  id: 'M9.sp-burst', title: 'Many service principals created by one identity',
  description: 'One identity creates several service principals within an hour.',
  severity: 'medium', attack: ['T1098.001', 'T1136.003'], sources: ['m365', 'entra'],
  thresholds: { minCreated: 3, windowMinutes: 60 },
  sql: (t) => windowCount({ where: sql`${MS} AND ${opIn('Add service principal', 'Add application')}`,
    windowMinutes: t.windowMinutes, min: t.minCreated, label: 'service principals created:' }),
};

export const federationChange: Rule = {
  id: 'M10.federation', title: 'Federation or domain trust changed',
  description: 'Domain authentication or federation settings changed, a domain added or verified, or accepted/federated domains changed.',
  severity: 'critical', attack: ['T1484.002', 'T1606.002'], sources: ['m365', 'entra'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${MS} AND ${opIn('Set domain authentication', 'Set federation settings on domain', 'Add domain to company', 'Verify domain',
      'Add-FederatedDomain', 'New-AcceptedDomain', 'Set-AcceptedDomain', 'Remove-AcceptedDomain', 'Add unverified domain',
      'Set-MsolDomainAuthentication', 'Update domain')}`,
    evidence: sql`action || coalesce(' ' || coalesce(target, ${lowerAttr('Parameters.DomainName', 'Parameters.Name')}), '')`,
  }),
};

export const M365_IDENTITY_RULES: Rule[] = [riskyConsent, deviceCodeSignIn, legacyOrRopc, tokenToDevice, sessionMultiNetwork, rapidIpChange,
  appCredentials, servicePrincipalBurst, federationChange];
