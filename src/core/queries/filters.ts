// The global view filter and its translation to a SQL predicate. Values are always bound as `?` params;
// column names come from a fixed map and pass through ident().

import type { Value } from '../engine.ts';
import { ident } from '../sql/quote.ts';
import type { Query } from './query.ts';

export const LIST_KEYS = ['source', 'category', 'outcome', 'action', 'actor', 'ip'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

/** Keys whose values identify a person; never written where a manager view could share them. */
export const PERSONAL_KEYS: readonly ListKey[] = ['actor', 'ip'];

export interface Filters {
  /** Inclusive start, epoch ms UTC (whole hours), or null for "from the first event". */
  from: number | null;
  /** Exclusive end, epoch ms UTC (whole hours), or null for "to the last event". */
  to: number | null;
  source: string[];
  category: string[];
  outcome: string[];
  action: string[];
  actor: string[];
  ip: string[];
}

export const emptyFilters = (): Filters => ({ from: null, to: null, source: [], category: [], outcome: [], action: [], actor: [], ip: [] });

export const HOUR = 3_600_000;

/** Snaps a brushed range outwards to whole UTC hours, so the hourly pre-aggregate and `events` agree exactly. */
export function snapRange(from: number, to: number): [number, number] {
  const lo = Math.floor(Math.min(from, to) / HOUR) * HOUR;
  const hi = Math.max(lo + HOUR, Math.ceil(Math.max(from, to) / HOUR) * HOUR);
  return [lo, hi];
}

/** Where a relation keeps each filtered column; a missing key means the relation cannot answer that filter. */
export type ColumnMap = { time: string } & Partial<Record<ListKey, string>>;

export const EVENTS_COLUMNS: ColumnMap = {
  time: 'ts', source: 'source', category: 'category', outcome: 'outcome', action: 'action', actor: 'actor', ip: 'ip',
};

export function isActive(f: Filters): boolean {
  return f.from !== null || f.to !== null || LIST_KEYS.some((k) => f[k].length > 0);
}

/** Whether every active filter can be answered by a relation with these columns. */
export function answerable(f: Filters, columns: ColumnMap): boolean {
  return LIST_KEYS.every((k) => f[k].length === 0 || columns[k] !== undefined);
}

/** `WHERE …` (or '') with its params. `except` leaves one key out, for a chart that shows that key's own breakdown. */
export function where(f: Filters, columns: ColumnMap = EVENTS_COLUMNS, except?: ListKey): Query {
  const parts: string[] = [];
  const params: Value[] = [];
  const time = ident(columns.time);
  if (f.from !== null) { parts.push(`${time} >= epoch_ms(CAST(? AS BIGINT))`); params.push(f.from); }
  if (f.to !== null) { parts.push(`${time} < epoch_ms(CAST(? AS BIGINT))`); params.push(f.to); }
  for (const key of LIST_KEYS) {
    const values = f[key];
    if (key === except || values.length === 0) continue;
    const column = columns[key];
    if (column === undefined) throw new Error(`this view cannot filter by ${key}`);
    parts.push(`${ident(column)} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Adds one more condition to a where clause built above. */
export function and(w: Query, condition: string, params: Value[] = []): Query {
  return { sql: w.sql ? `${w.sql} AND ${condition}` : `WHERE ${condition}`, params: [...w.params, ...params] };
}
