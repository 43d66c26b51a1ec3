// Maps one GitHub audit-log entry, already flat (`actor_location.country_code → US`), to an EventRow.
// JSON records are flattened first; CSV exports already name nested keys with dots.

import type { ActorType, EventRow } from '../../schema/events.ts';
import { normaliseIp } from '../../normalise/ip.ts';
import { normalisePrincipal, principalType } from '../../normalise/principal.ts';
import { RowError } from './format.ts';
import { countryCode, firstText, requireTime, text } from './fields.ts';
import { githubCategory, githubOutcome } from './github-categories.ts';

export const TIME_KEYS = ['@timestamp', 'at_sign_timestamp', 'created_at', 'timestamp'];

/** Keys promoted to columns (or enrichment of a rule engine) that attrs leave out. */
const COLUMNS = new Set([...TIME_KEYS, 'action', 'actor', 'actor_ip', 'actor_location.country_code', '_document_id',
  'user_agent', 'user', 'repo', 'repository']);

export function githubRow(flat: Record<string, string>): EventRow {
  const action = text(flat.action);
  if (!action) throw new RowError('no action in the audit entry');
  const ts = requireTime(TIME_KEYS.map((k) => [k, flat[k]] as const));
  const actor = normalisePrincipal(flat.actor);
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(flat)) if (!COLUMNS.has(k) && !k.startsWith('p_') && v !== '') attrs[k] = v;
  return {
    ts, source: 'github',
    workload: action.includes('.') ? action.slice(0, action.indexOf('.')) : action,
    category: githubCategory(action),
    action,
    outcome: githubOutcome(action),
    actor,
    actorType: actorTypeOf(actor, flat.actor_is_bot),
    ip: normaliseIp(flat.actor_ip),
    userAgent: text(flat.user_agent),
    target: firstText(flat.repo, flat.repository, flat['data.team'], flat.team, flat.org, flat.business),
    targetUser: normalisePrincipal(firstText(flat.user, flat['data.user'])),
    sessionId: null,
    appId: firstText(flat.oauth_application_id, flat['data.oauth_application_id']),
    recordId: text(flat._document_id),
    country: countryCode(flat['actor_location.country_code']),
    attrs,
  };
}

function actorTypeOf(actor: string | null, isBot: string | undefined): ActorType {
  if (isBot === 'true' || actor?.endsWith('[bot]')) return 'service';
  if (actor === 'github') return 'system';
  return principalType(actor);
}
