// MuleSoft Anypoint audit log: authentication abuse (U1), privilege and identity configuration (U2),
// production-impacting actions (U3), audit-log retention and bulk audit access (U4). No public content exists for
// this source; the record layout is matched by words across product, action, object type and payload keys.

import type { Rule } from '../types.ts';
import { containsAny, LOGIN_FAILURE } from '../fields.ts';
import { singleEvent, windowCount } from '../shapes.ts';
import { raw, sql } from '../sql.ts';
import { ANYPOINT_TEXT } from './account.ts';

const AP = raw(`source = 'anypoint'`);
const CHANGE = ['create', 'add', 'edit', 'update', 'delete', 'remove', 'reset', 'assign', 'invite', 'permissions change', 'change', 'grant', 'revoke'];

export const anypointLoginFailures: Rule = {
  id: 'U1.failures', title: 'Repeated Anypoint login failures',
  description: 'Many failed Anypoint logins for one user within an hour (Access Management login failures).',
  severity: 'medium', attack: ['T1110'], sources: ['anypoint'],
  thresholds: { minFailures: 10, windowMinutes: 60 },
  sql: (t) => windowCount({
    where: sql`${AP} AND (${LOGIN_FAILURE} OR (${containsAny(ANYPOINT_TEXT, ['login'])} AND ${containsAny(ANYPOINT_TEXT, ['fail'])}))`,
    windowMinutes: t.windowMinutes, min: t.minFailures, label: 'failed Anypoint logins:',
  }),
};

export const anypointIdentityChange: Rule = {
  id: 'U2.identity', title: 'Anypoint privilege or identity configuration changed',
  description: 'Team membership, user invitations, connected apps and client secrets, identity provider, SSO or MFA settings. '
    + 'Role grants are X5.role\'s (administrator roles only), so one grant is one finding.',
  severity: 'high', attack: ['T1098.003', 'T1098.001', 'T1556'], sources: ['anypoint'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${AP} AND ${containsAny(ANYPOINT_TEXT, ['team', 'invite', 'connected app', 'client secret', 'client_secret',
      'identity provider', 'identity management', 'sso', 'mfa', 'multi-factor'])} AND ${containsAny(raw('lower(action)'), CHANGE)}
      AND NOT (${containsAny(ANYPOINT_TEXT, ['role', 'permission'])} AND ${containsAny(ANYPOINT_TEXT, ['add user', 'assign', 'grant', 'add role'])})`,
    evidence: sql`concat_ws(' ', workload, action, target)`,
  }),
};

const APP = sql`${containsAny(ANYPOINT_TEXT, ['runtime manager', 'cloudhub', 'application', 'deployment'])}`;
const APP_STOP = sql`${APP} AND ${containsAny(raw('lower(action)'), ['stop', 'redeploy'])}`;

const DESTRUCTIVE = sql`(${APP} AND ${containsAny(raw('lower(action)'), ['delete', 'undeploy'])})
  OR (${containsAny(ANYPOINT_TEXT, ['api manager', 'policy', 'policies'])} AND ${containsAny(raw('lower(action)'), ['remove', 'delete', 'disable'])})
  OR (${containsAny(ANYPOINT_TEXT, ['secret', 'secure propert', 'secrets manager'])} AND ${containsAny(raw('lower(action)'), CHANGE)})
  OR (${containsAny(ANYPOINT_TEXT, ['environment'])} AND ${containsAny(raw('lower(action)'), ['delete'])})`;

const PROD_IMPACT = sql`(${APP_STOP}) OR (${DESTRUCTIVE})`;
const IN_PRODUCTION = sql`${containsAny(ANYPOINT_TEXT, ['prod'])}`;

export const anypointProductionImpact: Rule = {
  id: 'U3.production', title: 'Anypoint production application, policy or secret changed',
  description: 'In a production environment: an application deleted or undeployed, an API policy removed or disabled, '
    + 'secrets changed, or an environment deleted.',
  severity: 'high', attack: ['T1489', 'T1485', 'T1562.001'], sources: ['anypoint'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${AP} AND (${DESTRUCTIVE}) AND ${IN_PRODUCTION}`,
    evidence: sql`concat_ws(' ', workload, action, target)`,
  }),
};

export const anypointProductionStop: Rule = {
  id: 'U3.stop', title: 'Anypoint production application stopped',
  description: 'A production application stopped or redeployed: a service interruption, usually planned maintenance, so low '
    + 'severity (it still counts towards investigation priority). Restarts are left out; many stops in minutes are U3.burst.',
  severity: 'low', attack: ['T1489'], sources: ['anypoint'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${AP} AND (${APP_STOP}) AND ${IN_PRODUCTION}`,
    evidence: sql`concat_ws(' ', workload, action, target)`,
  }),
};

export const anypointImpactBurst: Rule = {
  id: 'U3.burst', title: 'Many Anypoint stop/delete/policy actions in minutes',
  description: 'One user performs many application stop/delete/redeploy, policy removal or secret changes (any environment) within 10 minutes.',
  severity: 'medium', attack: ['T1489', 'T1485'], sources: ['anypoint'],
  thresholds: { minEvents: 5, windowMinutes: 10 },
  sql: (t) => windowCount({ where: sql`${AP} AND (${PROD_IMPACT})`, windowMinutes: t.windowMinutes, min: t.minEvents,
    label: 'impacting actions:' }),
};

export const anypointAuditTampering: Rule = {
  id: 'U4.audit', title: 'Anypoint audit-log retention or export changed, or audit log bulk-downloaded',
  description: 'Audit-log retention or Telemetry Exporter configuration changed, or audit logs downloaded in bulk.',
  severity: 'high', attack: ['T1562.008'], sources: ['anypoint'],
  thresholds: {},
  sql: () => singleEvent({
    where: sql`${AP} AND ${containsAny(ANYPOINT_TEXT, ['audit log', 'audit-log', 'auditlog', 'audit_log', 'telemetry exporter', 'retention'])}
      AND ${containsAny(raw('lower(action)'), [...CHANGE, 'download', 'export'])}`,
    evidence: sql`concat_ws(' ', workload, action, target)`,
  }),
};

export const ANYPOINT_RULES: Rule[] = [anypointLoginFailures, anypointIdentityChange, anypointProductionImpact, anypointProductionStop, anypointImpactBurst,
  anypointAuditTampering];
