// Restores the documented casing of top-level AuditData keys for records that arrive lower-cased
// (rule-engine normalisation) or camel-cased (Graph), so attrs keys are the same whatever the emitter.

import type { Obj } from './fields.ts';

const CANONICAL = [
  // common schema
  'CreationTime', 'Id', 'Operation', 'OrganizationId', 'RecordType', 'ResultStatus', 'UserKey', 'UserType',
  'Version', 'Workload', 'ClientIP', 'ObjectId', 'UserId', 'Scope', 'AppAccessContext',
  // directory and sign-in
  'AzureActiveDirectoryEventType', 'ExtendedProperties', 'ModifiedProperties', 'Actor', 'ActorContextId',
  'ActorIpAddress', 'InterSystemsId', 'IntraSystemId', 'SupportTicketId', 'Target', 'TargetContextId',
  'ApplicationId', 'Client', 'DeviceProperties', 'ErrorNumber', 'LogonError',
  // Exchange admin and mailbox
  'Parameters', 'ExternalAccess', 'OriginatingServer', 'OrganizationName', 'AppId', 'ClientAppId', 'SessionId',
  'ModifiedObjectResolvedName', 'TokenObjectId', 'TokenTenantId', 'LogonType', 'MailboxOwnerUPN', 'MailboxGuid',
  'MailboxOwnerSid', 'LogonUserSid', 'ClientInfoString', 'ClientIPAddress', 'ClientProcessName', 'ClientVersion',
  'InternalLogonType', 'Item', 'Folders', 'Folder', 'DestFolder', 'OperationProperties', 'OperationCount',
  'AffectedItems', 'CrossMailboxOperation', 'SendAsUserSmtp', 'SendOnBehalfOfUserSmtp',
  // SharePoint / OneDrive
  'Site', 'SiteUrl', 'SourceRelativeUrl', 'SourceFileName', 'SourceFileExtension', 'DestinationRelativeUrl',
  'DestinationFileName', 'DestinationFileExtension', 'ItemType', 'ListId', 'ListItemUniqueId', 'WebId',
  'EventSource', 'UserAgent', 'BrowserName', 'BrowserVersion', 'Platform', 'IsManagedDevice', 'DeviceDisplayName',
  'AuthenticationType', 'CorrelationId', 'FileSizeBytes', 'TargetUserOrGroupName', 'TargetUserOrGroupType',
  'EventData', 'UniqueSharingId', 'SharingType', 'ImplicitShare', 'GeoLocation', 'ClientAppName',
  // Teams
  'TeamName', 'TeamGuid', 'ChannelName', 'ChannelGuid', 'Members', 'CommunicationType', 'ChatThreadId',
  'MessageId', 'AddOnType', 'AddOnName', 'ItemName', 'ParticipantInfo',
  // alerts
  'AlertId', 'AlertType', 'Name', 'Severity', 'Category', 'Status', 'Source', 'Data', 'PolicyId', 'AlertEntityId',
  'EntityType', 'Comments',
];

const BY_LOWER = new Map(CANONICAL.map((k) => [k.toLowerCase(), k]));

/** A copy whose known keys use the documented casing; unknown keys are kept as they are. */
export function canonicalKeys(record: Obj): Obj {
  if ('Operation' in record && 'CreationTime' in record) return record;
  const out: Obj = {};
  for (const [k, v] of Object.entries(record)) {
    const canonical = BY_LOWER.get(k.toLowerCase()) ?? k;
    if (!(canonical in out) || out[canonical] === undefined || out[canonical] === null) out[canonical] = v;
  }
  return out;
}
