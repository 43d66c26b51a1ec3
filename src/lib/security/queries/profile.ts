// What an identity or an address did: totals, a timeline, and the places, networks and clients involved.
// `who` is identityIs(…) or addressIs(…) over `events`; `range` is the global time range.

import { sql } from '../../../core/detect/sql.ts';
import type { Query } from '../../../core/queries/query.ts';
import { inRange, type Range } from './events.ts';

/** The scoped events as `e`, joined to the offline IP database as `g` (its columns would clash unqualified). */
const scoped = (who: Query, range: Range) => sql`(SELECT * FROM events WHERE ${who} AND ${inRange(range)}) e LEFT JOIN ip_geo g ON g.ip = e.ip`;
const COUNTRY = sql`coalesce(g.country, e.country)`;

export function totals(who: Query, range: Range): Query {
  return sql`SELECT count(*)::DOUBLE AS events, (count(*) FILTER (WHERE e.outcome = 'failure'))::DOUBLE AS failures,
      epoch_ms(min(e.ts))::DOUBLE AS first, epoch_ms(max(e.ts))::DOUBLE AS last,
      count(DISTINCT e.ip)::DOUBLE AS ips, count(DISTINCT ${COUNTRY})::DOUBLE AS countries,
      string_agg(DISTINCT e.source, ',' ORDER BY e.source) AS sources
    FROM ${scoped(who, range)}`;
}

export function timelineBy(who: Query, range: Range, bucket: 'hour' | 'day', series: 'source' | 'outcome'): Query {
  const unit = bucket === 'hour' ? sql`date_trunc('hour', ts)` : sql`date_trunc('day', ts)`;
  const s = series === 'source' ? sql`source` : sql`outcome`;
  return sql`SELECT epoch_ms(${unit})::DOUBLE AS x, ${s} AS series, count(*)::DOUBLE AS n
    FROM events WHERE ${who} AND ${inRange(range)} GROUP BY ALL ORDER BY x, series`;
}

export function addresses(who: Query, range: Range, limit = 50): Query {
  return sql`SELECT e.ip AS ip, any_value(${COUNTRY}) AS country, any_value(g.asn)::DOUBLE AS asn, any_value(g.as_org) AS as_org,
      count(*)::DOUBLE AS n, (count(*) FILTER (WHERE e.outcome = 'failure'))::DOUBLE AS failures,
      epoch_ms(min(e.ts))::DOUBLE AS first, epoch_ms(max(e.ts))::DOUBLE AS last
    FROM ${scoped(who, range)} WHERE e.ip IS NOT NULL
    GROUP BY e.ip ORDER BY n DESC, ip LIMIT ${limit}`;
}

export function countries(who: Query, range: Range): Query {
  return sql`SELECT coalesce(${COUNTRY}, 'unknown') AS key, count(*)::DOUBLE AS n, (count(*) FILTER (WHERE e.outcome = 'failure'))::DOUBLE AS failures
    FROM ${scoped(who, range)} WHERE e.ip IS NOT NULL OR e.country IS NOT NULL
    GROUP BY 1 ORDER BY n DESC, key LIMIT 20`;
}

export function agents(who: Query, range: Range, limit = 25): Query {
  return sql`SELECT user_agent AS agent, count(*)::DOUBLE AS n, (count(*) FILTER (WHERE outcome = 'failure'))::DOUBLE AS failures,
      epoch_ms(min(ts))::DOUBLE AS first, epoch_ms(max(ts))::DOUBLE AS last
    FROM events WHERE ${who} AND ${inRange(range)} AND user_agent IS NOT NULL AND user_agent <> ''
    GROUP BY user_agent ORDER BY n DESC, agent LIMIT ${limit}`;
}

/** Identities seen from an address, for the IP page. `identity` is the cross-source identity expression. */
export function identities(who: Query, range: Range, identity: Query, limit = 100): Query {
  return sql`SELECT ${identity} AS identity, count(*)::DOUBLE AS n, (count(*) FILTER (WHERE outcome = 'failure'))::DOUBLE AS failures,
      epoch_ms(min(ts))::DOUBLE AS first, epoch_ms(max(ts))::DOUBLE AS last
    FROM events WHERE ${who} AND ${inRange(range)} AND actor IS NOT NULL
    GROUP BY 1 ORDER BY n DESC, identity LIMIT ${limit}`;
}

/** The offline database's answer for one address. */
export const place = (ip: string): Query => sql`SELECT country, asn::DOUBLE AS asn, as_org FROM ip_geo WHERE ip = ${ip}`;
