import { q, type Query } from './query.ts';

export const summary = (): Query => q(`
  SELECT count(*)::DOUBLE AS events, count(DISTINCT actor)::DOUBLE AS actors, count(DISTINCT source)::DOUBLE AS sources,
         epoch_ms(min(ts))::DOUBLE AS first, epoch_ms(max(ts))::DOUBLE AS last,
         (count(*) FILTER (WHERE outcome = 'failure'))::DOUBLE AS failures
  FROM events`);

/** Events per day and source, for the timeline. */
export const eventsByDay = (): Query => q(`
  SELECT epoch_ms(date_trunc('day', ts))::DOUBLE AS day, source, count(*)::DOUBLE AS n
  FROM events GROUP BY ALL ORDER BY day, source`);

export const topActions = (limit = 12): Query => q(`
  SELECT source, action, count(*)::DOUBLE AS n, count(DISTINCT actor)::DOUBLE AS actors
  FROM events GROUP BY ALL ORDER BY n DESC, action LIMIT ?`, [limit]);

export const byCategory = (): Query => q(`
  SELECT category, count(*)::DOUBLE AS n, (count(*) FILTER (WHERE outcome = 'failure'))::DOUBLE AS failures
  FROM events GROUP BY ALL ORDER BY n DESC`);
