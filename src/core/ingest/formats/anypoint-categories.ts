// Anypoint (object type, action) → category. Object types follow the audit-log UI's "Type" column.

import type { Category } from '../../schema/events.ts';

const BY_OBJECT_TYPE: ReadonlyArray<[RegExp, Category]> = [
  [/^(role|permission|team|role ?group)s?$/i, 'role'],
  [/^users?$/i, 'account'],
  [/connected ?app|client ?(application|credentials)|oauth/i, 'application'],
  [/^(api|apis|api instance|policy|policies|application|contract|sla ?tier|alert ?policy|exchange asset|asset|proxy)$/i, 'api'],
  [/secret|certificate|key ?store|trust ?store|tls/i, 'policy'],
  [/audit|telemetry/i, 'audit'],
  [/environment|organi[sz]ation|business ?group|identity|entitlement|ldap|sso|mfa|multi-factor/i, 'admin'],
  [/server|runtime|worker|deployment|cluster|fabric/i, 'api'],
];

export function anypointCategory(objectType: string | null, action: string): Category {
  if (/^(log ?in|log ?out|login\b.*|sign ?in|reauthenticat)/i.test(action)) return 'authentication';
  for (const [re, category] of BY_OBJECT_TYPE) if (objectType && re.test(objectType.trim())) return category;
  if (/permission/i.test(action)) return 'role';
  return 'other';
}
