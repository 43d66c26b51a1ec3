// Per-hour pre-aggregates of `events`, rebuilt once after each load (Mosaic-style): the Overview's charts read
// them instead of scanning every event on each filter gesture. `agg_hour` (source × category × outcome) is small
// whatever the data, and keeps each cell's first and last time and its actors as a bitstring over `actor_ids`,
// so the headline's distinct identities are an exact OR of bitstrings. `agg_hour_action` adds the action, for
// the charts and filters that need it. Neither can answer an actor / ip filter: those queries read `events`.

import { EVENTS_COLUMNS, answerable, type ColumnMap, type Filters } from './filters.ts';
import { q, type Query } from './query.ts';

export const AGG_TABLE = 'agg_hour';
export const AGG_ACTION_TABLE = 'agg_hour_action';

const DIMS: ColumnMap = { time: 'bucket', source: 'source', category: 'category', outcome: 'outcome' };
const ACTION_DIMS: ColumnMap = { ...DIMS, action: 'action' };

export const buildAggregates = (): Query[] => [
  q(`CREATE OR REPLACE TABLE ${AGG_ACTION_TABLE} AS
     SELECT date_trunc('hour', ts) AS bucket, source, category, outcome, action, count(*)::BIGINT AS n
     FROM events GROUP BY ALL ORDER BY bucket`),
  // Id 0 belongs to no actor (NULL never joins): it keeps the table non-empty, so bitstring_agg always has the
  // id range it needs from the column's statistics.
  q(`CREATE OR REPLACE TABLE actor_ids AS
     SELECT NULL::VARCHAR AS actor, 0 AS id
     UNION ALL SELECT actor, (row_number() OVER (ORDER BY actor))::INTEGER FROM (SELECT DISTINCT actor FROM events WHERE actor IS NOT NULL)`),
  q(`CREATE OR REPLACE TABLE ${AGG_TABLE} AS
     SELECT date_trunc('hour', ts) AS bucket, source, category, outcome, count(*)::BIGINT AS n,
            min(ts) AS first_ts, max(ts) AS last_ts, bitstring_agg(i.id) AS actors
     FROM events LEFT JOIN actor_ids i USING (actor) GROUP BY ALL ORDER BY bucket`),
];

/** How a relation gives the headline's distinct identities and first / last event time, exactly. */
export interface Headline { actors: string; first: string; last: string }

/** The relation a filtered count reads from, how it counts events there, and its headline where it has one. */
export interface Relation { table: string; columns: ColumnMap; count: string; time: string; headline: Headline | null }

export const EVENTS_RELATION: Relation = {
  table: 'events', columns: EVENTS_COLUMNS, count: 'count(*)', time: 'ts',
  headline: { actors: 'count(DISTINCT actor)', first: 'min(ts)', last: 'max(ts)' },
};
const AGG: Relation = {
  table: AGG_TABLE, columns: DIMS, count: 'sum(n)', time: 'bucket',
  headline: { actors: 'bit_count(bit_or(actors))', first: 'min(first_ts)', last: 'max(last_ts)' },
};
const AGG_ACTION: Relation = { table: AGG_ACTION_TABLE, columns: ACTION_DIMS, count: 'sum(n)', time: 'bucket', headline: null };

/** The smallest relation that answers the filter (and, with `action`, shows actions). */
export function relationFor(f: Filters, aggregated: boolean, action = false): Relation {
  if (!aggregated) return EVENTS_RELATION;
  if (!action && answerable(f, DIMS)) return AGG;
  if (answerable(f, ACTION_DIMS)) return AGG_ACTION;
  return EVENTS_RELATION;
}
