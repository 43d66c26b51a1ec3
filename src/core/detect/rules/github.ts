// GitHub organisation/enterprise audit log: security controls (H1), exposure (H2), mass clone (H3), credentials (H4),
// destructive actions (H5), CI/CD tampering (H6), membership bursts (H7), package-manager user agents (X9).

import type { Rule } from '../types.ts';
import { ACTOR, attr, containsAny, lowerAttr, opIn, opLike } from '../fields.ts';
import { singleEvent, windowCount } from '../shapes.ts';
import { raw, sql } from '../sql.ts';

const GH = raw(`source = 'github'`);

const SECURITY_OFF = sql`(${opLike('%secret_scanning%.disable%', '%push_protection%.disable%', 'secret_scanning_push_protection.bypass',
  'dependabot_%.disable', 'repository_vulnerability_alerts.disable', '%advanced_security%.disable%', 'code_scanning%.disable%',
  'audit_log_streaming.destroy', 'audit_log_streaming.update', 'ip_allow_list_entry.destroy')}
  OR ${opIn('protected_branch.destroy', 'repository_ruleset.destroy', 'repository_ruleset.update', 'org.disable_oauth_app_restrictions',
    'ip_allow_list.disable', 'org.ip_allow_list_disabled')})`;

export const securityControlOff: Rule = {
  id: 'H1.security-off', title: 'GitHub security control disabled or bypassed',
  description: 'Secret scanning, push protection, Dependabot, vulnerability alerts or Advanced Security disabled; branch protection or a '
    + 'ruleset removed or changed; OAuth app restrictions or the IP allow list disabled; audit-log streaming changed.',
  severity: 'medium', attack: ['T1562.001'], sources: ['github'],
  thresholds: {},
  sql: () => singleEvent({ where: sql`${GH} AND ${SECURITY_OFF}`, evidence: sql`action || coalesce(' on ' || target, '')` }),
};

export const securityControlBurst: Rule = {
  id: 'H1.burst', title: 'Several GitHub security controls disabled in a row',
  description: 'One actor disables or bypasses several security controls within minutes.',
  severity: 'high', attack: ['T1562.001'], sources: ['github'],
  thresholds: { minEvents: 3, windowMinutes: 10 },
  sql: (t) => windowCount({ where: sql`${GH} AND ${SECURITY_OFF}`, windowMinutes: t.windowMinutes, min: t.minEvents,
    label: 'security controls disabled:' }),
};

export const repoExposure: Rule = {
  id: 'H2.exposure', title: 'Repository made public or transferred out',
  description: 'Repository visibility changed to public, Pages made public, a public repository created, a repository or organisation '
    + 'transferred, a migration started, or private forking enabled.',
  severity: 'high', attack: ['T1567.001', 'T1537'], sources: ['github'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GH} AND (${opIn('repo.pages_public', 'repo.transfer_outgoing', 'repo.transfer', 'repo.transfer_start', 'org.transfer',
        'migration.create', 'private_repository_forking.enable')}
      OR (${opIn('repo.access')} AND coalesce(${lowerAttr('visibility')}, 'public') = 'public')
      OR (${opIn('repo.create')} AND (${lowerAttr('visibility')} = 'public' OR ${lowerAttr('repository_public', 'public_repo')} = 'true')))`,
    evidence: sql`action || coalesce(' ' || target, '') || coalesce(' (' || ${attr('visibility')} || ')', '')`,
  }),
};

const CLONES = sql`${GH} AND ${opIn('git.clone', 'git.fetch', 'repo.download_zip', 'repo.download')}`;

export const massClone: Rule = {
  id: 'H3.clone', title: 'Mass clone or download by one user',
  description: 'One user clones, fetches or downloads repositories many times within an hour (needs git events in the export).',
  severity: 'high', attack: ['T1213.003', 'T1567'], sources: ['github'],
  thresholds: { minEvents: 25, windowMinutes: 60 },
  sql: (t) => windowCount({ where: CLONES, windowMinutes: t.windowMinutes, min: t.minEvents, label: 'clones/downloads:' }),
};

export const tokenManyRepos: Rule = {
  id: 'H3.token', title: 'One token clones many private repositories',
  description: 'A single access token (hashed_token) clones many distinct private repositories within an hour.',
  severity: 'high', attack: ['T1213.003', 'T1528'], sources: ['github'],
  thresholds: { minRepos: 10, windowMinutes: 60 },
  sql: (t) => windowCount({
    where: sql`${CLONES} AND ${attr('hashed_token')} IS NOT NULL AND coalesce(${lowerAttr('repository_public', 'public_repo')}, 'false') = 'false'`,
    key: sql`${ACTOR} || ' token ' || left(${attr('hashed_token')}, 12)`, distinct: raw('target'), who: raw('target'),
    windowMinutes: t.windowMinutes, min: t.minRepos, label: 'private repositories cloned with one token:',
  }),
};

export const newCredential: Rule = {
  id: 'H4.credential', title: 'New GitHub credential, app or secret',
  description: 'Personal access token granted or requested, SSH or deploy key added, app installed, OAuth app authorised, or an '
    + 'Actions/Codespaces secret created.',
  severity: 'low', attack: ['T1098.001', 'T1528'], sources: ['github'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GH} AND ${opIn('personal_access_token.access_granted', 'personal_access_token.request_created', 'public_key.create',
      'deploy_key.create', 'integration_installation.create', 'oauth_authorization.create', 'org.create_actions_secret', 'repo.create_actions_secret',
      'environment.create_actions_secret', 'codespaces.create_an_org_secret', 'org_credential_authorization.grant')}`,
    evidence: sql`action || coalesce(' ' || coalesce(${attr('name', 'integration')}, target), '')`,
  }),
};

export const destructive: Rule = {
  id: 'H5.destroy', title: 'Repository, environment or project destroyed',
  description: 'A repository, environment, project or codespace deleted.',
  severity: 'high', attack: ['T1485'], sources: ['github'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GH} AND ${opIn('repo.destroy', 'environment.delete', 'project.delete', 'codespaces.destroy', 'org.delete')}`,
    evidence: sql`action || coalesce(' ' || target, '')`,
  }),
};

export const forcePushes: Rule = {
  id: 'H5.force-push', title: 'Repeated protected-branch overrides or rejected force pushes',
  description: 'One actor overrides branch protection or has force pushes rejected several times within an hour.',
  severity: 'medium', attack: ['T1565.001'], sources: ['github'],
  thresholds: { minEvents: 5, windowMinutes: 60 },
  sql: (t) => windowCount({ where: sql`${GH} AND ${opIn('protected_branch.policy_override', 'protected_branch.rejected_ref_update')}`,
    windowMinutes: t.windowMinutes, min: t.minEvents, label: 'overrides/rejected pushes:' }),
};

export const prCloseBurst: Rule = {
  id: 'H5.pr-close', title: 'Many pull requests closed',
  description: 'One actor closes many pull requests within an hour.',
  severity: 'medium', attack: ['T1565.001', 'T1485'], sources: ['github'],
  thresholds: { minEvents: 10, windowMinutes: 60 },
  sql: (t) => windowCount({ where: sql`${GH} AND ${opIn('pull_request.close')}`, windowMinutes: t.windowMinutes, min: t.minEvents,
    label: 'pull requests closed:' }),
};

export const cicdTampering: Rule = {
  id: 'H6.cicd', title: 'CI/CD runner, workflow permission or webhook change',
  description: 'Self-hosted runner registered, runner groups changed, default workflow permissions or fork-PR approval policy changed, '
    + 'or a webhook created or reconfigured.',
  severity: 'medium', attack: ['T1195.002', 'T1072', 'T1020'], sources: ['github'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GH} AND (${opIn('repo.register_self_hosted_runner', 'org.register_self_hosted_runner', 'enterprise.register_self_hosted_runner',
        'org.set_default_workflow_permissions', 'org.set_actions_fork_pr_approvals_policy', 'hook.create', 'hook.config_changed',
        'hook.events_changed')} OR ${opLike('org.runner_group_%')})`,
    evidence: sql`action || coalesce(' ' || target, '')`,
  }),
};

export const membershipBurst: Rule = {
  id: 'H7.membership', title: 'Burst of GitHub membership or collaborator changes',
  description: 'One actor adds, invites or blocks many members or collaborators within an hour.',
  severity: 'medium', attack: ['T1098.003', 'T1136.003'], sources: ['github'],
  thresholds: { minEvents: 5, windowMinutes: 60 },
  sql: (t) => windowCount({
    where: sql`${GH} AND ${opIn('org.add_member', 'org.invite_member', 'repo.add_member', 'team.add_member', 'org.remove_outside_collaborator',
      'org.block_user', 'org.invite_user')}`,
    who: sql`coalesce(target_user, ${attr('user')}, target)`,
    windowMinutes: t.windowMinutes, min: t.minEvents, label: 'membership changes:',
  }),
};

/** Package-manager clients: seeing them drive the GitHub API suggests a token stolen by a malicious package (lower case). */
export const PACKAGE_AGENTS = ['npm/', 'yarn/', 'pnpm/', 'pip/', 'cargo/', 'rubygems', 'bundler/', 'composer/', 'nuget', 'maven'];

export const packageAgent: Rule = {
  id: 'X9.package-ua', title: 'GitHub changed by a package-manager client',
  description: 'A non-git GitHub action (repository, organisation or member change) made with a package manager\'s user agent.',
  severity: 'high', attack: ['T1195.002', 'T1528'], sources: ['github'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${GH} AND ${opLike('git.%')} = FALSE AND user_agent IS NOT NULL
      AND ${containsAny(raw('lower(user_agent)'), PACKAGE_AGENTS)}`,
    evidence: sql`action || ' with ' || user_agent`,
  }),
};

export const GITHUB_RULES: Rule[] = [securityControlOff, securityControlBurst, repoExposure, massClone, tokenManyRepos, newCredential,
  destructive, forcePushes, prCloseBurst, cicdTampering, membershipBurst, packageAgent];
