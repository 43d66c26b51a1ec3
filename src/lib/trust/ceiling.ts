// Finds where an ingest stopped at the memory ceiling (src/core/ingest/memory.ts), from the file reports alone.

import type { FileReport } from '../../core/ingest/report.ts';

/** `reason` and `advice` are the report's own words, split where it turns to the command line. */
export interface CeilingStop { file: string; rowsRead: number; reason: string; advice: string; filesLoaded: number; skipped: string[] }

const STOPPED = /^stopped(?: after (\d+) rows)?: (.*memory is nearly full.*)$/s;
const SKIPPED = /^not loaded: loading stopped at the memory ceiling/;

export function ceilingStop(files: readonly FileReport[]): CeilingStop | null {
  const at = files.findIndex((f) => f.fatal !== null && STOPPED.test(f.fatal));
  if (at < 0) return null;
  const m = STOPPED.exec(files[at].fatal!)!;
  const cut = m[2].search(/\s*For larger exports/);
  const reason = cut < 0 ? m[2] : m[2].slice(0, cut);
  return {
    file: files[at].file,
    rowsRead: m[1] ? Number(m[1]) : files[at].read,
    reason: reason.charAt(0).toUpperCase() + reason.slice(1),
    advice: cut < 0 ? '' : m[2].slice(cut).trim(),
    filesLoaded: files.filter((f) => f.loaded > 0).length,
    skipped: files.filter((f) => f.fatal !== null && SKIPPED.test(f.fatal)).map((f) => f.file),
  };
}
