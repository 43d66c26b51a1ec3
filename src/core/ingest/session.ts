// Loads a set of files into `events` and reconciles the report with what the table really holds.

import type { Engine } from '../engine.ts';
import { CREATE_TABLES, DEDUPE_COUNT, DEDUPE_DELETE } from '../schema/ddl.ts';
import { BatchWriter } from './batch-writer.ts';
import type { Format } from './formats/format.ts';
import { ingestFile, message, type EntryInfo } from './pipeline.ts';
import type { FileReport } from './report.ts';

export interface InputFile { blob: Blob; name: string }

export interface IngestResult { files: FileReport[]; entries: EntryInfo[]; events: number }

export interface IngestOptions {
  formats: readonly Format[];
  retentionMonths?: number;
  now?: number;
  firstFileId?: number;
  onProgress?: (p: { file: string; index: number; inputBytes: number; rows: number }) => void;
  onFileDone?: (r: FileReport) => void;
  signal?: AbortSignal;
}

export async function ensureSchema(engine: Engine): Promise<void> {
  for (const sql of CREATE_TABLES) await engine.query(sql);
}

export function retentionStart(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

export async function ingest(engine: Engine, inputs: InputFile[], opts: IngestOptions): Promise<IngestResult> {
  await ensureSchema(engine);
  const [{ next }] = await engine.query('SELECT coalesce(max(seq) + 1, 0)::DOUBLE AS next FROM events');
  const firstSeq = Number(next);
  const writer = new BatchWriter(engine, firstSeq);
  const files: FileReport[] = [];
  const entries: EntryInfo[] = [];
  let fileId = opts.firstFileId ?? 0;
  const retainFrom = retentionStart(opts.now ?? Date.now(), opts.retentionMonths ?? 24);

  for (let i = 0; i < inputs.length; i++) {
    const { blob, name } = inputs[i];
    const reports = await ingestFile(blob, name, i, {
      engine, formats: opts.formats, writer, retainFrom, signal: opts.signal,
      nextFileId: () => fileId++,
      onEntry: (info) => entries.push(info),
      onProgress: (p) => opts.onProgress?.({ file: name, index: i, ...p }),
    });
    files.push(...reports);
  }
  try { await writer.flush(); }
  catch (e) { const last = files.at(-1); if (last && !last.fatal) last.fatal = `stopped: ${message(e)}`; }

  await reconcile(engine, files, firstSeq);
  for (const r of files) opts.onFileDone?.(r);
  const [{ n }] = await engine.query('SELECT count(*)::DOUBLE AS n FROM events');
  return { files, entries, events: Number(n) };
}

async function reconcile(engine: Engine, files: FileReport[], firstSeq: number): Promise<void> {
  const dups = new Map<number, number>();
  for (const r of await engine.query(DEDUPE_COUNT, [firstSeq])) dups.set(Number(r.file_id), Number(r.n));
  if (dups.size) await engine.query(DEDUPE_DELETE);
  const stored = new Map<number, number>();
  for (const r of await engine.query('SELECT file_id, count(*)::DOUBLE AS n FROM events WHERE seq >= ? GROUP BY file_id', [firstSeq]))
    stored.set(Number(r.file_id), Number(r.n));
  for (const f of files) {
    f.duplicates = dups.get(f.fileId) ?? 0;
    f.loaded = stored.get(f.fileId) ?? 0;
    const gap = f.read - (f.loaded + f.rejected + f.duplicates + f.excluded);
    if (gap > 0) {
      f.rejected += gap;
      f.errors.push({ line: 0, reason: `${gap} rows were read but not stored: ${f.fatal ?? 'the database refused them'}` });
    }
  }
}
