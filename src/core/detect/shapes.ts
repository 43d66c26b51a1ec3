// The three query shapes most rules share: single events, sliding-window counts, and first-seen values.
// Each returns finding rows {actor, first, last, count, evidence, ip, target}.

import type { Query } from '../queries/query.ts';
import { ACTOR } from './fields.ts';
import { raw, sql } from './sql.ts';

const NONE = raw('');
const withClause = (ctes?: Query) => (ctes ? sql`WITH ${ctes} ` : NONE);

export interface SingleOpts {
  where: Query;
  evidence: Query;
  /** Extra CTEs (e.g. TENANT_CTE), without the WITH keyword. */
  ctes?: Query;
  target?: Query;
  /** FROM clause; default `events`. */
  from?: Query;
  /** One finding per actor and day (default), or one per actor for the whole data (standing conditions). */
  per?: 'day' | 'all';
}

/** One finding per actor and day (or per actor) for events matching `where`. */
export function singleEvent(o: SingleOpts): Query {
  return sql`${withClause(o.ctes)}SELECT ${ACTOR} AS actor, epoch_ms(min(ts)) AS first, epoch_ms(max(ts)) AS last,
    count(*)::DOUBLE AS count, left(string_agg(DISTINCT ${o.evidence}, '; '), 400) AS evidence,
    min(ip) AS ip, min(${o.target ?? raw('target')}) AS target
  FROM ${o.from ?? raw('events')} WHERE ${o.where}
  GROUP BY 1${o.per === 'all' ? raw('') : raw(`, date_trunc('day', ts)`)}`;
}

export interface WindowOpts {
  where: Query;
  /** What a finding is about (default the actor): e.g. `ip` for spray. */
  key?: Query;
  /** Count distinct values of this expression instead of events. */
  distinct?: Query;
  windowMinutes: number;
  min: number;
  /** Text put before the count in the evidence. */
  label: string;
  /** Listed (distinct) in the finding's target column, e.g. the users a sprayed IP tried. */
  who?: Query;
  ctes?: Query;
  from?: Query;
}

/**
 * Sliding window per key: rows where ≥ `min` events (or distinct values) fall in the preceding window.
 * One finding per key and day, count = the largest window count.
 */
export function windowCount(o: WindowOpts): Query {
  const v = o.distinct ?? raw('1');
  const agg = o.distinct ? raw('count(DISTINCT v)') : raw('count(*)');
  const secs = o.windowMinutes * 60;
  return sql`WITH ${o.ctes ? sql`${o.ctes}, ` : NONE}m AS (
      SELECT ts, ${o.key ?? ACTOR} AS k, ${v} AS v, ip, ${o.who ?? raw('target')} AS target FROM ${o.from ?? raw('events')} WHERE ${o.where}),
    w AS (SELECT *, ${agg} OVER (PARTITION BY k ORDER BY epoch(ts) RANGE BETWEEN ${secs} PRECEDING AND CURRENT ROW) AS n FROM m),
    hits AS (SELECT k, date_trunc('day', ts) AS d, min(ts) AS h0, max(ts) AS l, max(n) AS n, min(ip) AS ip
      FROM w WHERE n >= CAST(${o.min} AS DOUBLE) AND k IS NOT NULL GROUP BY 1, 2)
  SELECT hits.k AS actor, epoch_ms(min(m.ts)) AS first, epoch_ms(hits.l) AS last, hits.n::DOUBLE AS count,
    CAST(${o.label} AS VARCHAR) || ' ' || hits.n::VARCHAR || ' in ' || CAST(${o.windowMinutes} AS VARCHAR) || ' min' AS evidence,
    hits.ip AS ip, ${o.who ? raw(`left(string_agg(DISTINCT m.target, ', '), 2000)`) : raw('min(m.target)')} AS target
  FROM hits JOIN m ON m.k = hits.k AND m.ts <= hits.l AND m.ts >= hits.h0 - to_seconds(CAST(${secs} AS BIGINT))
  GROUP BY hits.k, hits.d, hits.l, hits.n, hits.ip`;
}

export interface FirstSeenOpts {
  where: Query;
  value: Query;
  label: string;
  baselineDays: number;
  minHistoryDays: number;
  from?: Query;
  /**
   * Values in common use across the organisation (at least `min` identities and `pct` % of all identities in the
   * data) are not news for anyone, unless `exempt` holds for the event (e.g. an anonymising network).
   */
  common?: { min: number; pct: number; exempt?: Query };
}

/**
 * "New terms": an (actor, value) pair first seen after the baseline (the first `baselineDays` of the loaded
 * data, or the first `minHistoryDays` when the data is shorter; nothing when shorter still), for actors
 * already active in the baseline. Evidence says how many identities use the value at all (rarity).
 */
export function firstSeen(o: FirstSeenOpts): Query {
  const c = o.common;
  const rare = c
    ? sql`(p.exempt OR u.who < greatest(CAST(${c.min} AS DOUBLE), CAST(${c.pct} AS DOUBLE) / 100 * (SELECT count(DISTINCT actor) FROM m2)))`
    : raw('TRUE');
  return sql`WITH bounds AS (SELECT min(ts) AS t0, date_diff('second', min(ts), max(ts)) / 86400.0 AS span FROM events),
    b AS (SELECT t0 + to_days(CAST(CASE WHEN span >= CAST(${o.baselineDays} AS DOUBLE) + 1 THEN CAST(${o.baselineDays} AS DOUBLE)
                                        WHEN span >= CAST(${o.minHistoryDays} AS DOUBLE) + 1 THEN CAST(${o.minHistoryDays} AS DOUBLE) END AS INTEGER)) AS cut FROM bounds),
    m AS (SELECT ts, ${ACTOR} AS actor, ${o.value} AS v, ip, target, ${c?.exempt ?? raw('FALSE')} AS exempt FROM ${o.from ?? raw('events')} WHERE ${o.where}),
    m2 AS (SELECT * FROM m WHERE v IS NOT NULL AND v <> ''),
    pairs AS (SELECT actor, v, min(ts) AS f, max(ts) AS l, count(*) AS n, min(ip) AS ip, min(target) AS target,
        coalesce(bool_or(exempt), FALSE) AS exempt FROM m2 GROUP BY actor, v),
    known AS (SELECT DISTINCT actor FROM m2, b WHERE ts < b.cut),
    users AS (SELECT v, count(DISTINCT actor) AS who FROM m2 GROUP BY v)
  SELECT p.actor, epoch_ms(p.f) AS first, epoch_ms(p.l) AS last, p.n::DOUBLE AS count,
    CAST(${o.label} AS VARCHAR) || ' ' || p.v || ' (used by ' || u.who::VARCHAR || ' identities)' AS evidence, p.ip, p.target
  FROM pairs p JOIN users u USING (v), b
  WHERE b.cut IS NOT NULL AND p.f >= b.cut AND p.actor IN (SELECT actor FROM known)
    AND ${rare}`;
}

export interface DailyVolumeOpts { where: Query; distinct: Query; min: number; factor: number; label: string }

/**
 * A day on which an identity touches at least `min` distinct items and at least `factor` × its own median of its
 * other active days (0 when it has none): bulk activity that is unusual for that identity, at any pace.
 */
export function dailyVolume(o: DailyVolumeOpts): Query {
  return sql`WITH d AS (SELECT ${ACTOR} AS actor, date_trunc('day', ts) AS day, count(DISTINCT ${o.distinct}) AS n,
        min(ts) AS f, max(ts) AS l, min(ip) AS ip FROM events WHERE ${o.where} GROUP BY 1, 2),
      s AS (SELECT d.*, coalesce((SELECT median(o.n) FROM d o WHERE o.actor = d.actor AND o.day <> d.day), 0) AS usual FROM d)
    SELECT actor, epoch_ms(f) AS first, epoch_ms(l) AS last, n::DOUBLE AS count,
      CAST(${o.label} AS VARCHAR) || ' ' || n::VARCHAR || ' in a day (usually ' || round(usual)::BIGINT::VARCHAR || ')' AS evidence, ip, NULL AS target
    FROM s WHERE n >= CAST(${o.min} AS DOUBLE) AND n >= CAST(${o.factor} AS DOUBLE) * usual`;
}
