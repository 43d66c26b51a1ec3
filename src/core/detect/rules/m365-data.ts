// M365 data and audit: audit tampering (M4), mass download (M12), external sharing (M13), mass deletion (M14),
// and vendor alerts found in the audit log (X6).

import type { Rule } from '../types.ts';
import { ACTOR, attr, attrText, containsAny, lowerAttr, opIn } from '../fields.ts';
import { dailyVolume, singleEvent, windowCount } from '../shapes.ts';
import { raw, sql } from '../sql.ts';

const M365 = raw(`source = 'm365'`);

export const auditTampering: Rule = {
  id: 'M4.audit', title: 'Audit logging disabled or bypassed',
  description: 'Unified audit ingestion or admin auditing turned off, a mailbox audit bypass set, mailbox auditing disabled, or an '
    + 'audit retention policy created, changed or removed.',
  severity: 'critical', attack: ['T1562.008'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND (
        (${opIn('Set-AdminAuditLogConfig')} AND (${lowerAttr('Parameters.UnifiedAuditLogIngestionEnabled')} = 'false' OR ${lowerAttr('Parameters.AdminAuditLogEnabled')} = 'false'))
      OR (${opIn('Set-MailboxAuditBypassAssociation')} AND ${lowerAttr('Parameters.AuditBypassEnabled')} = 'true')
      OR (${opIn('Set-Mailbox', 'Set-OrganizationConfig')} AND (${lowerAttr('Parameters.AuditEnabled')} = 'false' OR ${lowerAttr('Parameters.AuditDisabled')} = 'true'))
      OR ${opIn('New-UnifiedAuditLogRetentionPolicy', 'Set-UnifiedAuditLogRetentionPolicy', 'Remove-UnifiedAuditLogRetentionPolicy')})`,
    evidence: sql`action || coalesce(' ' || nullif(concat_ws(' ', ${attrText('Parameters.')}), ''), '')`,
  }),
};

const DOWNLOADS = ['FileDownloaded', 'FileSyncDownloadedFull', 'FileSyncDownloadedPartial'];

export const massDownload: Rule = {
  id: 'M12.download', title: 'Mass download from SharePoint or OneDrive',
  description: 'One identity downloads many distinct files within a few minutes.',
  severity: 'high', attack: ['T1530', 'T1567'], sources: ['m365'],
  thresholds: { minFiles: 50, windowMinutes: 5 },
  sql: (t) => windowCount({ where: sql`${M365} AND ${opIn(...DOWNLOADS)}`, distinct: raw('coalesce(target, record_id)'),
    windowMinutes: t.windowMinutes, min: t.minFiles, label: 'distinct files downloaded:' }),
};

export const downloadVolume: Rule = {
  id: 'M12.volume', title: 'Unusual daily download volume',
  description: 'An identity downloads or syncs far more distinct files in a day than it usually does (at least N, and a multiple of '
    + 'its median on its other active days): slow exfiltration that stays under the burst threshold.',
  severity: 'high', attack: ['T1530', 'T1567'], sources: ['m365'],
  thresholds: { minFiles: 100, factor: 5 },
  sql: (t) => dailyVolume({ where: sql`${M365} AND ${opIn(...DOWNLOADS)}`, distinct: raw('coalesce(target, record_id)'),
    min: t.minFiles, factor: t.factor, label: 'distinct files downloaded:' }),
};

export const scriptedDownload: Rule = {
  id: 'M12.script', title: 'SharePoint download with a scripting client',
  description: 'File downloads by PowerShell, PnP, rclone or scripting HTTP clients.',
  severity: 'medium', attack: ['T1530'], sources: ['m365'],
  thresholds: { minFiles: 10 },
  sql: (t) => sql`SELECT ${ACTOR} AS actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last, count(*)::DOUBLE AS count,
      count(*)::VARCHAR || ' downloads with ' || min(user_agent) AS evidence, min(ip) AS ip, min(target) AS target
    FROM events WHERE ${M365} AND ${opIn(...DOWNLOADS, 'FileAccessed')}
      AND ${containsAny(raw(`lower(coalesce(user_agent, ''))`), ['powershell', 'pnp', 'rclone', 'python', 'curl/', 'go-http-client', 'axios'])}
    GROUP BY 1, date_trunc('day', ts) HAVING count(*) >= CAST(${t.minFiles} AS DOUBLE)`,
};

const SHARE_OPS = ['AnonymousLinkCreated', 'SharingInvitationCreated', 'AddedToSecureLink', 'SecureLinkCreated', 'SharingSet', 'CompanyLinkCreated'];

/** A sharing event that reaches outside: anonymous links, guests, or recipients in another domain. */
const EXTERNAL_SHARE = sql`(${opIn('AnonymousLinkCreated')} OR lower(coalesce(${attr('TargetUserOrGroupType')}, '')) IN ('guest', 'external')
  OR contains(lower(coalesce(${attr('TargetUserOrGroupName')}, '')), '#ext#')
  OR (${attr('TargetUserOrGroupName')} LIKE '%@%' AND NOT EXISTS (SELECT 1 FROM tenant t
      WHERE lower(${attr('TargetUserOrGroupName')}) LIKE '%@' || t.d OR lower(${attr('TargetUserOrGroupName')}) LIKE '%.' || t.d)))`;

export const sharingSpike: Rule = {
  id: 'M13.sharing', title: 'Many files shared outside the organisation',
  description: 'One identity creates anonymous links or shares with guests/external addresses for many items in a day.',
  severity: 'medium', attack: ['T1567', 'T1537'], sources: ['m365'],
  thresholds: { minShares: 10 },
  sql: (t) => sql`WITH tenant AS (SELECT DISTINCT lower(regexp_extract(actor, '@([^@]+)$', 1)) AS d FROM events
        WHERE actor LIKE '%_@_%' AND actor_type IN ('user', 'admin') AND actor NOT LIKE '%#ext#%' AND source IN ('m365', 'entra'))
    SELECT ${ACTOR} AS actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last, count(DISTINCT coalesce(target, record_id))::DOUBLE AS count,
      count(DISTINCT coalesce(target, record_id))::VARCHAR || ' items shared externally, e.g. ' || min(target) AS evidence,
      min(ip) AS ip, min(target) AS target
    FROM events WHERE ${M365} AND ${opIn(...SHARE_OPS)} AND ${EXTERNAL_SHARE}
    GROUP BY 1, date_trunc('day', ts) HAVING count(DISTINCT coalesce(target, record_id)) >= CAST(${t.minShares} AS DOUBLE)`,
};

export const sharingPolicyLoosened: Rule = {
  id: 'M13.policy', title: 'Sharing policy loosened',
  description: 'Tenant or site sharing settings changed to allow guests or anonymous links.',
  severity: 'high', attack: ['T1537', 'T1562.001'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND ${opIn('SharingPolicyChanged', 'SiteSharingPolicyChanged', 'Set-SPOTenant', 'Set-SPOSite')}
      AND (${containsAny(sql`lower(concat_ws(' ', ${attr('ModifiedProperties.ShareWithGuests.NewValue', 'ModifiedProperties.ShareUsingAnonymousLinks.NewValue', 'NewValue')},
          ${attr('Parameters.SharingCapability')}))`, ['true', 'enabled', 'externaluserandguestsharing', 'externalusersharingonly', 'anyone'])})`,
    evidence: sql`action || coalesce(' ' || concat_ws(' → ', ${attr('OldValue', 'ModifiedProperties.ShareUsingAnonymousLinks.OldValue')},
      ${attr('NewValue', 'ModifiedProperties.ShareUsingAnonymousLinks.NewValue', 'Parameters.SharingCapability')}), '')`,
  }),
};

const DELETES = ['FileDeleted', 'FileRecycled', 'FileDeletedFirstStageRecycleBin', 'FileDeletedSecondStageRecycleBin', 'FolderDeleted',
  'FolderRecycled', 'SoftDelete', 'HardDelete', 'MoveToDeletedItems', 'TeamDeleted'];

export const massDeletion: Rule = {
  id: 'M14.delete', title: 'Mass deletion of files, mail or teams',
  description: 'One identity deletes many files, messages or teams within a short window.',
  severity: 'high', attack: ['T1485', 'T1070.008'], sources: ['m365'],
  thresholds: { minItems: 50, windowMinutes: 10 },
  sql: (t) => windowCount({ where: sql`${M365} AND ${opIn(...DELETES)}`, windowMinutes: t.windowMinutes, min: t.minItems, label: 'items deleted:' }),
};

/** Subjects of security notifications an intruder deletes to stay unseen (lower case). */
export const SECURITY_SUBJECTS = ['security alert', 'sign-in', 'new sign', 'unusual sign', 'verification code', 'security code',
  'mfa', 'multi-factor', 'password', 'new inbox rule', 'suspicious', 'account activity', 'security info'];

export const securityMailDeleted: Rule = {
  id: 'M14.security-mail', title: 'Security notification mail deleted',
  description: 'Mail whose subject looks like a sign-in, MFA or security notification is deleted.',
  severity: 'medium', attack: ['T1070.008'], sources: ['m365'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${M365} AND ${opIn('SoftDelete', 'HardDelete', 'MoveToDeletedItems')}
      AND ${containsAny(sql`concat_ws(' ', ${attrText('AffectedItems')}, ${attrText('Item.Subject')})`, SECURITY_SUBJECTS)}`,
    evidence: sql`action || ': ' || left(concat_ws(' ', ${attrText('AffectedItems')}, ${attrText('Item.Subject')}), 200)`,
  }),
};

export const vendorAlert: Rule = {
  id: 'X6.alert', title: 'Microsoft security alert in the audit log',
  description: 'Alerts raised by Microsoft (Defender, Purview, MCAS) that the unified audit log carries (RecordType 40, 64, … '
    + 'AlertTriggered/AlertEntityGenerated), de-duplicated by alert id.',
  severity: 'medium', attack: ['T1078'], sources: ['m365'],
  thresholds: {},
  sql: () => sql`SELECT coalesce(target_user, ${ACTOR}) AS actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last,
      count(DISTINCT coalesce(${attr('AlertId')}, record_id))::DOUBLE AS count,
      left(string_agg(DISTINCT coalesce(${attr('Name', 'AlertName')}, action) || coalesce(' (' || ${attr('Severity')} || ')', ''), '; '), 400) AS evidence,
      min(ip) AS ip, min(target) AS target
    FROM events WHERE ${M365} AND category = 'alert' AND ${opIn('AlertTriggered', 'AlertEntityGenerated')}
    GROUP BY 1, date_trunc('day', ts)`,
};

export const M365_DATA_RULES: Rule[] = [auditTampering, massDownload, downloadVolume, scriptedDownload, sharingSpike, sharingPolicyLoosened,
  massDeletion, securityMailDeleted, vendorAlert];
