// Google Workspace: mail forwarding and routing (G1), OAuth grants (G2), Drive exfiltration and exposure (G3),
// takeout and data transfer (G4), security settings weakened (G5), Google-flagged risky logins (G6).

import type { Rule } from '../types.ts';
import { ACTOR, attr, containsAny, hasExternalAddress, lowerAttr, opIn, opLike, TENANT_CTE, workloadIs } from '../fields.ts';
import { dailyVolume, singleEvent, windowCount } from '../shapes.ts';
import { raw, sql } from '../sql.ts';

const GWS = raw(`source = 'gws'`);
const SETTING = lowerAttr('SETTING_NAME', 'setting_name');
const NEW_VALUE = lowerAttr('NEW_VALUE', 'new_value');

export const gmailForwarding: Rule = {
  id: 'G1.forwarding', title: 'Gmail forwarding to another domain',
  description: 'A user sets up automatic forwarding of their mail to an address outside the organisation.',
  severity: 'high', attack: ['T1114.003'], sources: ['gws'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GWS} AND ${opIn('email_forwarding_out_of_domain')}`,
    evidence: sql`'forwards to ' || coalesce(${attr('email_forwarding_destination_address')}, '?')`,
    target: attr('email_forwarding_destination_address'),
  }),
};

export const gmailRouting: Rule = {
  id: 'G1.routing', title: 'Gmail routing, relay or content rule changed',
  description: 'Admin created, changed or deleted mail routing, outbound gateway/relay, content compliance or alias settings.',
  severity: 'high', attack: ['T1114.003', 'T1020'], sources: ['gws'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GWS} AND ${opLike('%gmail_setting', '%email_setting', '%application_setting')}
      AND ${containsAny(SETTING, ['email_route', 'unified_mail_routing', 'message_security_rule', 'alias_table', 'outbound_relay',
        'outbound gateway', 'outbound_gateway', 'mail_routing', 'default routing', 'content_compliance', 'smtp_relay'])}`,
    evidence: sql`action || ' ' || ${attr('SETTING_NAME', 'setting_name')} || coalesce(' ' || ${attr('USER_DEFINED_SETTING_NAME')}, '')`,
  }),
};

export const domainWideDelegation: Rule = {
  id: 'G2.dwd', title: 'Domain-wide delegation or trusted OAuth app granted',
  description: 'An API client granted domain-wide access, an OAuth app trusted or unblocked, or all domain-owned apps trusted.',
  severity: 'critical', attack: ['T1098.001', 'T1550.001'], sources: ['gws'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GWS} AND ${opIn('AUTHORIZE_API_CLIENT_ACCESS', 'ADD_TO_TRUSTED_OAUTH2_APPS', 'REMOVE_FROM_BLOCKED_OAUTH2_APPS',
      'TRUST_DOMAIN_OWNED_OAUTH2_APPS')}`,
    evidence: sql`action || coalesce(' ' || ${attr('API_CLIENT_NAME', 'OAUTH2_APP_NAME', 'OAUTH2_APP_ID')}, '') || coalesce(' scopes ' || left(${attr('API_SCOPES')}, 200), '')`,
  }),
};

/** OAuth scope fragments with mail, Drive, directory, vault or cloud-wide reach (lower case). */
export const GOOGLE_SENSITIVE_SCOPES = ['mail.google.com', 'auth/gmail', 'auth/drive', 'auth/admin.directory', 'auth/ediscovery',
  'auth/cloud-platform', 'auth/apps.groups', 'auth/admin.datatransfer', 'auth/admin.reports'];

const SCOPE = lowerAttr('scope', 'scope_data');

const CLIENT = sql`coalesce(${attr('client_id')}, ${attr('app_name')})`;

export const sensitiveScopeGrant: Rule = {
  id: 'G2.scope', title: 'Rare OAuth app authorised with sensitive scopes',
  description: 'A user authorises an OAuth client whose scopes reach mail, Drive, directory administration, eDiscovery or the cloud '
    + 'platform, and the client is rare in the organisation (authorised by at most N users in the loaded data).',
  severity: 'medium', attack: ['T1528'], sources: ['gws'],
  thresholds: { maxUsers: 3 },
  sql: (t) => singleEvent({
    ctes: sql`rare AS (SELECT ${CLIENT} AS client FROM events WHERE ${GWS} AND ${opIn('authorize')} GROUP BY 1
      HAVING count(DISTINCT actor) <= CAST(${t.maxUsers} AS DOUBLE))`,
    where: sql`${GWS} AND ${opIn('authorize')} AND ${containsAny(sql`coalesce(${SCOPE}, '')`, GOOGLE_SENSITIVE_SCOPES)}
      AND ${CLIENT} IN (SELECT client FROM rare)`,
    evidence: sql`'authorised ' || coalesce(${attr('app_name')}, ${attr('client_id')}, '?') || ': ' || left(${SCOPE}, 250)`,
    target: sql`coalesce(${attr('app_name')}, ${attr('client_id')})`,
  }),
};

export const consentWave: Rule = {
  id: 'G2.wave', title: 'Same OAuth client authorised by many users',
  description: 'One OAuth client authorised by many different users within an hour: a consent-phishing wave.',
  severity: 'high', attack: ['T1528', 'T1566.002'], sources: ['gws'],
  thresholds: { minUsers: 5, windowMinutes: 60 },
  sql: (t) => windowCount({ where: sql`${GWS} AND ${opIn('authorize')}`, key: sql`coalesce(${attr('app_name')}, ${attr('client_id')})`,
    distinct: ACTOR, who: ACTOR, windowMinutes: t.windowMinutes, min: t.minUsers, label: 'users authorised this client:' }),
};

const DRIVE = sql`${GWS} AND ${workloadIs('drive')}`;

export const driveDownloads: Rule = {
  id: 'G3.download', title: 'Bulk Drive downloads',
  description: 'One user downloads many Drive items within minutes.',
  severity: 'high', attack: ['T1530', 'T1567'], sources: ['gws'],
  thresholds: { minItems: 20, windowMinutes: 5 },
  sql: (t) => windowCount({ where: sql`${DRIVE} AND ${opIn('download')}`, windowMinutes: t.windowMinutes, min: t.minItems,
    label: 'Drive downloads:' }),
};

export const driveVolume: Rule = {
  id: 'G3.volume', title: 'Unusual daily Drive download volume',
  description: 'A user downloads far more distinct Drive items in a day than usual (at least N, and a multiple of their median on '
    + 'other active days).',
  severity: 'high', attack: ['T1530', 'T1567'], sources: ['gws'],
  thresholds: { minItems: 50, factor: 5 },
  sql: (t) => dailyVolume({ where: sql`${DRIVE} AND ${opIn('download')}`, distinct: sql`coalesce(${attr('doc_id')}, target, record_id)`,
    min: t.minItems, factor: t.factor, label: 'Drive items downloaded:' }),
};

const PUBLIC_VIS = ['people_with_link', 'public_on_the_web', 'shared_externally', 'anyone_with_link', 'public'];

export const driveExposure: Rule = {
  id: 'G3.exposure', title: 'Drive item exposed publicly or outside the organisation',
  description: 'Document visibility changed to link-sharing or public, access granted to an external user, or ownership given to an '
    + 'external account.',
  severity: 'medium', attack: ['T1567', 'T1537'], sources: ['gws'],
  thresholds: {},
  sql: () => singleEvent({
    ctes: TENANT_CTE,
    where: sql`${DRIVE} AND ((${opIn('change_document_visibility', 'change_document_access_scope')}
          AND (${lowerAttr('new_value', 'visibility')} IN ${PUBLIC_VIS} OR ${lowerAttr('visibility_change')} = 'external')
          AND coalesce(${lowerAttr('new_value')}, '') NOT IN ('private', 'people_within_domain_with_link'))
        OR (${opIn('change_user_access')} AND (${lowerAttr('visibility_change')} = 'external' OR ${hasExternalAddress(attr('target_user'))}))
        OR (${opIn('change_owner')} AND ${hasExternalAddress(attr('new_owner'))}))`,
    evidence: sql`action || coalesce(' "' || ${attr('doc_title')} || '"', '') || coalesce(' → ' || coalesce(${attr('target_user', 'new_owner')}, ${attr('new_value', 'visibility')}), '')`,
    target: sql`coalesce(${attr('doc_title', 'doc_id')}, target)`,
  }),
};

export const driveTrash: Rule = {
  id: 'G3.trash', title: 'Bulk Drive deletion',
  description: 'One user trashes or deletes many Drive items within an hour.',
  severity: 'medium', attack: ['T1485'], sources: ['gws'],
  thresholds: { minItems: 10, windowMinutes: 60 },
  sql: (t) => windowCount({ where: sql`${DRIVE} AND ${opIn('trash', 'delete')}`, windowMinutes: t.windowMinutes, min: t.minItems,
    label: 'Drive items deleted:' }),
};

export const takeout: Rule = {
  id: 'G4.takeout', title: 'Takeout, data transfer or Vault export',
  description: 'Organisation-wide Takeout, a data-transfer request between users, or a Vault export.',
  severity: 'high', attack: ['T1537', 'T1074.002'], sources: ['gws'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GWS} AND (${opIn('CUSTOMER_TAKEOUT_CREATED', 'CUSTOMER_TAKEOUT_SUCCEEDED', 'CREATE_DATA_TRANSFER_REQUEST', 'takeout_export_started')}
      OR (${workloadIs('vault', 'takeout')} AND ${opLike('%export%')}))`,
    evidence: sql`action || coalesce(' ' || ${attr('OBFUSCATED_CUSTOMER_TAKEOUT_REQUEST_ID', 'DESTINATION_USER_EMAIL', 'export_name')}, '')`,
  }),
};

/** Setting-name words of security controls (lower case). */
const SECURITY_SETTING = ['scan', 'sandbox', 'spoof', 'phish', 'malware', 'suspicious', 'password', 'less secure', 'lesssecure',
  'less_secure', 'two step', '2sv', 'security', 'encryption', 'dkim', 'spf', 'dmarc', 'attachment', 'session', 'context aware',
  'login challenge', 'recovery'];

export const settingsWeakened: Rule = {
  id: 'G5.settings', title: 'Workspace security settings weakened',
  description: 'Trusted domains added, Marketplace allow-list opened, Advanced Protection settings changed, alerts deleted, or a '
    + 'security-related setting switched to a weaker value (scanning/enforcement off, reuse/less-secure access on).',
  severity: 'high', attack: ['T1562.001', 'T1484'], sources: ['gws'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GWS} AND (${opIn('ADD_TRUSTED_DOMAINS', 'ALERT_CENTER_DELETE_ALERT', 'ALERT_CENTER_BATCH_DELETE_ALERTS', 'TOGGLE_ALLOW_LESS_SECURE_APPS')}
      OR (${opLike('%_setting')} AND (
          contains(${SETTING}, 'marketplace') OR contains(lower(coalesce(${attr('APPLICATION_NAME')}, '')), 'marketplace')
        OR contains(${SETTING}, 'advanced protection program')
        OR (${containsAny(sql`coalesce(${SETTING}, '')`, SECURITY_SETTING)} AND (
             (${containsAny(sql`coalesce(${SETTING}, '')`, ['disable', 'reuse', 'allow', 'less secure', 'lesssecure', 'less_secure'])} AND ${NEW_VALUE} IN ('true', 'on', 'enabled', 'allowed'))
          OR (NOT ${containsAny(sql`coalesce(${SETTING}, '')`, ['disable', 'reuse', 'allow'])} AND ${NEW_VALUE} IN ('false', 'off', 'disabled')))))))`,
    evidence: sql`action || coalesce(' ' || ${attr('SETTING_NAME', 'setting_name', 'DOMAIN_NAME')}, '') || coalesce(' → ' || ${attr('NEW_VALUE', 'new_value')}, '')`,
  }),
};

export const riskyLogin: Rule = {
  id: 'G6.risky-login', title: 'Google flagged a risky login or account',
  description: 'Google marked a login suspicious, warned of a government-backed attack, or disabled an account for a leaked password or hijacking.',
  severity: 'high', attack: ['T1078.004'], sources: ['gws'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GWS} AND (${opIn('suspicious_login', 'suspicious_login_less_secure_app', 'suspicious_programmatic_login', 'gov_attack_warning',
      'account_disabled_password_leak', 'account_disabled_hijacked')} OR (${workloadIs('login')} AND ${lowerAttr('is_suspicious')} = 'true'))`,
    evidence: sql`action || coalesce(' for ' || ${attr('affected_email_address')}, '')`,
    target: attr('affected_email_address'),
  }),
};

export const GWS_RULES: Rule[] = [gmailForwarding, gmailRouting, domainWideDelegation, sensitiveScopeGrant, consentWave, driveDownloads, driveVolume,
  driveExposure, driveTrash, takeout, settingsWeakened, riskyLogin];
