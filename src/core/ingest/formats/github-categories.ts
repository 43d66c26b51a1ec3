// GitHub audit `action` (`<category>.<operation>`) → category and outcome.

import type { Category, Outcome } from '../../schema/events.ts';

const EXACT: Record<string, Category> = {
  'org.update_member': 'role', 'business.add_admin': 'role', 'business.remove_admin': 'role',
  'team.promote_maintainer': 'role', 'team.demote_maintainer': 'role', 'repo.update_member': 'role',
  'org.add_billing_manager': 'role', 'org.remove_billing_manager': 'role', 'team.change_privacy': 'account',
  'org.add_member': 'account', 'org.remove_member': 'account', 'org.invite_member': 'account', 'org.invite_user': 'account',
  'org.cancel_invitation': 'account', 'org.add_outside_collaborator': 'account', 'org.remove_outside_collaborator': 'account',
  'org.block_user': 'account', 'org.unblock_user': 'account', 'repo.add_member': 'account', 'repo.remove_member': 'account',
  'org.audit_log_export': 'audit', 'org.audit_log_git_event_export': 'audit', 'business.audit_log_export': 'audit',
  'org.oauth_app_access_approved': 'application', 'org.oauth_app_access_denied': 'application',
  'org.oauth_app_access_requested': 'application', 'org.update_saml_provider_settings': 'policy',
  'org.saml_disabled': 'policy', 'org.saml_enabled': 'policy', 'org.set_default_workflow_permissions': 'policy',
  'org.set_actions_fork_pr_approvals_policy': 'policy', 'org.register_self_hosted_runner': 'admin',
  'repo.register_self_hosted_runner': 'admin', 'org.transfer': 'admin',
};

const PREFIX: Record<string, Category> = {
  repo: 'repository', git: 'repository', protected_branch: 'repository', repository_ruleset: 'repository',
  pull_request: 'repository', pull_request_review: 'repository', pull_request_review_comment: 'repository',
  workflows: 'repository', repository_branch_protection_evaluation: 'repository', branch: 'repository',
  environment: 'repository', packages: 'repository', repository_invitation: 'account', deploy_key: 'authentication',
  oauth_authorization: 'authentication', oauth_access: 'authentication', personal_access_token: 'authentication',
  public_key: 'authentication', ssh_certificate_authority: 'authentication', two_factor_authentication: 'authentication',
  org_credential_authorization: 'authentication', user: 'account', team: 'account', organization_moderators: 'role',
  integration_installation: 'application', integration_installation_request: 'application', integration: 'application',
  oauth_application: 'application', hook: 'application', marketplace_agreement_signature: 'application',
  secret_scanning: 'policy', secret_scanning_new_repos: 'policy', repository_secret_scanning: 'policy',
  repository_secret_scanning_push_protection: 'policy', secret_scanning_push_protection: 'policy',
  dependabot_alerts: 'policy', dependabot_alerts_new_repos: 'policy', dependabot_security_updates: 'policy',
  repository_vulnerability_alerts: 'policy', advanced_security: 'policy', business_advanced_security: 'policy',
  ip_allow_list: 'policy', ip_allow_list_entry: 'policy', private_repository_forking: 'policy',
  secret_scanning_alert: 'alert', repository_vulnerability_alert: 'alert', code_scanning_alert: 'alert',
  dependabot_alert: 'alert', audit_log_streaming: 'audit', discussion: 'collaboration', discussion_comment: 'collaboration',
  issue: 'collaboration', issues: 'collaboration', issue_comment: 'collaboration', project: 'collaboration',
  projects_v2: 'collaboration', codespaces: 'repository', org: 'admin', business: 'admin', enterprise: 'admin',
  org_secret_scanning_custom_pattern: 'policy', copilot: 'admin',
};

const SECURITY_TOGGLE = /(^|[._])(disable|enable)[a-z_]*$|_disabled$|_enabled$/;
const SECURITY_WORDS = /two_factor|saml|oidc|oauth_app_restrictions|secret_scanning|dependabot|vulnerability|advanced_security|ip_allow_list|sso|allow_list|push_protection/;

export function githubCategory(action: string): Category {
  const exact = EXACT[action];
  if (exact) return exact;
  const [head, op = ''] = splitAction(action);
  if (SECURITY_TOGGLE.test(op) && (SECURITY_WORDS.test(action) || head === 'org' || head === 'business')) return 'policy';
  return PREFIX[head] ?? 'other';
}

export function githubOutcome(action: string): Outcome {
  const [, op = ''] = splitAction(action);
  if (op === 'rejected_ref_update' || /(^|_)failed(_|$)|_failure$/.test(op)) return 'failure';
  return 'unknown';
}

const splitAction = (action: string): [string, string?] => {
  const dot = action.indexOf('.');
  return dot < 0 ? [action] : [action.slice(0, dot), action.slice(dot + 1)];
};
