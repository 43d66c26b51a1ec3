// Google Workspace (application, event type, event name) → category.

import type { Category } from '../../schema/events.ts';

const BY_APPLICATION: Record<string, Category> = {
  login: 'authentication', saml: 'authentication', user_accounts: 'account', token: 'application',
  drive: 'file', gmail: 'mail', groups: 'collaboration', groups_enterprise: 'collaboration', calendar: 'collaboration',
  meet: 'collaboration', chat: 'collaboration', keep: 'collaboration', jamboard: 'collaboration', mobile: 'device',
  devices: 'device', chrome: 'device', rules: 'alert', access_transparency: 'audit', vault: 'audit',
  context_aware_access: 'policy', admin: 'admin', data_studio: 'file', gcp: 'admin', user_accounts_2sv: 'account',
};

const ADMIN_ROLE = /^(ASSIGN_ROLE|UNASSIGN_ROLE|CREATE_ROLE|DELETE_ROLE|RENAME_ROLE|UPDATE_ROLE|ADD_PRIVILEGE|REMOVE_PRIVILEGE|GRANT_ADMIN_PRIVILEGE|REVOKE_ADMIN_PRIVILEGE|GRANT_DELEGATED_ADMIN_PRIVILEGES|REVOKE_DELEGATED_ADMIN_PRIVILEGES)$/;
const ADMIN_ACCOUNT = /(^|_)USERS?$|^CHANGE_PASSWORD|^CHANGE_USER_|^RENAME_USER|GROUP_MEMBER/;
const ADMIN_APPLICATION = /OAUTH2|API_CLIENT|^(ADD|REMOVE|ENABLE|DISABLE)_APPLICATION/;
const ADMIN_POLICY = /STRONG_AUTHENTICATION|TWO_STEP_VERIFICATION|SESSION_LENGTH|_POLICY$|PASSWORD_POLICY|^CHANGE_SECURITY/;
const ADMIN_MAIL = /GMAIL_SETTING|EMAIL_SETTING|EMAIL_ROUTE|MAIL_ROUTING/;
const DRIVE_SHARING = /^(change_user_access|change_document_visibility|change_document_access_scope|change_owner|change_acl_editors|shared_drive_membership_change|publish_change|change_user_access_hierarchy_reconciled|change_document_access_scope_hierarchy_reconciled|add_to_folder_restrictions)$/;

export function gwsCategory(application: string | null, eventType: string | null, name: string): Category {
  const app = (application ?? '').toLowerCase();
  if (app === 'admin') return adminCategory(name, eventType);
  if (app === 'login') {
    if (name.startsWith('account_disabled')) return 'account';
    if (/^(suspicious_|gov_attack|risky_sensitive_action)/.test(name)) return 'alert';
    return 'authentication';
  }
  if (app === 'user_accounts' && name.startsWith('email_forwarding')) return 'mail';
  if (app === 'user_accounts' && /^(2sv_|titanium_)/.test(name)) return 'authentication';
  if (app === 'drive' && (eventType === 'acl_change' || DRIVE_SHARING.test(name))) return 'sharing';
  if (app === 'calendar' && name.includes('acl')) return 'sharing';
  if (app === 'groups_enterprise' || app === 'groups') return /member|ban_user|role/.test(name) ? 'account' : 'collaboration';
  return BY_APPLICATION[app] ?? 'other';
}

function adminCategory(name: string, eventType: string | null): Category {
  const n = name.toUpperCase();
  const type = (eventType ?? '').toUpperCase();
  if (ADMIN_ROLE.test(n)) return 'role';
  if (/^ALERT_CENTER/.test(n)) return 'alert';
  if (ADMIN_POLICY.test(n) || type === 'SECURITY_SETTINGS') return 'policy';
  if (ADMIN_MAIL.test(n) || type === 'EMAIL_SETTINGS' || type === 'GMAIL_SETTINGS') return 'mail';
  if (ADMIN_APPLICATION.test(n)) return 'application';
  if (ADMIN_ACCOUNT.test(n)) return 'account';
  switch (type) {
    case 'USER_SETTINGS': return 'account';
    case 'DELEGATED_ADMIN_SETTINGS': return 'role';
    case 'APPLICATION_SETTINGS': return 'application';
    default: return 'admin';
  }
}
