// Account and privilege changes across sources: MFA/SSO weakened (X4), privileged grants (X5),
// lifecycle anomalies (X7), activity after termination (X8).

import type { Rule } from '../types.ts';
import { ACTOR, ALL_ATTRS, attr, containsAny, lowerAttr, OP, opIn } from '../fields.ts';
import { singleEvent } from '../shapes.ts';
import { raw, sql } from '../sql.ts';

/** Anypoint records carry product/object type/action/sub-action in different keys; one text covers them. */
export const ANYPOINT_TEXT = sql`lower(concat_ws(' ', workload, action, target, ${ALL_ATTRS}))`;

const M365_MFA_OFF = sql`source IN ('m365', 'entra') AND (
  ${opIn('Disable Strong Authentication', 'User deleted security info', 'Admin deleted security info', 'Delete conditional access policy',
    'Update conditional access policy', 'Admin registered security info')}
  OR (${opIn('Update user', 'Set Company Information')} AND (
       ${attr('ModifiedProperties.StrongAuthenticationMethod.NewValue')} = '[]'
    OR (${attr('ModifiedProperties.StrongAuthenticationRequirement.OldValue')} IS NOT NULL
        AND coalesce(${attr('ModifiedProperties.StrongAuthenticationRequirement.NewValue')}, '[]') IN ('[]', ''))
    OR ${attr('ModifiedProperties.StrongAuthenticationPolicy.NewValue')} IS NOT NULL)))`;

const GWS_MFA_OFF = sql`source = 'gws' AND (
  ${opIn('2sv_disable', 'UNENROLL_USER_FROM_STRONG_AUTH', 'titanium_unenroll', 'UNENROLL_USER_FROM_TITANIUM')}
  OR (${opIn('ENFORCE_STRONG_AUTHENTICATION', 'ALLOW_STRONG_AUTHENTICATION')} AND ${lowerAttr('NEW_VALUE', 'new_value')} = 'false'))`;

const GITHUB_AUTH_OFF = sql`source = 'github' AND ${opIn(
  'org.disable_two_factor_requirement', 'business.disable_two_factor_requirement', 'org.saml_disabled', 'business.disable_saml',
  'business.disable_oidc', 'org.disable_saml', 'business.disable_two_factor_requirement_for_members',
  'org.remove_saml_provider', 'business.remove_saml_provider', 'org.update_saml_provider_settings')}`;

const ANYPOINT_AUTH = sql`source = 'anypoint' AND ${containsAny(ANYPOINT_TEXT, ['mfa', 'multi-factor', 'multifactor', 'identity provider', 'identity management', 'sso'])}
  AND ${containsAny(ANYPOINT_TEXT, ['delete', 'disable', 'remove', 'edit', 'update', 'change'])}`;

/** Any event that removes or relaxes strong authentication, in any source. */
export const MFA_WEAKENED = sql`(${M365_MFA_OFF}) OR (${GWS_MFA_OFF}) OR (${GITHUB_AUTH_OFF}) OR (${ANYPOINT_AUTH})`;

export const mfaWeakened: Rule = {
  id: 'X4.mfa', title: 'MFA, 2-step verification or SSO weakened',
  description: 'Strong authentication removed or relaxed: MFA methods deleted or requirement cleared (M365/Entra), conditional access '
    + 'changed, 2-step verification disabled or no longer enforced (Google), two-factor requirement or SAML/OIDC disabled (GitHub), '
    + 'identity-provider or MFA configuration changed (Anypoint).',
  severity: 'high', attack: ['T1556.006', 'T1556'], sources: ['m365', 'entra', 'gws', 'github', 'anypoint'],
  thresholds: {},
  sql: () => singleEvent({
    where: MFA_WEAKENED,
    evidence: sql`action || coalesce(' → ' || coalesce(target_user, target), '')`,
    target: raw('coalesce(target_user, target)'),
  }),
};

const GWS_ROLE_OPS = ['ASSIGN_ROLE', 'GRANT_ADMIN_PRIVILEGE', 'GRANT_DELEGATED_ADMIN_PRIVILEGES', 'CREATE_ROLE', 'ADD_PRIVILEGE', 'UPDATE_ROLE'];

/**
 * Words of privileged role names (lower case): administrators and owners, plus the Entra roles Microsoft labels
 * privileged without calling them administrators. A named role with none of these (Reports Reader, Message Center
 * Reader, an Anypoint Developer or Contributor) grants no privilege worth an alert.
 */
export const PRIVILEGED_ROLE_WORDS = ['admin', 'owner', 'global reader', 'security reader', 'security operator', 'partner tier',
  'directory writers', 'directory synchronization', 'application developer', 'privileged'];

const ENTRA_ROLE = attr('ModifiedProperties.Role_DisplayName.NewValue', 'ModifiedProperties.Role_TemplateId.NewValue');

/** Directory role (M365/Entra) or Anypoint role whose name is known and not privileged. */
const UNPRIVILEGED_ROLE = sql`((source IN ('m365', 'entra') AND ${opIn('Add member to role', 'Add eligible member to role', 'Add scoped member to role')}
    AND ${attr('ModifiedProperties.Role_DisplayName.NewValue')} IS NOT NULL
    AND NOT ${containsAny(sql`lower(${attr('ModifiedProperties.Role_DisplayName.NewValue')})`, PRIVILEGED_ROLE_WORDS)})
  OR (source = 'anypoint' AND NOT ${containsAny(ANYPOINT_TEXT, ['admin', 'owner'])}))`;

export const privilegeGrant: Rule = {
  id: 'X5.role', title: 'Privileged role or admin right granted',
  description: 'Directory, Exchange or SharePoint admin role assignment (M365/Entra), admin role or privilege grant (Google), '
    + 'owner/admin/moderator promotion (GitHub), administrator role grant (Anypoint). Directory and Anypoint roles whose '
    + 'name shows no privilege (readers, developers, contributors) are left out.',
  severity: 'high', attack: ['T1098.003'], sources: ['m365', 'entra', 'gws', 'github', 'anypoint'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`((source IN ('m365', 'entra') AND ${opIn('Add member to role', 'Add eligible member to role', 'Add scoped member to role',
        'New-ManagementRoleAssignment', 'Add-RoleGroupMember', 'SiteCollectionAdminAdded')})
      OR (source = 'gws' AND ${opIn(...GWS_ROLE_OPS)})
      OR (source = 'github' AND (${opIn('business.add_admin', 'organization_moderators.add_user', 'team.promote_maintainer', 'org.add_billing_manager')}
          OR (${OP} IN ('org.update_member', 'org.add_member', 'org.accept_business_invitation') AND ${lowerAttr('permission', 'role')} IN ('admin', 'owner'))))
      OR (source = 'anypoint' AND ${containsAny(ANYPOINT_TEXT, ['role', 'permission'])}
          AND ${containsAny(ANYPOINT_TEXT, ['add user', 'assign', 'grant', 'permissions change', 'add role'])}))
      AND NOT ${UNPRIVILEGED_ROLE}`,
    evidence: sql`action || coalesce(' ' || coalesce(${ENTRA_ROLE}, ${attr('ROLE_NAME', 'Parameters.Role', 'permission', 'role')},
        CASE WHEN source = 'anypoint' THEN target END), '') || coalesce(' → ' || coalesce(target_user, target), '')`,
    target: raw('coalesce(target_user, target)'),
  }),
};

/** Who a lifecycle event is about, normalised to a lower-case principal. */
const SUBJECT = sql`lower(coalesce(target_user, ${attr('USER_EMAIL', 'user', 'Parameters.Identity')}, target))`;

const CREATED = sql`(source IN ('m365', 'entra') AND ${opIn('Add user', 'Invite external user')})
  OR (source = 'gws' AND ${opIn('CREATE_USER')}) OR (source = 'github' AND ${opIn('org.add_member')})
  OR (source = 'anypoint' AND ${containsAny(ANYPOINT_TEXT, ['user'])} AND ${containsAny(raw('lower(action)'), ['create', 'invite'])})`;

const REMOVED = sql`(source IN ('m365', 'entra') AND ${opIn('Delete user', 'Hard Delete user')})
  OR (source = 'gws' AND ${opIn('DELETE_USER')}) OR (source = 'github' AND ${opIn('org.remove_member')})
  OR (source = 'anypoint' AND ${containsAny(ANYPOINT_TEXT, ['user'])} AND ${containsAny(raw('lower(action)'), ['delete', 'remove'])})`;

export const createThenDelete: Rule = {
  id: 'X7.create-delete', title: 'Account created and deleted within a day',
  description: 'An account (or organisation member) is created and removed again within the window: a throw-away account.',
  severity: 'medium', attack: ['T1136.003'], sources: ['m365', 'entra', 'gws', 'github', 'anypoint'],
  thresholds: { windowHours: 24 },
  sql: (t) => sql`WITH c AS (SELECT ts, ${ACTOR} AS actor, ${SUBJECT} AS who, ip FROM events WHERE (${CREATED})),
      d AS (SELECT ts, ${ACTOR} AS actor, ${SUBJECT} AS who FROM events WHERE (${REMOVED}))
    SELECT c.actor, epoch_ms(min(c.ts)) AS first, epoch_ms(max(d.ts)) AS last, 2::DOUBLE AS count,
      'created ' || c.who || ', removed by ' || min(d.actor) || ' after ' || round(min(date_diff('minute', c.ts, d.ts)))::VARCHAR || ' min' AS evidence,
      min(c.ip) AS ip, c.who AS target
    FROM c JOIN d ON d.who = c.who AND d.ts >= c.ts AND d.ts <= c.ts + to_hours(CAST(${t.windowHours} AS BIGINT))
    WHERE c.who IS NOT NULL GROUP BY c.actor, c.who`,
};

export const reactivated: Rule = {
  id: 'X7.reactivate', title: 'Suspended or deleted account reactivated',
  description: 'A suspended, disabled or deleted account is brought back (Google unsuspend/undelete, Entra restore/enable).',
  severity: 'medium', attack: ['T1078'], sources: ['m365', 'entra', 'gws', 'anypoint'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`(source = 'gws' AND ${opIn('UNSUSPEND_USER', 'UNDELETE_USER')})
      OR (source IN ('m365', 'entra') AND ${opIn('Restore user', 'Enable account')})
      OR (source = 'anypoint' AND ${containsAny(ANYPOINT_TEXT, ['enable user', 'reactivate', 'restore user'])})`,
    evidence: sql`action || coalesce(' → ' || ${SUBJECT}, '')`,
    target: SUBJECT,
  }),
};

const TERMINATED = sql`(source IN ('m365', 'entra') AND (${opIn('Delete user', 'Disable account', 'Hard Delete user')}
    OR (${opIn('Update user')} AND lower(${attr('ModifiedProperties.AccountEnabled.NewValue')}) LIKE '%false%')))
  OR (source = 'gws' AND ${opIn('SUSPEND_USER', 'DELETE_USER')})
  OR (source = 'github' AND ${opIn('org.remove_member', 'business.remove_member')})
  OR (source = 'anypoint' AND ${containsAny(ANYPOINT_TEXT, ['user'])} AND ${containsAny(ANYPOINT_TEXT, ['delete', 'disable user', 'remove user'])})`;

export const activityAfterTermination: Rule = {
  id: 'X8.after-termination', title: 'Activity after termination or suspension',
  description: 'An identity keeps acting (successfully) after it was deleted, disabled, suspended or removed, in any source; '
    + 'identities are matched by lower-case e-mail or login. A short grace period covers sessions ending.',
  severity: 'high', attack: ['T1078'], sources: ['m365', 'entra', 'gws', 'github', 'anypoint'],
  thresholds: { graceMinutes: 30 },
  sql: (t) => sql`WITH term AS (SELECT ${SUBJECT} AS who, min(ts) AS tts, min(${ACTOR}) AS term_by FROM events WHERE (${TERMINATED}) GROUP BY 1),
      acts AS (SELECT ${ACTOR} AS actor, ts, action, source, ip, outcome FROM events),
      later AS (SELECT e.actor, e.ts, e.action, e.source, e.ip, term.tts, term.term_by FROM acts e JOIN term ON e.actor = term.who
        WHERE e.ts > term.tts + to_minutes(CAST(${t.graceMinutes} AS BIGINT)) AND e.outcome <> 'failure')
    SELECT actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last, count(*)::DOUBLE AS count,
      'terminated by ' || min(term_by) || ' at ' || strftime(min(tts), '%Y-%m-%d %H:%M') || ' UTC; later: '
        || left(string_agg(DISTINCT source || ' ' || action, ', '), 300) AS evidence,
      min(ip) AS ip, NULL AS target
    FROM later GROUP BY actor`,
};

export const ACCOUNT_RULES: Rule[] = [mfaWeakened, privilegeGrant, createThenDelete, reactivated, activityAfterTermination];

