// Operation → category for Microsoft 365 (and the Entra directory operations it shares).
// Lookup order: exact operation, operation pattern, RecordType default, workload default.

import type { Category } from '../../schema/events.ts';
import { recordTypeCategory } from './m365-record-types.ts';

const EXACT = new Map<string, Category>();
const add = (category: Category, ops: string) => {
  for (const op of ops.split('|')) EXACT.set(op, category);
};

add('authentication', 'userloggedin|userloginfailed|mailboxlogin|userloggedout|signinevent|'
  + 'passwordlogonininitialauthusingpassword');
add('mail', 'send|sendas|sendonbehalf|mailitemsaccessed|new-inboxrule|set-inboxrule|remove-inboxrule|'
  + 'disable-inboxrule|enable-inboxrule|updateinboxrules|set-mailbox|new-transportrule|set-transportrule|'
  + 'remove-transportrule|disable-transportrule|enable-transportrule|add-mailboxpermission|'
  + 'remove-mailboxpermission|add-recipientpermission|remove-recipientpermission|'
  + 'add-mailboxfolderpermission|set-mailboxfolderpermission|remove-mailboxfolderpermission|'
  + 'modifyfolderpermissions|addfolderpermissions|removefolderpermissions|harddelete|softdelete|'
  + 'movetodeleteditems|move|copy|create|update|searchqueryinitiatedexchange|set-mailboxjunkemailconfiguration|'
  + 'new-mailbox|set-casmailbox|set-mailboxregionalconfiguration');
add('audit', 'set-adminauditlogconfig|install-adminauditlogconfig|set-mailboxauditbypassassociation|'
  + 'new-unifiedauditlogretentionpolicy|set-unifiedauditlogretentionpolicy|remove-unifiedauditlogretentionpolicy|'
  + 'new-compliancesearch|set-compliancesearch|start-compliancesearch|new-compliancesearchaction|'
  + 'searchcreated|searchstarted|searchexported|searchexportdownloaded|searchpreviewed|searchviewed|'
  + 'searchqueryperformed|adminmailaccess|auditsearchcreated|auditsearchexported');
add('role', 'add member to role|remove member from role|add eligible member to role|remove eligible member from role|'
  + 'add scoped member to role|remove scoped member from role|new-managementroleassignment|'
  + 'remove-managementroleassignment|set-managementroleassignment|add-rolegroupmember|remove-rolegroupmember|'
  + 'update-rolegroupmember|sitecollectionadminadded|sitecollectionadminremoved|add role definition|'
  + 'update role definition|delete role definition');
add('account', 'add user|delete user|update user|disable account|enable account|reset user password|'
  + 'change user password|set force change user password|update stsrefreshtokenvalidfrom timestamp|restore user|'
  + 'hard delete user|change user license|set license properties|invite external user|redeem external user invite|'
  + 'add group|delete group|update group|add member to group|remove member from group|add owner to group|'
  + 'remove owner from group|set-user|user registered security info|user deleted security info|'
  + 'admin registered security info|admin deleted security info|user changed default security info|'
  + 'disable strong authentication|reset password (self-service)|change password (self-service)|'
  + 'user registered all required security info|admin updated security info');
add('device', 'add device|delete device|update device|add registered users to device|add registered owner to device|'
  + 'remove registered users from device|remove registered owner from device');
add('application', 'consent to application|add delegated permission grant|remove delegated permission grant|'
  + 'add app role assignment to service principal|remove app role assignment from service principal|'
  + 'add app role assignment grant to user|remove app role assignment from user|add owner to application|'
  + 'remove owner from application|add owner to service principal|remove owner from service principal|'
  + 'add service principal|remove service principal|add service principal credentials|'
  + 'remove service principal credentials|update service principal|add application|delete application|'
  + 'update application|revoke consent|hard delete application|restore application');
add('admin', 'set domain authentication|set federation settings on domain|add domain to company|'
  + 'remove domain from company|verify domain|verify email verified domain|add partner to company|'
  + 'remove partner from company|set company information|update company settings|set dirsyncenabled flag|'
  + 'add-federateddomain|remove-federateddomain|new-accepteddomain|set-accepteddomain|remove-accepteddomain|'
  + 'set-organizationconfig|update domain');
add('policy', 'add policy|update policy|delete policy|add conditional access policy|'
  + 'update conditional access policy|delete conditional access policy|set-conditionalaccesspolicy');
add('sharing', 'addedtosecurelink|removedfromsecurelink|addedtogroup|removedfromgroup');
add('alert', 'alerttriggered|alertentitygenerated|alertupdated|timaildata|timaildatav2');
add('collaboration', 'copilotinteraction|memberadded|memberremoved|memberrolechanged|chatcreated|messagesent|'
  + 'teamcreated|teamdeleted|channeladded|channeldeleted|meetingdetail|meetingparticipantdetail|teamssessionstarted');

const PATTERNS: ReadonlyArray<[RegExp, Category]> = [
  [/member (to|from) role/, 'role'],
  [/^update application/, 'application'],
  [/^(anonymouslink|securelink|companylink|sharing|accessinvitation|accessrequest)/, 'sharing'],
  [/^(file|folder|page)[a-z]/, 'file'],
  [/^searchqueryinitiatedsharepoint$/, 'file'],
  [/^(new|set|remove|enable|disable)-[a-z]*(policy|rule|config|connector|alert)$/, 'policy'],
  [/security info$/, 'account'],
  [/ (user|group)$/, 'account'],
  [/ (policy|conditional access policy)$/, 'policy'],
  [/ (device)$/, 'device'],
];

const BY_WORKLOAD: Record<string, Category> = {
  exchange: 'mail', sharepoint: 'file', onedrive: 'file', azureactivedirectory: 'admin',
  microsoftteams: 'collaboration', yammer: 'collaboration', securitycompliancecenter: 'policy',
  threatintelligence: 'alert', powerbi: 'other', copilot: 'collaboration',
};

/** Normalises an operation for lookup: lower case, trailing period and spaces gone, en dash as hyphen. */
export const operationKey = (op: string) => op.trim().replace(/\.$/, '').replace(/\u2013/g, '-').replace(/\s+/g, ' ').toLowerCase();

export function m365Category(operation: string, recordType: number | null, workload: string | null): Category {
  const key = operationKey(operation);
  const exact = EXACT.get(key);
  if (exact) return exact;
  if (recordType === 40 || recordType === 64 || recordType === 78 || recordType === 98) return 'alert';
  for (const [re, category] of PATTERNS) if (re.test(key)) return category;
  const byType = recordType === null ? null : recordTypeCategory(recordType);
  if (byType) return byType;
  return (workload && BY_WORKLOAD[workload.toLowerCase()]) || 'other';
}

/** The category of a directory operation when it is known by name (no RecordType/workload fallback). */
export function directoryOperationCategory(operation: string): Category | null {
  const key = operationKey(operation);
  const exact = EXACT.get(key);
  if (exact) return exact;
  for (const [re, category] of PATTERNS) if (re.test(key)) return category;
  return null;
}
