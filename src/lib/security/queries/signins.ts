// Sign-in analytics: successes and failures over time, by address, country and client, following the global
// filter. Countries come from the offline IP database (ip_geo), else from the source's own field.

import { sql } from '../../../core/detect/sql.ts';
import { where, type Filters } from '../../../core/queries/filters.ts';
import type { Query } from '../../../core/queries/query.ts';

/** Sign-in attempts with a known result, as `e`, with the IP database as `g`. */
function signins(f: Filters): Query {
  const w = where(f);
  const filtered: Query = { sql: w.sql ? `${w.sql} AND` : 'WHERE', params: w.params };
  return sql`(SELECT * FROM events ${filtered} category = 'authentication' AND outcome IN ('success', 'failure')) e
    LEFT JOIN ip_geo g ON g.ip = e.ip`;
}

const COUNTS = sql`(count(*) FILTER (WHERE e.outcome = 'success'))::DOUBLE AS success, (count(*) FILTER (WHERE e.outcome = 'failure'))::DOUBLE AS failure`;

export function signinTotals(f: Filters): Query {
  return sql`SELECT ${COUNTS}, count(DISTINCT e.actor)::DOUBLE AS identities, count(DISTINCT e.ip)::DOUBLE AS ips,
      count(DISTINCT coalesce(g.country, e.country))::DOUBLE AS countries
    FROM ${signins(f)}`;
}

export function signinTimeline(f: Filters, bucket: 'hour' | 'day'): Query {
  const unit = bucket === 'hour' ? sql`date_trunc('hour', e.ts)` : sql`date_trunc('day', e.ts)`;
  return sql`SELECT epoch_ms(${unit})::DOUBLE AS x, e.outcome AS series, count(*)::DOUBLE AS n
    FROM ${signins(f)} GROUP BY ALL ORDER BY x, series`;
}

export function signinsByAddress(f: Filters, limit = 15): Query {
  return sql`SELECT e.ip AS key, any_value(coalesce(g.country, e.country)) AS country, any_value(g.as_org) AS as_org, ${COUNTS},
      count(DISTINCT e.actor)::DOUBLE AS identities
    FROM ${signins(f)} WHERE e.ip IS NOT NULL
    GROUP BY e.ip ORDER BY failure + success DESC, key LIMIT ${limit}`;
}

export function signinsByCountry(f: Filters, limit = 15): Query {
  return sql`SELECT coalesce(g.country, e.country, 'unknown') AS key, ${COUNTS}, count(DISTINCT e.actor)::DOUBLE AS identities
    FROM ${signins(f)} GROUP BY 1 ORDER BY failure + success DESC, key LIMIT ${limit}`;
}

export function signinsByAgent(f: Filters, limit = 15): Query {
  return sql`SELECT coalesce(nullif(e.user_agent, ''), '(none)') AS key, ${COUNTS}, count(DISTINCT e.actor)::DOUBLE AS identities
    FROM ${signins(f)} GROUP BY 1 ORDER BY failure + success DESC, key LIMIT ${limit}`;
}
