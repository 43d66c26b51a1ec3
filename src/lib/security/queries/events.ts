// Event lists behind the security views (an identity's, an address's, a finding's), paged for DataTable and with
// the pointer to the original record. Every value is a parameter; the conditions are our own SQL.

import { IDENTITY } from '../../../core/detect/fields.ts';
import { sql } from '../../../core/detect/sql.ts';
import type { Finding } from '../../../core/detect/types.ts';
import type { Query } from '../../../core/queries/query.ts';
import { isAddress } from '../model/findings.ts';

export interface Range { from: number | null; to: number | null }

/** The same person across sources (GitHub logins become their SAML e-mail when the export has it). */
export const identityIs = (user: string): Query => sql`${IDENTITY} = ${user}`;

export const addressIs = (ip: string): Query => sql`ip = ${ip}`;

export function inRange(r: Range): Query {
  const from = r.from === null ? sql`TRUE` : sql`ts >= epoch_ms(CAST(${r.from} AS BIGINT))`;
  const to = r.to === null ? sql`TRUE` : sql`ts < epoch_ms(CAST(${r.to} AS BIGINT))`;
  return sql`${from} AND ${to}`;
}

/** The events a finding was computed from, as near as the finding says: its identity (or address) in its time span. */
export function findingEvents(f: Finding): Query {
  const who = isAddress(f.actor) ? addressIs(f.actor) : identityIs(f.actor);
  return sql`${who} AND ts >= epoch_ms(CAST(${f.first} AS BIGINT)) AND ts <= epoch_ms(CAST(${f.last} AS BIGINT))`;
}

export const EVENT_FIELDS = ['ts', 'source', 'action', 'outcome', 'actor', 'ip', 'user_agent', 'target', 'country'] as const;

export const countEvents = (cond: Query): Query => sql`SELECT count(*)::DOUBLE AS n FROM events WHERE ${cond}`;

export function pageEvents(cond: Query, offset: number, limit: number): Query {
  return sql`SELECT epoch_ms(ts)::DOUBLE AS ts, source, action, outcome, actor, ip, user_agent, target, country,
      file_id, line::DOUBLE AS line, byte_offset::DOUBLE AS byte_offset, byte_length
    FROM events WHERE ${cond} ORDER BY events.ts, seq LIMIT ${limit} OFFSET ${offset}`;
}
