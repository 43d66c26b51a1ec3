// What each recorded step says: names, sizes, formats and counts, never a value read from a log record.

import type { FileReport } from '../../core/ingest/report.ts';
import { MAX_DETAIL_LIST } from '../../core/trail/detail.ts';
import type { Detail } from '../../core/trail/entry.ts';

/** A load: per file its name, size, format and counts (the first 100 files; `more` counts any others). */
export function loadDetail(files: readonly FileReport[], events: number): Detail {
  const shown = files.slice(0, MAX_DETAIL_LIST);
  return {
    files: shown.map((f) => f.file),
    bytes: shown.map((f) => f.bytes),
    formats: shown.map((f) => f.format ?? 'not loaded'),
    loaded: shown.map((f) => f.loaded),
    rejected: shown.map((f) => f.rejected),
    ...(files.length > shown.length ? { more: files.length - shown.length } : {}),
    events,
  };
}

/** Records in a CSV file we wrote (a header line, CRLF line ends, line breaks inside quoted cells). */
export function csvRecordCount(text: string): number {
  let lines = 0, quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) lines++;
  }
  if (text.length && !text.endsWith('\n')) lines++;
  return Math.max(0, lines - 1);
}

/** A trail entry's detail for display: `key: value`, long lists shortened (the download holds them whole). */
export function detailText(detail: Detail, listed = 4): string {
  return Object.entries(detail)
    .filter(([, v]) => !(Array.isArray(v) && !v.length))
    .map(([k, v]) => {
      if (!Array.isArray(v)) return `${k}: ${String(v)}`;
      const head = v.slice(0, listed).map(String).join(', ');
      return `${k}: ${head}${v.length > listed ? `, … (${v.length - listed} more)` : ''}`;
    })
    .join(' · ');
}
