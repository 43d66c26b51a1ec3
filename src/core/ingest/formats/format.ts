import type { EventRow } from '../../schema/events.ts';

export type FormatId =
  | 'm365-ual-csv' | 'm365-ual-json' | 'entra-signin-json' | 'gws-reports-json'
  | 'github-audit-json' | 'github-audit-csv' | 'anypoint-audit-json';

/** A row the format refuses; the message names the reason (file and line are added by the pipeline). */
export class RowError extends Error {}

interface FormatBase {
  id: FormatId;
  label: string;
}

/** CSV exports: the header picks the format, then every record maps to zero or more events. */
export interface CsvFormat extends FormatBase {
  framing: 'csv';
  /** Confidence 0..1 that a file with this header is ours. */
  sniffHeader(header: string[]): number;
  /** Prepares per-file state (column positions); throws RowError if the header is unusable. */
  open(header: string[]): CsvReader;
}

export interface CsvReader {
  read(fields: string[]): EventRow[];
}

/** JSON exports: records come from the JSON framer (array elements, NDJSON lines or a wrapper's list). */
export interface JsonFormat extends FormatBase {
  framing: 'json';
  /** Whether top-level objects are wrappers whose list holds the records (e.g. `{"data":[…]}`). */
  unwrap: boolean;
  sniffRecord(record: unknown): number;
  read(record: unknown): EventRow[];
}

export type Format = CsvFormat | JsonFormat;

/** A value of a non-event table row (directory, usage reports, Viva person query). */
export type TableValue = string | number | null;

/**
 * CSV inputs that are not audit events (HR directory, usage reports, Viva person queries): each row goes to
 * its own table. `columns` are created on first use; rows with the same `key` are counted as duplicates.
 */
export interface TableFormat {
  id: string;
  label: string;
  framing: 'csv';
  kind: 'table';
  table: string;
  columns: readonly { name: string; sql: 'VARCHAR' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN' | 'INTEGER' }[];
  key?: readonly string[];
  sniffHeader(header: string[]): number;
  /** Prepares per-file state; throws RowError if the header is unusable. */
  open(header: string[]): { read(fields: string[]): Record<string, TableValue>[] };
}

export type AnyFormat = Format | TableFormat;
export const isTableFormat = (f: AnyFormat): f is TableFormat => (f as TableFormat).kind === 'table';
