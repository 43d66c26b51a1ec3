import { describe, expect, it } from 'vitest';
import { anypointCategory } from '../../../src/core/ingest/formats/anypoint-categories.ts';
import { githubCategory, githubOutcome } from '../../../src/core/ingest/formats/github-categories.ts';
import { gwsCategory } from '../../../src/core/ingest/formats/gws-categories.ts';
import { m365Category } from '../../../src/core/ingest/formats/m365-categories.ts';
import { recordTypeName, recordTypeValue } from '../../../src/core/ingest/formats/m365-record-types.ts';

describe('M365 operation categories', () => {
  const cases: [string, number | null, string | null, string][] = [
    ['UserLoginFailed', 15, 'AzureActiveDirectory', 'authentication'],
    ['New-InboxRule', 1, 'Exchange', 'mail'],
    ['Set-Mailbox', 1, 'Exchange', 'mail'],
    ['FileSyncDownloadedFull', 6, 'SharePoint', 'file'],
    ['AnonymousLinkCreated', 14, 'OneDrive', 'sharing'],
    ['Add member to role.', 8, 'AzureActiveDirectory', 'role'],
    ['Add eligible member to role in PIM completed (permanent)', 8, null, 'role'],
    ['Delete user.', 8, null, 'account'],
    ['Consent to application.', 8, null, 'application'],
    ['Update application \u2013 Certificates and secrets management ', 8, null, 'application'],
    ['Set-AdminAuditLogConfig', 1, 'Exchange', 'audit'],
    ['Remove-ProtectionAlert', 18, null, 'policy'],
    ['Set federation settings on domain.', 8, null, 'admin'],
    ['MemberAdded', 25, 'MicrosoftTeams', 'collaboration'],
    ['AlertEntityGenerated', 40, null, 'alert'],
    ['SomethingNew', 40, null, 'alert'],
    ['SomethingNew', null, 'MicrosoftTeams', 'collaboration'],
    ['SomethingNew', null, null, 'other'],
  ];
  for (const [op, type, workload, category] of cases) it(`${op} → ${category}`, () => expect(m365Category(op, type, workload)).toBe(category));

  it('knows RecordType names both ways', () => {
    expect(recordTypeValue('AzureActiveDirectoryStsLogon')).toBe(15);
    expect(recordTypeValue('50')).toBe(50);
    expect(recordTypeValue('NoSuchType')).toBeNull();
    expect(recordTypeName(261)).toBe('CopilotInteraction');
  });
});

describe('Google Workspace, GitHub and Anypoint categories', () => {
  it('maps Google events by application, type and name', () => {
    expect(gwsCategory('login', 'login', 'login_failure')).toBe('authentication');
    expect(gwsCategory('login', 'account_warning', 'suspicious_login')).toBe('alert');
    expect(gwsCategory('admin', 'DELEGATED_ADMIN_SETTINGS', 'ASSIGN_ROLE')).toBe('role');
    expect(gwsCategory('admin', 'USER_SETTINGS', 'SUSPEND_USER')).toBe('account');
    expect(gwsCategory('admin', 'SECURITY_SETTINGS', 'ENFORCE_STRONG_AUTHENTICATION')).toBe('policy');
    expect(gwsCategory('admin', 'DOMAIN_SETTINGS', 'AUTHORIZE_API_CLIENT_ACCESS')).toBe('application');
    expect(gwsCategory('drive', 'acl_change', 'change_document_visibility')).toBe('sharing');
    expect(gwsCategory('drive', 'access', 'download')).toBe('file');
    expect(gwsCategory('token', 'auth', 'authorize')).toBe('application');
    expect(gwsCategory('user_accounts', 'email_forwarding_change', 'email_forwarding_out_of_domain')).toBe('mail');
  });

  it('maps GitHub actions and their outcomes', () => {
    expect(githubCategory('repo.access')).toBe('repository');
    expect(githubCategory('protected_branch.destroy')).toBe('repository');
    expect(githubCategory('org.update_member')).toBe('role');
    expect(githubCategory('business.add_admin')).toBe('role');
    expect(githubCategory('org.remove_member')).toBe('account');
    expect(githubCategory('personal_access_token.access_granted')).toBe('authentication');
    expect(githubCategory('secret_scanning.disable')).toBe('policy');
    expect(githubCategory('org.disable_oauth_app_restrictions')).toBe('policy');
    expect(githubCategory('dependabot_alerts.disable')).toBe('policy');
    expect(githubCategory('secret_scanning_alert.create')).toBe('alert');
    expect(githubCategory('org.audit_log_export')).toBe('audit');
    expect(githubCategory('integration_installation.create')).toBe('application');
    expect(githubCategory('whatever.thing')).toBe('other');
    expect(githubOutcome('protected_branch.rejected_ref_update')).toBe('failure');
    expect(githubOutcome('repo.create')).toBe('unknown');
  });

  it('maps Anypoint object types and actions', () => {
    expect(anypointCategory('User', 'Login')).toBe('authentication');
    expect(anypointCategory('User', 'Edit')).toBe('account');
    expect(anypointCategory('Role', 'Edit')).toBe('role');
    expect(anypointCategory('Permission', 'Permissions change')).toBe('role');
    expect(anypointCategory('Identity management', 'Create')).toBe('admin');
    expect(anypointCategory('API', 'Delete')).toBe('api');
    expect(anypointCategory('Connected App', 'Create')).toBe('application');
    expect(anypointCategory(null, 'Frobnicate')).toBe('other');
  });
});
