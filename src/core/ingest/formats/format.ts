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
