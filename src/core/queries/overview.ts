// The Overview's queries, each following the global filter. Counts come from the hourly pre-aggregates when
// they can answer the filter (see aggregates.ts) and from `events` otherwise; both give the same numbers.

import { EVENTS_RELATION, relationFor, type Relation } from './aggregates.ts';
import { and, where, type Filters, type ListKey } from './filters.ts';
import { q, type Query } from './query.ts';

const n = (r: Relation) => `(${r.count})::DOUBLE`;
const failures = (r: Relation) => `coalesce(${r.count} FILTER (WHERE outcome = 'failure'), 0)::DOUBLE`;
const noTime = (f: Filters): Filters => ({ ...f, from: null, to: null });

/** Headline numbers; distinct identities come from the hourly actor bitstrings when the filter allows. */
export function summary(f: Filters, aggregated = false): Query {
  const smallest = relationFor(f, aggregated);
  const r = smallest.headline ? smallest : EVENTS_RELATION;
  const h = r.headline!;
  const w = where(f, r.columns);
  return q(`
    SELECT coalesce(${r.count}, 0)::DOUBLE AS events, coalesce(${h.actors}, 0)::DOUBLE AS actors,
           count(DISTINCT source)::DOUBLE AS sources, epoch_ms(${h.first})::DOUBLE AS first, epoch_ms(${h.last})::DOUBLE AS last,
           ${failures(r)} AS failures
    FROM ${r.table} ${w.sql}`, w.params);
}

/** The whole loaded time span, whatever the filter: the timeline's domain. */
export const extent = (): Query => q(`SELECT epoch_ms(min(ts))::DOUBLE AS first, epoch_ms(max(ts))::DOUBLE AS last FROM events`);

export type Bucket = 'hour' | 'day';

/** Picks a bucket so the timeline has between a few dozen and a few hundred bars. */
export const bucketFor = (spanMs: number): Bucket => (spanMs <= 4 * 86_400_000 ? 'hour' : 'day');

/**
 * Events per bucket and source for the timeline. The timeline ignores the time filter (it is what the brush
 * sets) but follows every other filter.
 */
export function timeline(f: Filters, bucket: Bucket, aggregated: boolean): Query {
  const r = relationFor(f, aggregated);
  const w = where(noTime(f), r.columns);
  const unit = bucket === 'hour' ? 'hour' : 'day';
  return q(`
    SELECT epoch_ms(date_trunc('${unit}', ${r.time}))::DOUBLE AS x, source AS series, ${n(r)} AS n
    FROM ${r.table} ${w.sql} GROUP BY ALL ORDER BY x, series`, w.params);
}

/**
 * Counts by one column. The chart of a key ignores its own filter (so every bar stays clickable and the
 * chosen ones are highlighted) and follows the others.
 */
export function breakdown(f: Filters, key: Extract<ListKey, 'source' | 'category' | 'outcome' | 'action'>, aggregated: boolean, limit = 15): Query {
  const r = relationFor(f, aggregated, key === 'action');
  const w = where(f, r.columns, key);
  const extra = key === 'action' ? ', any_value(source) AS source' : '';
  return q(`
    SELECT ${key} AS key, ${n(r)} AS n, ${failures(r)} AS failures${extra}
    FROM ${r.table} ${w.sql} GROUP BY ${key} ORDER BY n DESC, key LIMIT ?`, [...w.params, limit]);
}

export type RankKey = Extract<ListKey, 'source' | 'category' | 'outcome'>;

/**
 * Several breakdowns in one query (each exactly as `breakdown` gives it, tagged with its key as `dim`): a filter
 * change then costs one call to DuckDB-WASM instead of one per chart.
 */
export function breakdowns(f: Filters, charts: ReadonlyArray<readonly [key: RankKey, limit: number]>, aggregated: boolean): Query {
  const parts = charts.map(([key, limit]) => ({ key, q: breakdown(f, key, aggregated, limit) }));
  return q(`${parts.map((p) => `SELECT ? AS dim, * FROM (${p.q.sql})`).join('\n    UNION ALL ')}
    ORDER BY dim, n DESC, key`, parts.flatMap((p) => [p.key, ...p.q.params]));
}

/** Events by ISO weekday (1 = Monday) and UTC hour. */
export function weekdayHour(f: Filters, aggregated: boolean): Query {
  const r = relationFor(f, aggregated);
  const w = where(f, r.columns);
  return q(`
    SELECT isodow(${r.time})::DOUBLE AS weekday, hour(${r.time})::DOUBLE AS hour, ${n(r)} AS n
    FROM ${r.table} ${w.sql} GROUP BY ALL ORDER BY weekday, hour`, w.params);
}

/** Daily counts of the busiest categories, one small chart each. */
export function categoryDays(f: Filters, aggregated: boolean, categories = 6): Query {
  const r = relationFor(f, aggregated);
  const w = where(f, r.columns);
  const top = and(w, `category IN (SELECT category FROM ${r.table} ${w.sql} GROUP BY category ORDER BY ${r.count} DESC, category LIMIT ?)`, [...w.params, categories]);
  return q(`
    SELECT category AS panel, epoch_ms(date_trunc('day', ${r.time}))::DOUBLE AS x, ${n(r)} AS n, ${failures(r)} AS failures
    FROM ${r.table} ${top.sql} GROUP BY ALL ORDER BY panel, x`, top.params);
}
