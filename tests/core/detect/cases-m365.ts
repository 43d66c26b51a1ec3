import { expect } from 'vitest';
import * as D from '../../../src/core/detect/rules/m365-data.ts';
import * as I from '../../../src/core/detect/rules/m365-identity.ts';
import * as M from '../../../src/core/detect/rules/m365-mail.ts';
import { DAY, ev, failed, HOUR, login, MIN, times, type Case } from './factory.ts';

const A = 'alice@contoso.com';
const exo = (action: string, attrs: Record<string, string> = {}, extra = {}) => ev({ source: 'm365', workload: 'Exchange', action, attrs, ...extra });
const aad = (action: string, attrs: Record<string, string> = {}, extra = {}) => ev({ source: 'm365', workload: 'AzureActiveDirectory', action, attrs, ...extra });
const spo = (action: string, extra = {}) => ev({ source: 'm365', workload: 'SharePoint', action, ...extra });

export const M365_CASES: Case[] = [
  {
    rule: M.inboxRule,
    fire: [exo('New-InboxRule', { 'Parameters.Name': 'x', 'Parameters.MoveToFolder': 'RSS Feeds', 'Parameters.MarkAsRead': 'True' })],
    // one trait only (a keyword condition) is below the score of 2
    miss: [exo('New-InboxRule', { 'Parameters.Name': 'Newsletters from vendors', 'Parameters.SubjectContainsWords': 'invoice', 'Parameters.MoveToFolder': 'Vendors' })],
    check: (f) => expect(f[0].evidence).toMatch(/hiding folder.*short or blank name|short or blank name.*hiding/),
  },
  {
    rule: M.inboxRule,
    fire: [exo('New-InboxRule', { 'Parameters.Name': 'Forward all to my archive', 'Parameters.ForwardTo': 'drop@evil.example' })],
    miss: [exo('New-InboxRule', { 'Parameters.Name': 'Forward to my assistant', 'Parameters.ForwardTo': 'bob@contoso.com' })],
  },
  {
    rule: M.mailboxForwarding,
    fire: [exo('Set-Mailbox', { 'Parameters.ForwardingSmtpAddress': 'smtp:alice@gmail.com', 'Parameters.DeliverToMailboxAndForward': 'False' })],
    // forwarding within the organisation, including its sub-domains
    miss: [exo('Set-Mailbox', { 'Parameters.ForwardingSmtpAddress': 'smtp:bob@eu.contoso.com' })],
    check: (f) => expect(f[0].evidence).toContain('no copy kept'),
  },
  {
    rule: M.transportRule,
    fire: [exo('New-TransportRule', { 'Parameters.Name': 'audit', 'Parameters.BlindCopyTo': 'collector@evil.example' })],
    miss: [exo('New-TransportRule', { 'Parameters.Name': 'legal', 'Parameters.BlindCopyTo': 'legal@contoso.com' })],
  },
  {
    rule: M.mailAccessBulk,
    fire: [exo('MailItemsAccessed', { OperationCount: '600' }), exo('MailItemsAccessed', { OperationCount: '500' }, { at: HOUR })],
    miss: [exo('MailItemsAccessed', { OperationCount: '600' }), exo('MailItemsAccessed', { OperationCount: '300' }, { at: HOUR })],
  },
  {
    rule: M.mailSyncClient,
    fire: [exo('MailItemsAccessed', { MailAccessType: 'Sync', ClientInfoString: 'Client=REST;Client=RESTSystem;eM Client/9.2' })],
    miss: [exo('MailItemsAccessed', { MailAccessType: 'Bind', ClientInfoString: 'eM Client/9.2' }),
      exo('MailItemsAccessed', { MailAccessType: 'Sync', ClientInfoString: 'Client=OWA;Action=ViaProxy' })],
  },
  {
    rule: M.appReadsMailboxes, actor: 'app-1',
    fire: times(20, { source: 'm365', action: 'MailItemsAccessed', appId: 'app-1' }, MIN, (i) => ({ targetUser: `u${i}@contoso.com` })),
    miss: times(20, { source: 'm365', action: 'MailItemsAccessed', appId: 'app-1', targetUser: 'u1@contoso.com' }, MIN),
  },
  {
    rule: M.delegation,
    fire: [exo('Add-MailboxPermission', { 'Parameters.AccessRights': 'FullAccess', 'Parameters.User': 'mallory@contoso.com' }, { targetUser: 'ceo@contoso.com' })],
    miss: [exo('Add-MailboxPermission', { 'Parameters.AccessRights': 'ReadPermission' }),
      exo('Add-MailboxPermission', { 'Parameters.AccessRights': 'FullAccess' }, { actor: 'nt authority\\system (microsoft.exchange.servicehost)', actorType: 'system' })],
  },
  {
    rule: M.mailProtectionWeakened,
    fire: [exo('Set-DkimSigningConfig', { 'Parameters.Enabled': 'False' })],
    miss: [exo('Set-DkimSigningConfig', { 'Parameters.Enabled': 'True' }), exo('New-AntiPhishPolicy')],
  },
  {
    rule: M.sensitiveSearch,
    fire: [exo('SearchQueryInitiatedExchange', { SearchQueryText: 'vpn password' })],
    miss: [exo('SearchQueryInitiatedExchange', { SearchQueryText: 'team lunch' })],
  },
  {
    rule: M.ediscoveryExport,
    fire: [ev({ source: 'm365', workload: 'SecurityComplianceCenter', action: 'New-ComplianceSearchAction', attrs: { 'Parameters.Export': 'True', 'Parameters.SearchName': 'all mail' } })],
    miss: [ev({ source: 'm365', workload: 'SecurityComplianceCenter', action: 'New-ComplianceSearchAction', attrs: { 'Parameters.Preview': 'True' } })],
  },
  {
    rule: M.teamsHelpdeskPhish,
    fire: [ev({ source: 'm365', workload: 'MicrosoftTeams', action: 'ChatCreated', attrs: { 'ParticipantInfo.HasForeignTenantUsers': 'true', 'Members.0.DisplayName': 'IT Help Desk' } })],
    miss: [ev({ source: 'm365', workload: 'MicrosoftTeams', action: 'ChatCreated', attrs: { 'ParticipantInfo.HasForeignTenantUsers': 'false', 'Members.0.DisplayName': 'IT Help Desk' } }),
      ev({ source: 'm365', workload: 'MicrosoftTeams', action: 'ChatCreated', attrs: { 'ParticipantInfo.HasForeignTenantUsers': 'true', 'Members.0.DisplayName': 'Jane Partner' } })],
  },
  {
    rule: I.riskyConsent,
    fire: [aad('Consent to application.', { 'ModifiedProperties.ConsentAction_Permissions.NewValue': 'Scope: Mail.ReadWrite offline_access' })],
    miss: [aad('Consent to application.', { 'ModifiedProperties.ConsentAction_Permissions.NewValue': 'Scope: User.Read openid offline_access' })],
  },
  {
    rule: I.deviceCodeSignIn,
    fire: [login(A, 0, '203.0.113.9', { attrs: { 'ExtendedProperties.RequestType': 'Cmsi:Cmsi' } })],
    miss: [login(A, 0, '203.0.113.9', { attrs: { 'ExtendedProperties.RequestType': 'Login:login' } }),
      failed(A, 0, '203.0.113.9', { attrs: { 'ExtendedProperties.RequestType': 'Cmsi:Cmsi' } })],
  },
  {
    rule: I.legacyOrRopc,
    fire: [login(A, 0, '203.0.113.9', { userAgent: 'BAV2ROPC' })],
    miss: [login(A, 0, '203.0.113.9', { userAgent: 'Mozilla/5.0' })],
  },
  {
    rule: I.tokenToDevice,
    fire: [login(A, 0, '198.51.100.1', { attrs: { 'ExtendedProperties.RequestType': 'OAuth2:Authorize' } }),
      login(A, 2 * MIN, '203.0.113.9', { attrs: { 'ExtendedProperties.RequestType': 'OAuth2:Token' } }),
      aad('Add registered users to device.', {}, { at: 10 * MIN })],
    miss: [login(A, 0, '198.51.100.1', { attrs: { 'ExtendedProperties.RequestType': 'OAuth2:Authorize' } }),
      login(A, 2 * MIN, '198.51.100.1', { attrs: { 'ExtendedProperties.RequestType': 'OAuth2:Token' } }),
      aad('Add registered users to device.', {}, { at: 10 * MIN })],
  },
  {
    rule: I.sessionMultiNetwork,
    geo: [{ ip: '198.51.100.1', country: 'US', asn: 7922 }, { ip: '203.0.113.9', country: 'NG', asn: 37148 }, { ip: '198.51.100.2', country: 'US', asn: 7922 }],
    fire: [login(A, 0, '198.51.100.1', { sessionId: 's1' }), exo('MailItemsAccessed', {}, { at: 20 * MIN, ip: '203.0.113.9', sessionId: 's1' })],
    miss: [login(A, 0, '198.51.100.1', { sessionId: 's1' }), exo('MailItemsAccessed', {}, { at: 20 * MIN, ip: '198.51.100.2', sessionId: 's1' }),
      exo('MailItemsAccessed', {}, { at: 5 * HOUR, ip: '203.0.113.9', sessionId: 's1' })],
  },
  {
    rule: I.rapidIpChange,
    // a week at home only; today home and, 20 s later, a network never used before
    fire: [login(A, -7 * DAY, '198.51.100.1'), login(A, 0, '198.51.100.1'), login(A, 20_000, '203.0.113.9')],
    miss: [login(A, -7 * DAY, '198.51.100.1'), login(A, 0, '198.51.100.1'), login(A, 5 * MIN, '203.0.113.9'), login(A, 5 * MIN + 10_000, '203.0.113.9')],
  },
  {
    rule: I.rapidIpChange,
    // a laptop at home and a phone on its carrier, both networks used earlier
    fire: [login(A, -7 * DAY, '198.51.100.1'), login(A, 0, '198.51.100.1'), login(A, 20_000, '2001:db8:77:1::5')],
    miss: [login(A, -7 * DAY, '198.51.100.1'), login(A, -DAY + HOUR, '2001:db8:77:9::1'), login(A, 0, '198.51.100.1'), login(A, 20_000, '2001:db8:77:1::5'),
      // six days of history are too few to call a network new
      login('bob@contoso.com', -6 * DAY, '198.51.100.7'), login('bob@contoso.com', 0, '198.51.100.7'), login('bob@contoso.com', 20_000, '203.0.113.9')],
  },
  {
    rule: I.appCredentials,
    fire: [aad('Add service principal credentials.')],
    miss: [aad('Remove service principal credentials.')],
  },
  {
    rule: I.servicePrincipalBurst,
    fire: times(3, { source: 'm365', workload: 'AzureActiveDirectory', action: 'Add service principal.' }, 10 * MIN),
    miss: times(3, { source: 'm365', workload: 'AzureActiveDirectory', action: 'Add service principal.' }, 40 * MIN),
  },
  {
    rule: I.federationChange,
    fire: [aad('Set federation settings on domain.', {}, { target: 'contoso.com' })],
    miss: [aad('Set company information.')],
  },
  {
    rule: D.auditTampering,
    fire: [exo('Set-AdminAuditLogConfig', { 'Parameters.UnifiedAuditLogIngestionEnabled': 'False' })],
    miss: [exo('Set-AdminAuditLogConfig', { 'Parameters.UnifiedAuditLogIngestionEnabled': 'True' })],
  },
  {
    rule: D.massDownload,
    fire: times(50, { source: 'm365', action: 'FileDownloaded' }, 5_000, (i) => ({ target: `https://contoso.sharepoint.com/doc${i}.docx` })),
    // the same file 50 times is not "50 files"; 50 files over an hour is not a burst
    miss: [...times(50, { source: 'm365', action: 'FileDownloaded', target: 'https://contoso.sharepoint.com/a.docx' }, 5_000),
      ...times(50, { source: 'm365', action: 'FileDownloaded', at: 5 * HOUR }, 72_000, (i) => ({ target: `https://contoso.sharepoint.com/doc${i}.docx` }))],
  },
  {
    rule: D.downloadVolume,
    // 10 ordinary days of 5 files, then 120 files spread over 4 hours
    fire: [...Array.from({ length: 10 }, (_, d) => times(5, { source: 'm365', action: 'FileDownloaded', at: d * DAY }, MIN, (i) => ({ target: `d${d}-${i}` }))).flat(),
      ...times(120, { source: 'm365', action: 'FileDownloaded', at: 11 * DAY }, 2 * MIN, (i) => ({ target: `x${i}` }))],
    // a heavy downloader doing what they always do
    miss: Array.from({ length: 5 }, (_, d) => times(120, { source: 'm365', action: 'FileDownloaded', at: d * DAY }, MIN, (i) => ({ target: `d${d}-${i}` }))).flat(),
  },
  {
    rule: D.scriptedDownload,
    fire: times(10, { source: 'm365', action: 'FileDownloaded', userAgent: 'Mozilla/5.0 WindowsPowerShell/5.1' }, MIN),
    miss: times(10, { source: 'm365', action: 'FileDownloaded', userAgent: 'Mozilla/5.0 Edge' }, MIN),
  },
  {
    rule: D.sharingSpike,
    fire: times(10, { source: 'm365', action: 'AnonymousLinkCreated' }, MIN, (i) => ({ target: `doc${i}` })),
    miss: times(10, { source: 'm365', action: 'SharingInvitationCreated', attrs: { TargetUserOrGroupName: 'bob@contoso.com', TargetUserOrGroupType: 'Member' } }, MIN, (i) => ({ target: `doc${i}` })),
  },
  {
    rule: D.sharingPolicyLoosened,
    fire: [spo('SharingPolicyChanged', { attrs: { 'ModifiedProperties.ShareUsingAnonymousLinks.NewValue': 'True', 'ModifiedProperties.ShareUsingAnonymousLinks.OldValue': 'False' } })],
    miss: [spo('SharingPolicyChanged', { attrs: { 'ModifiedProperties.ShareUsingAnonymousLinks.NewValue': 'False' } })],
  },
  {
    rule: D.massDeletion,
    fire: times(50, { source: 'm365', action: 'FileDeleted' }, 10_000),
    miss: times(49, { source: 'm365', action: 'FileDeleted' }, 10_000),
  },
  {
    rule: D.securityMailDeleted,
    fire: [exo('HardDelete', { 'AffectedItems.0.Subject': 'Unusual sign-in activity' })],
    miss: [exo('HardDelete', { 'AffectedItems.0.Subject': 'Lunch on Friday' })],
  },
  {
    rule: D.vendorAlert, actor: 'bob@contoso.com',
    fire: [ev({ source: 'm365', category: 'alert', action: 'AlertTriggered', targetUser: 'bob@contoso.com', attrs: { Name: 'Impossible travel activity', Severity: 'Medium', AlertId: 'a1' } })],
    miss: [ev({ source: 'm365', category: 'alert', action: 'AlertUpdated', attrs: { Name: 'Impossible travel activity' } })],
  },
];

