// Query results (objects keyed by column) become CSV with the columns in a stable order.

import { toCsv, type Cell, type CsvOptions } from './csv.ts';

/** `columns` defaults to the keys of the first row, in their order. */
export function recordsToCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[], opts?: CsvOptions): string {
  const cols = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  return toCsv(cols, rows.map((r) => cols.map((c) => r[c] as Cell)), opts);
}
