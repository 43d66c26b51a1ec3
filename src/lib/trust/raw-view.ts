// The trail entry for reading an original record: which file and line, never the record itself.

import type { Row, Value } from '../../core/engine.ts';
import type { FileReport } from '../../core/ingest/report.ts';
import { activity, type Activity } from './activity.svelte.ts';

interface RawViewSource {
  summary: { files: FileReport[] } | null;
  query(sql: string, params?: Value[]): Promise<Row[]>;
  trail: Activity;
}

/** Records that the reviewer opened the record behind an events row (`file_id`, `byte_offset`). */
export async function recordRawView(engine: RawViewSource, row: Record<string, unknown>): Promise<void> {
  const fileId = Number(row.file_id), offset = Number(row.byte_offset);
  const file = engine.summary?.files.find((f) => f.fileId === fileId)?.file ?? `file ${fileId}`;
  let line: number | null = null;
  try {
    const found = await engine.query('SELECT line::DOUBLE AS line FROM events WHERE file_id = ? AND byte_offset = ? LIMIT 1', [fileId, offset]);
    if (found.length) line = Number(found[0].line);
  } catch { /* the line number is a courtesy; the file and offset identify the record */ }
  await engine.trail.record('view-raw', { file, line, fileId, offset });
}

/** The same for a row that carries its `line` (security views); `files` names the file when the caller has them. */
export function recordRawRow(row: Record<string, unknown>, files?: readonly FileReport[]): Promise<void> {
  const fileId = Number(row.file_id);
  const file = files?.find((f) => f.fileId === fileId)?.file ?? `file ${fileId}`;
  const line = row.line === null || row.line === undefined ? null : Number(row.line);
  return activity.record('view-raw', { file, line, fileId, offset: Number(row.byte_offset) });
}
