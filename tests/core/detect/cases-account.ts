import { expect } from 'vitest';
import * as R from '../../../src/core/detect/rules/account.ts';
import { ev, HOUR, MIN, type Case } from './factory.ts';

const aad = (action: string, extra = {}) => ev({ source: 'm365', workload: 'AzureActiveDirectory', category: 'account', action, ...extra });

export const ACCOUNT_CASES: Case[] = [
  {
    rule: R.mfaWeakened,
    fire: [aad('Update user.', { targetUser: 'bob@contoso.com', attrs: {
      'ModifiedProperties.StrongAuthenticationMethod.NewValue': '[]', 'ModifiedProperties.StrongAuthenticationMethod.OldValue': '[{"MethodType":7}]' } })],
    miss: [aad('Update user.', { attrs: { 'ModifiedProperties.StrongAuthenticationMethod.NewValue': '[{"MethodType":7}]',
      'ModifiedProperties.StrongAuthenticationMethod.OldValue': '[]' } }), aad('User registered security info.')],
    check: (f) => expect(f[0].target).toBe('bob@contoso.com'),
  },
  {
    rule: R.mfaWeakened,
    fire: [ev({ source: 'gws', workload: 'admin', action: 'ENFORCE_STRONG_AUTHENTICATION', attrs: { NEW_VALUE: 'false' } }),
      ev({ source: 'github', action: 'org.disable_two_factor_requirement', at: HOUR })],
    miss: [ev({ source: 'gws', workload: 'admin', action: 'ENFORCE_STRONG_AUTHENTICATION', attrs: { NEW_VALUE: 'true' } }),
      ev({ source: 'gws', workload: 'user_accounts', action: '2sv_enroll' }), ev({ source: 'github', action: 'org.enable_two_factor_requirement' })],
  },
  {
    rule: R.privilegeGrant,
    fire: [aad('Add member to role.', { category: 'role', targetUser: 'mallory@contoso.com',
      attrs: { 'ModifiedProperties.Role_DisplayName.NewValue': 'Global Administrator' } })],
    miss: [aad('Remove member from role.', { category: 'role' }), ev({ source: 'github', action: 'org.update_member', attrs: { permission: 'read' } })],
    check: (f) => expect(f[0].evidence).toContain('Global Administrator'),
  },
  {
    rule: R.privilegeGrant,
    fire: [ev({ source: 'anypoint', workload: 'Access Management', action: 'Edit - Add user', attrs: { objectType: 'Role' },
      target: 'API Manager Environment Administrator', targetUser: 'bob@contoso.com' })],
    // roles that grant no privilege: a directory reader role, an Anypoint developer role
    miss: [aad('Add member to role.', { category: 'role', targetUser: 'bob@contoso.com', attrs: { 'ModifiedProperties.Role_DisplayName.NewValue': 'Reports Reader' } }),
      ev({ source: 'anypoint', workload: 'Access Management', action: 'Edit - Add user', attrs: { objectType: 'Role' },
        target: 'Runtime Manager Developer', targetUser: 'bob@contoso.com' })],
    check: (f) => expect(f[0].evidence).toContain('Administrator'),
  },
  {
    rule: R.privilegeGrant,
    fire: [ev({ source: 'github', action: 'org.update_member', attrs: { permission: 'admin' }, targetUser: 'bob' })],
    miss: [ev({ source: 'gws', workload: 'admin', action: 'UNASSIGN_ROLE' })],
  },
  {
    rule: R.createThenDelete,
    fire: [aad('Add user.', { targetUser: 'temp@contoso.com' }), aad('Delete user.', { targetUser: 'temp@contoso.com', at: 3 * HOUR })],
    miss: [aad('Add user.', { targetUser: 'temp@contoso.com' }), aad('Delete user.', { targetUser: 'temp@contoso.com', at: 30 * HOUR }),
      aad('Delete user.', { targetUser: 'other@contoso.com', at: HOUR })],
  },
  {
    rule: R.reactivated,
    fire: [ev({ source: 'gws', workload: 'admin', action: 'UNSUSPEND_USER', attrs: { USER_EMAIL: 'bob@contoso.com' } })],
    miss: [ev({ source: 'gws', workload: 'admin', action: 'SUSPEND_USER', attrs: { USER_EMAIL: 'bob@contoso.com' } })],
  },
  {
    rule: R.activityAfterTermination, actor: 'bob@contoso.com',
    fire: [ev({ source: 'gws', workload: 'admin', action: 'SUSPEND_USER', attrs: { USER_EMAIL: 'bob@contoso.com' } }),
      ev({ source: 'm365', actor: 'bob@contoso.com', action: 'FileDownloaded', at: 2 * HOUR })],
    // activity before the suspension, inside the grace period, and failed attempts afterwards are fine
    miss: [ev({ source: 'm365', actor: 'bob@contoso.com', action: 'FileDownloaded', at: -HOUR }),
      ev({ source: 'gws', workload: 'admin', action: 'SUSPEND_USER', attrs: { USER_EMAIL: 'bob@contoso.com' } }),
      ev({ source: 'm365', actor: 'bob@contoso.com', action: 'MailItemsAccessed', at: 10 * MIN }),
      ev({ source: 'm365', actor: 'bob@contoso.com', action: 'UserLoginFailed', outcome: 'failure', category: 'authentication', at: 5 * HOUR })],
  },
];

