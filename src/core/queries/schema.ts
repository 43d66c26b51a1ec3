// The schema browser's queries and paged reads of one table. Table names come from the engine's own catalogue
// and still pass through ident().

import { ident } from '../sql/quote.ts';
import { where, type Filters } from './filters.ts';
import { q, type Query } from './query.ts';

/** Staging tables and the packed store behind the `events` view are plumbing, not something to browse. */
const VISIBLE = "table_name NOT IN ('stage', 'events_store') AND table_name NOT LIKE '\\_stage\\_%' ESCAPE '\\'";

export const tables = (): Query => q(`
  SELECT table_name AS name, table_type AS type FROM information_schema.tables
  WHERE table_schema = 'main' AND ${VISIBLE} ORDER BY name`);

export const columns = (): Query => q(`
  SELECT table_name AS "table", column_name AS name, data_type AS type, is_nullable = 'YES' AS nullable
  FROM information_schema.columns WHERE table_schema = 'main' AND ${VISIBLE} ORDER BY "table", ordinal_position`);

export const tableCount = (table: string): Query => q(`SELECT count(*)::DOUBLE AS n FROM ${ident(table)}`);

export const tablePage = (table: string, offset: number, limit: number): Query =>
  q(`SELECT * FROM ${ident(table)} LIMIT ? OFFSET ?`, [limit, offset]);

/** The columns an analyst reads first; `attrs` is shown as text. */
export const EVENT_COLUMNS = ['ts', 'source', 'category', 'action', 'outcome', 'actor', 'ip', 'target', 'country', 'workload'] as const;

export function eventCount(f: Filters): Query {
  const w = where(f);
  return q(`SELECT count(*)::DOUBLE AS n FROM events ${w.sql}`, w.params);
}

/** One page of filtered events in time order (seq breaks ties, so pages never overlap), with the raw record's pointer. */
export function eventPage(f: Filters, offset: number, limit: number): Query {
  const w = where(f);
  return q(`
    SELECT ${EVENT_COLUMNS.map((c) => ident(c)).join(', ')}, file_id, byte_offset::DOUBLE AS byte_offset, byte_length
    FROM events ${w.sql} ORDER BY ts, seq LIMIT ? OFFSET ?`, [...w.params, limit, offset]);
}
