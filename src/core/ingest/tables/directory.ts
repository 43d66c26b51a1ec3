// The `directory` table: one row per account, fed by any of the directory exports we read.

import type { TableFormat } from '../formats/format.ts';
import type { Row } from './values.ts';

export const DIRECTORY_TABLE = 'directory';

export const DIRECTORY_COLUMNS: TableFormat['columns'] = [
  { name: 'email', sql: 'VARCHAR' },
  { name: 'display_name', sql: 'VARCHAR' },
  { name: 'department', sql: 'VARCHAR' },
  { name: 'job_title', sql: 'VARCHAR' },
  { name: 'manager_email', sql: 'VARCHAR' },
  { name: 'level', sql: 'VARCHAR' },
  { name: 'country', sql: 'VARCHAR' },
  { name: 'time_zone', sql: 'VARCHAR' },
  { name: 'hire_date', sql: 'DATE' },
  { name: 'termination_date', sql: 'DATE' },
  { name: 'account_type', sql: 'VARCHAR' },
  { name: 'source', sql: 'VARCHAR' },
];

export type AccountType = 'user' | 'admin' | 'service' | 'guest';

/** A directory row with every column present (null where the export has nothing). */
export function directoryRow(values: Partial<Record<string, string | null>> & { email: string; source: string }): Row {
  const row: Row = {};
  for (const c of DIRECTORY_COLUMNS) row[c.name] = values[c.name] ?? null;
  return row;
}

/** Addresses as principals: trimmed, lower case; null when it is not an address. */
export function address(value: string | null): string | null {
  const v = value?.trim().toLowerCase();
  return v && v.includes('@') && !/\s/.test(v) ? v : null;
}
