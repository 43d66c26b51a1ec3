// Per-hour pre-aggregates of `events`, rebuilt once after each load (Mosaic-style): the Overview's charts read
// them instead of scanning every event on each filter gesture. `agg_hour` (source × category × outcome) is small
// whatever the data; `agg_hour_action` adds the action, for the charts and filters that need it. Neither can
// answer an actor / ip filter: those queries read `events`.

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
  q(`CREATE OR REPLACE TABLE ${AGG_TABLE} AS
     SELECT bucket, source, category, outcome, sum(n)::BIGINT AS n
     FROM ${AGG_ACTION_TABLE} GROUP BY ALL ORDER BY bucket`),
];

/** The relation a filtered count reads from, and how it counts events there. */
export interface Relation { table: string; columns: ColumnMap; count: string; time: string }

export const EVENTS_RELATION: Relation = { table: 'events', columns: EVENTS_COLUMNS, count: 'count(*)', time: 'ts' };
const AGG: Relation = { table: AGG_TABLE, columns: DIMS, count: 'sum(n)', time: 'bucket' };
const AGG_ACTION: Relation = { table: AGG_ACTION_TABLE, columns: ACTION_DIMS, count: 'sum(n)', time: 'bucket' };

/** The smallest relation that answers the filter (and, with `action`, shows actions). */
export function relationFor(f: Filters, aggregated: boolean, action = false): Relation {
  if (!aggregated) return EVENTS_RELATION;
  if (!action && answerable(f, DIMS)) return AGG;
  if (answerable(f, ACTION_DIMS)) return AGG_ACTION;
  return EVENTS_RELATION;
}
