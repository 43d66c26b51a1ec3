// The UAL RecordType values worth naming (enum of the Management Activity API), with the workload
// and category a record of that type defaults to when its Operation says nothing more specific.

import type { Category } from '../../schema/events.ts';

type RecordTypeInfo = readonly [value: number, name: string, category: Category, workload?: string];

const TYPES: readonly RecordTypeInfo[] = [
  [1, 'ExchangeAdmin', 'admin', 'Exchange'],
  [2, 'ExchangeItem', 'mail', 'Exchange'],
  [3, 'ExchangeItemGroup', 'mail', 'Exchange'],
  [4, 'SharePoint', 'file', 'SharePoint'],
  [6, 'SharePointFileOperation', 'file', 'SharePoint'],
  [7, 'OneDrive', 'file', 'OneDrive'],
  [8, 'AzureActiveDirectory', 'admin', 'AzureActiveDirectory'],
  [9, 'AzureActiveDirectoryAccountLogon', 'authentication', 'AzureActiveDirectory'],
  [10, 'DataCenterSecurityCmdlet', 'admin'],
  [11, 'ComplianceDLPSharePoint', 'alert', 'SharePoint'],
  [13, 'ComplianceDLPExchange', 'alert', 'Exchange'],
  [14, 'SharePointSharingOperation', 'sharing', 'SharePoint'],
  [15, 'AzureActiveDirectoryStsLogon', 'authentication', 'AzureActiveDirectory'],
  [18, 'SecurityComplianceCenterEOPCmdlet', 'admin', 'SecurityComplianceCenter'],
  [19, 'ExchangeAggregatedOperation', 'mail', 'Exchange'],
  [20, 'PowerBIAudit', 'other', 'PowerBI'],
  [22, 'Viva Engage', 'collaboration', 'Yammer'],
  [24, 'Discovery', 'audit', 'SecurityComplianceCenter'],
  [25, 'MicrosoftTeams', 'collaboration', 'MicrosoftTeams'],
  [28, 'ThreatIntelligence', 'alert', 'ThreatIntelligence'],
  [29, 'MailSubmission', 'mail', 'Exchange'],
  [30, 'MicrosoftFlow', 'application', 'MicrosoftFlow'],
  [36, 'SharePointListOperation', 'file', 'SharePoint'],
  [40, 'SecurityComplianceAlerts', 'alert', 'SecurityComplianceCenter'],
  [41, 'ThreatIntelligenceUrl', 'alert', 'ThreatIntelligence'],
  [43, 'MIPLabel', 'file'],
  [47, 'ThreatIntelligenceAtpContent', 'alert', 'ThreatIntelligence'],
  [50, 'ExchangeItemAggregated', 'mail', 'Exchange'],
  [51, 'HygieneEvent', 'mail', 'Exchange'],
  [52, 'DataInsightsRestApiAudit', 'other'],
  [54, 'SharePointListItemOperation', 'file', 'SharePoint'],
  [57, 'MicrosoftTeamsAdmin', 'collaboration', 'MicrosoftTeams'],
  [59, 'MicrosoftTeamsDevice', 'device', 'MicrosoftTeams'],
  [64, 'AirInvestigation', 'alert'],
  [66, 'MicrosoftForms', 'collaboration', 'MicrosoftForms'],
  [78, 'WDATPAlerts', 'alert'],
  [82, 'SensitivityLabelPolicyMatch', 'file'],
  [83, 'SensitivityLabelAction', 'file'],
  [87, 'SecurityComplianceRBAC', 'role', 'SecurityComplianceCenter'],
  [98, 'MCASAlerts', 'alert'],
  [101, 'ExchangeSearch', 'mail', 'Exchange'],
  [102, 'SharePointSearch', 'file', 'SharePoint'],
  [106, 'SecurityComplianceUserChange', 'account', 'SecurityComplianceCenter'],
  [261, 'CopilotInteraction', 'collaboration', 'Copilot'],
  [275, 'OWAAuth', 'authentication', 'Exchange'],
  [295, 'AuditSearch', 'audit'],
  [296, 'AuditRetentionPolicy', 'audit'],
  [297, 'AuditConfig', 'audit'],
  [334, 'TeamCopilotInteraction', 'collaboration', 'Copilot'],
  [372, 'CrossTenantAccessPolicy', 'policy', 'AzureActiveDirectory'],
];

const BY_VALUE = new Map(TYPES.map((t) => [t[0], t]));
const BY_NAME = new Map(TYPES.map((t) => [t[1].toLowerCase(), t]));

/** The numeric RecordType from a number, a numeric string or an enum name (Search-UnifiedAuditLog). */
export function recordTypeValue(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (/^\d{1,4}$/.test(s)) return Number(s);
  return BY_NAME.get(s.toLowerCase())?.[0] ?? null;
}

export const recordTypeName = (value: number): string | null => BY_VALUE.get(value)?.[1] ?? null;
export const recordTypeCategory = (value: number): Category | null => BY_VALUE.get(value)?.[2] ?? null;
export const recordTypeWorkload = (value: number): string | null => BY_VALUE.get(value)?.[3] ?? null;
