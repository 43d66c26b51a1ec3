// Exchange Online: inbox rules (M1), forwarding (M2), MailItemsAccessed abuse (M7), delegation (M8),
// email protection weakened (M11), sensitive search and eDiscovery (M15), Teams help-desk phishing (M16).

import type { Rule } from '../types.ts';
import { ACTOR, attr, attrText, containsAny, hasExternalAddress, lowerAttr, opIn, TENANT_CTE } from '../fields.ts';
import { singleEvent, windowCount } from '../shapes.ts';
import { raw, sql } from '../sql.ts';

const M365 = raw(`source = 'm365'`);
const NOT_SYSTEM = raw(`coalesce(actor, '') NOT LIKE 'nt authority%' AND actor_type <> 'system'`);
const RULE_TEXT = sql`concat_ws(';', ${attrText('Parameters.')}, ${attrText('OperationProperties.')})`;

/** Folders attackers move mail to so the owner does not see it (several languages, lower case). */
export const HIDING_FOLDERS = ['rss', 'conversation history', 'archive', 'junk', 'deleted items', 'rss-feeds', 'rss feeds',
  'flux rss', 'historique des conversations', 'unterhaltungsverlauf', 'gelöschte elemente', 'éléments supprimés',
  'elementos eliminados', 'posta indesiderata', 'courrier indésirable', 'junk e-mail', 'junk email', 'archivo', 'archiv'];

/** Words in rule conditions that target payment, security and phishing-report mail (lower case). */
export const RULE_KEYWORDS = ['invoice', 'payment', 'wire', 'transfer', 'bank', 'payroll', 'phish', 'security', 'password',
  'mfa', 'verify', 'hacked', 'compromised', 'suspicious', 'fraud', 'helpdesk', 'it support', 'urgent', 'w-2', 'w2', 'gift card'];

const FORWARD_TEXT = sql`concat_ws(' ', ${attr('Parameters.ForwardTo')}, ${attr('Parameters.ForwardAsAttachmentTo')}, ${attr('Parameters.RedirectTo')},
  CASE WHEN contains(${attrText('OperationProperties.')}, 'forward') OR contains(${attrText('OperationProperties.')}, 'redirect')
       THEN ${attrText('OperationProperties.')} END)`;

export const inboxRule: Rule = {
  id: 'M1.inbox-rule', title: 'Malicious or hiding inbox rule',
  description: 'Inbox rule created or changed with a score of suspicious traits ≥ the threshold: forwarding/redirecting outside the '
    + 'organisation (counts 2, so it always alerts), deleting or marking read, moving to a hiding folder, payment/security keyword '
    + 'conditions, a name of ≤5 characters or only punctuation.',
  severity: 'high', attack: ['T1564.008', 'T1114.003'], sources: ['m365'],
  thresholds: { minScore: 2 },
  sql: (t) => sql`WITH ${TENANT_CTE},
    r AS (SELECT *, ${RULE_TEXT} AS p, ${attr('Parameters.Name')} AS rule_name,
        lower(concat_ws(' ', ${attr('Parameters.SubjectContainsWords')}, ${attr('Parameters.BodyContainsWords')},
          ${attr('Parameters.SubjectOrBodyContainsWords')})) AS words,
        ${hasExternalAddress(FORWARD_TEXT)} AS ext
      FROM events WHERE ${M365} AND ${opIn('New-InboxRule', 'Set-InboxRule', 'Enable-InboxRule', 'UpdateInboxRules')}),
    s AS (SELECT *,
        CASE WHEN contains(p, 'deletemessage=true') OR contains(p, 'markasread=true') OR contains(p, 'softdeletemessage=true') THEN 'deletes or marks read' END AS f_del,
        CASE WHEN ${containsAny(sql`lower(coalesce(${attr('Parameters.MoveToFolder')}, ''))`, HIDING_FOLDERS)} THEN 'moves to a hiding folder' END AS f_move,
        CASE WHEN words <> '' AND ${containsAny(raw('words'), RULE_KEYWORDS)} THEN 'keyword conditions' END AS f_kw,
        CASE WHEN rule_name IS NOT NULL AND (length(trim(rule_name)) <= 5 OR NOT regexp_matches(rule_name, '[A-Za-z0-9]')) THEN 'short or blank name' END AS f_name
      FROM r),
    scored AS (SELECT *, (CASE WHEN ext THEN 2 ELSE 0 END) + (f_del IS NOT NULL)::INT + (f_move IS NOT NULL)::INT
        + (f_kw IS NOT NULL)::INT + (f_name IS NOT NULL)::INT AS score FROM s)
  SELECT ${ACTOR} AS actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last, count(*)::DOUBLE AS count,
    left(string_agg(DISTINCT action || ' ' || coalesce('"' || rule_name || '"', '') || ': '
      || concat_ws(', ', CASE WHEN ext THEN 'forwards outside the organisation' END, f_del, f_move, f_kw, f_name), '; '), 400) AS evidence,
    min(ip) AS ip, min(coalesce(target_user, target)) AS target
  FROM scored WHERE score >= CAST(${t.minScore} AS INTEGER) GROUP BY 1, date_trunc('day', ts)`,
};

export const mailboxForwarding: Rule = {
  id: 'M2.forwarding', title: 'Mailbox forwarding to an external address',
  description: 'Set-Mailbox sets ForwardingSmtpAddress/ForwardingAddress to a domain that is not one of the organisation\'s.',
  severity: 'high', attack: ['T1114.003'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    ctes: TENANT_CTE,
    where: sql`${M365} AND ${opIn('Set-Mailbox', 'New-Mailbox', 'Set-MailUser')}
      AND ${hasExternalAddress(sql`concat_ws(' ', ${attr('Parameters.ForwardingSmtpAddress')}, ${attr('Parameters.ForwardingAddress')})`)}`,
    evidence: sql`action || ' → ' || concat_ws(' ', ${attr('Parameters.ForwardingSmtpAddress')}, ${attr('Parameters.ForwardingAddress')})
      || CASE WHEN lower(${attr('Parameters.DeliverToMailboxAndForward')}) = 'false' THEN ' (no copy kept)' ELSE '' END`,
    target: raw('coalesce(target_user, target)'),
  }),
};

const TRANSPORT_TEXT = sql`concat_ws(' ', ${attr('Parameters.BlindCopyTo')}, ${attr('Parameters.RedirectMessageTo')}, ${attr('Parameters.AddToRecipients')},
  ${attr('Parameters.CopyTo')}, ${attr('Parameters.AddManagerAsRecipientType')})`;

export const transportRule: Rule = {
  id: 'M2.transport', title: 'Transport rule copies or redirects mail outside the organisation',
  description: 'New-/Set-TransportRule that BCCs, redirects or adds recipients in an external domain: tenant-wide collection.',
  severity: 'critical', attack: ['T1114.003', 'T1020'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    ctes: TENANT_CTE,
    where: sql`${M365} AND ${opIn('New-TransportRule', 'Set-TransportRule')} AND ${hasExternalAddress(TRANSPORT_TEXT)}`,
    evidence: sql`action || coalesce(' "' || ${attr('Parameters.Name', 'Parameters.Identity')} || '"', '') || ' → ' || ${TRANSPORT_TEXT}`,
  }),
};

export const mailAccessBulk: Rule = {
  id: 'M7.bulk', title: 'Bulk or throttled MailItemsAccessed',
  description: 'One mailbox accessed in more than N MailItemsAccessed operations in a day, or audit throttling reported (IsThrottled).',
  severity: 'high', attack: ['T1114.002'], sources: ['m365'],
  thresholds: { minItems: 1000 },
  sql: (t) => sql`WITH m AS (SELECT ts, coalesce(target_user, ${ACTOR}) AS who, ${ACTOR} AS actor, ip,
        coalesce(TRY_CAST(${attr('OperationCount')} AS DOUBLE), 1) AS n,
        lower(coalesce(${attr('OperationProperties.IsThrottled', 'IsThrottled')}, '')) = 'true' AS thr
      FROM events WHERE ${M365} AND ${opIn('MailItemsAccessed')})
    SELECT min(actor) AS actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last, sum(n) AS count,
      'mailbox ' || who || ': ' || sum(n)::BIGINT::VARCHAR || ' items accessed' || CASE WHEN bool_or(thr) THEN ', throttled' ELSE '' END AS evidence,
      min(ip) AS ip, who AS target
    FROM m GROUP BY who, date_trunc('day', ts) HAVING sum(n) >= CAST(${t.minItems} AS DOUBLE) OR bool_or(thr)`,
};

/** Client strings of desktop sync tools and scripts seen in mailbox-download abuse (lower case). */
export const SYNC_CLIENTS = ['em client', 'client=webservices', 'thunderbird', 'mailbird', 'python', 'fastmail', 'cloudsponge',
  'perfectdata', 'ewsmanagedapi', 'postman'];

export const mailSyncClient: Rule = {
  id: 'M7.sync', title: 'Mailbox synchronised by a third-party client',
  description: 'MailItemsAccessed of type Sync by a client whose ClientInfoString names a desktop sync tool or script.',
  severity: 'high', attack: ['T1114.002'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND ${opIn('MailItemsAccessed')} AND lower(${attr('MailAccessType', 'OperationProperties.MailAccessType')}) = 'sync'
      AND ${containsAny(sql`lower(coalesce(${attr('ClientInfoString')}, ''))`, SYNC_CLIENTS)}`,
    evidence: sql`'Sync by ' || ${attr('ClientInfoString')}`,
    target: raw('coalesce(target_user, target)'),
  }),
};

export const appReadsMailboxes: Rule = {
  id: 'M7.app', title: 'One application reads many mailboxes',
  description: 'A single client application id reads many mailboxes other than the signed-in identity\'s own within a day.',
  severity: 'medium', attack: ['T1114.002'], sources: ['m365'],
  thresholds: { minMailboxes: 20, windowMinutes: 1440 },
  sql: (t) => windowCount({
    where: sql`${M365} AND ${opIn('MailItemsAccessed')} AND app_id IS NOT NULL AND target_user IS NOT NULL AND target_user <> coalesce(actor, '')`,
    key: raw('app_id'),
    distinct: raw(`coalesce(target_user, actor)`), who: raw(`coalesce(target_user, actor)`),
    windowMinutes: t.windowMinutes, min: t.minMailboxes, label: 'mailboxes read by this app:',
  }),
};

export const delegation: Rule = {
  id: 'M8.delegation', title: 'Mailbox delegation or impersonation granted',
  description: 'FullAccess/SendAs/SendOnBehalf granted on a mailbox, Inbox or Calendar opened to Default/Anonymous/Everyone, '
    + 'ApplicationImpersonation assigned, or full_access_as_app added to an application; system actors excluded.',
  severity: 'medium', attack: ['T1098.002'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND ${NOT_SYSTEM} AND (
        (${opIn('Add-MailboxPermission')} AND contains(${lowerAttr('Parameters.AccessRights')}, 'fullaccess'))
      OR (${opIn('Add-RecipientPermission')} AND contains(${lowerAttr('Parameters.AccessRights')}, 'sendas'))
      OR (${opIn('Set-Mailbox')} AND ${attr('Parameters.GrantSendOnBehalfTo')} IS NOT NULL)
      OR (${opIn('Add-MailboxFolderPermission', 'Set-MailboxFolderPermission', 'ModifyFolderPermissions', 'AddFolderPermissions')}
          AND ${containsAny(sql`lower(concat_ws(' ', ${attr('Parameters.User')}, ${attr('Item.ParentFolder.MemberUpn', 'MemberUpn')}, ${attrText('Parameters.')}, ${attrText('Item.')}))`, ['default', 'anonymous', 'everyone'])})
      OR (${opIn('New-ManagementRoleAssignment')} AND contains(${lowerAttr('Parameters.Role')}, 'applicationimpersonation'))
      OR (source = 'm365' AND contains(${lowerAttr('Parameters.AccessRights', 'ModifiedProperties.AppAddress.NewValue')}, 'full_access_as_app'))
      OR (${opIn('Update application', 'Add app role assignment to service principal')} AND contains(lower(concat_ws(' ', ${attrText('ModifiedProperties.')})), 'full_access_as_app')))`,
    evidence: sql`action || coalesce(' ' || ${attr('Parameters.AccessRights', 'Parameters.Role')}, '') || coalesce(' on ' || coalesce(target_user, target), '')
      || coalesce(' for ' || ${attr('Parameters.User', 'Parameters.Trustee', 'Parameters.GrantSendOnBehalfTo')}, '')`,
    target: raw('coalesce(target_user, target)'),
  }),
};

export const mailProtectionWeakened: Rule = {
  id: 'M11.mail-protection', title: 'Email protection weakened',
  description: 'Anti-phishing, Safe Links, Safe Attachments or malware filter rules/policies removed or disabled, DKIM signing '
    + 'disabled, an inbound connector created, or allow-lists added to spam filtering or a mailbox\'s trusted senders.',
  severity: 'high', attack: ['T1562.001'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND (${opIn('Remove-AntiPhishPolicy', 'Remove-AntiPhishRule', 'Disable-AntiPhishRule', 'Disable-SafeLinksRule',
        'Remove-SafeLinksPolicy', 'Remove-SafeLinksRule', 'Disable-SafeAttachmentRule', 'Remove-SafeAttachmentPolicy', 'Remove-SafeAttachmentRule',
        'Remove-MalwareFilterPolicy', 'Remove-MalwareFilterRule', 'Disable-MalwareFilterRule', 'New-InboundConnector', 'Disable-ATPProtectionPolicyRule')}
      OR (${opIn('Set-DkimSigningConfig')} AND ${lowerAttr('Parameters.Enabled')} = 'false')
      OR (${opIn('Set-HostedContentFilterPolicy', 'New-HostedContentFilterPolicy')} AND (${attr('Parameters.AllowedSenderDomains')} IS NOT NULL OR ${attr('Parameters.AllowedSenders')} IS NOT NULL))
      OR (${opIn('Set-HostedConnectionFilterPolicy')} AND ${attr('Parameters.IPAllowList')} IS NOT NULL)
      OR (${opIn('Set-MailboxJunkEmailConfiguration')} AND ${attr('Parameters.TrustedSendersAndDomains')} IS NOT NULL))`,
    evidence: sql`action || coalesce(' ' || ${attr('Parameters.Identity', 'Parameters.Name')}, '')`,
  }),
};

/** Search words that point at credential, payment or security-process hunting (lower case). */
export const SEARCH_KEYWORDS = ['password', 'passwort', 'credential', 'invoice', 'wire', 'payroll', 'bank', 'mfa', 'vpn', 'secret',
  'login', 'username', 'payment', 'iban', 'swift', 'ssn', 'confidential'];

export const sensitiveSearch: Rule = {
  id: 'M15.search', title: 'Mailbox or SharePoint search for credentials or payments',
  description: 'SearchQueryInitiatedExchange/SharePoint or SearchQueryPerformed whose query text contains credential or payment words.',
  severity: 'medium', attack: ['T1213.002', 'T1114.002'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND ${opIn('SearchQueryInitiatedExchange', 'SearchQueryInitiatedSharePoint', 'SearchQueryPerformed')}
      AND ${containsAny(sql`lower(coalesce(${attr('SearchQueryText', 'QueryText')}, ''))`, SEARCH_KEYWORDS)}`,
    evidence: sql`'searched "' || ${attr('SearchQueryText', 'QueryText')} || '"'`,
  }),
};

export const ediscoveryExport: Rule = {
  id: 'M15.export', title: 'eDiscovery export or purge',
  description: 'Compliance search exported or downloaded, or a compliance search action with -Export/-Purge.',
  severity: 'high', attack: ['T1114.002', 'T1213.002'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND (${opIn('SearchExported', 'SearchExportDownloaded', 'ViewedSearchExported', 'AdminMailAccess')}
      OR (${opIn('New-ComplianceSearchAction')} AND (${attr('Parameters.Export')} IS NOT NULL OR ${attr('Parameters.Purge')} IS NOT NULL
        OR contains(${attrText('Parameters.')}, 'export') OR contains(${attrText('Parameters.')}, 'purge'))))`,
    evidence: sql`action || coalesce(' ' || ${attr('Parameters.SearchName', 'Parameters.Name', 'ObjectId')}, coalesce(' ' || target, ''))`,
  }),
};

/** Display-name words impersonating IT support in Teams chats (lower case). */
export const HELPDESK_WORDS = ['help desk', 'helpdesk', 'it support', 'service desk', 'servicedesk', 'tech support', 'support team',
  'it team', 'security team', 'microsoft', 'administrator'];

export const teamsHelpdeskPhish: Rule = {
  id: 'M16.teams-phish', title: 'External Teams chat posing as help desk',
  description: 'A one-on-one Teams chat with a user from another tenant whose display name imitates IT support.',
  severity: 'high', attack: ['T1566.003'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND ${opIn('ChatCreated', 'MessageSent', 'MemberAdded')}
      AND (lower(coalesce(${attr('ParticipantInfo.HasForeignTenantUsers')}, '')) = 'true' OR contains(${attrText('Members')}, '#ext#'))
      AND ${containsAny(sql`concat_ws(' ', ${attrText('Members')}, ${attrText('ParticipantInfo')}, lower(coalesce(${attr('ChatName', 'ChatThreadId')}, '')))`, HELPDESK_WORDS)}`,
    evidence: sql`action || ' with ' || left(${attrText('Members')}, 200)`,
  }),
};

export const M365_MAIL_RULES: Rule[] = [inboxRule, mailboxForwarding, transportRule, mailAccessBulk, mailSyncClient, appReadsMailboxes,
  delegation, mailProtectionWeakened, sensitiveSearch, ediscoveryExport, teamsHelpdeskPhish];
