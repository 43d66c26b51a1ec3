// What the reviewer sees per file: every row read is loaded, rejected with a reason, a duplicate, or excluded by retention.

export interface RowIssue { line: number; reason: string }

export interface FileReport {
  fileId: number;
  file: string;
  format: string | null;
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  /** Older than the retention window: not loaded, counted here. */
  excluded: number;
  first: string | null;
  last: string | null;
  bytes: number;
  errors: RowIssue[];
  /** Errors beyond the listed ones. */
  moreErrors: number;
  /** Set when the whole file was refused or stopped early. */
  fatal: string | null;
}

export const MAX_LISTED_ERRORS = 200;

export function newReport(fileId: number, file: string): FileReport {
  return { fileId, file, format: null, read: 0, loaded: 0, rejected: 0, duplicates: 0, excluded: 0,
    first: null, last: null, bytes: 0, errors: [], moreErrors: 0, fatal: null };
}

/** A row read and refused. */
export function reject(report: FileReport, line: number, reason: string): void {
  report.read++;
  noteRejected(report, line, reason);
}

/** A refusal whose row was already counted as read. */
export function noteRejected(report: FileReport, line: number, reason: string): void {
  report.rejected++;
  if (report.errors.length < MAX_LISTED_ERRORS) report.errors.push({ line, reason });
  else report.moreErrors++;
}

/** The accounting identity the whole ingest is built around. */
export const balanced = (r: FileReport) => r.read === r.loaded + r.rejected + r.duplicates + r.excluded;
