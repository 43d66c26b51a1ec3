// Loads a set of files into `events` and reconciles the report with what the table really holds.

import type { Engine } from '../engine.ts';
import { CREATE_TABLES, DEDUPE_ANY, DEDUPE_COUNT, DEDUPE_DELETE } from '../schema/ddl.ts';
import { ident } from '../sql/quote.ts';
import { isTableFormat, type AnyFormat, type TableFormat } from './formats/format.ts';
import { Writers } from './writers.ts';
import { MemoryCeilingError, type MemoryGuardOptions } from './memory.ts';
import { newReport } from './report.ts';
import { ingestFile, message, type EntryInfo, type IngestContext, type Parser } from './pipeline.ts';
import type { FileReport } from './report.ts';

export interface InputFile { blob: Blob; name: string }

export interface IngestResult { files: FileReport[]; entries: EntryInfo[]; events: number }

export interface IngestOptions {
  formats: readonly AnyFormat[];
  retentionMonths?: number;
  now?: number;
  firstFileId?: number;
  onProgress?: (p: { file: string; index: number; inputBytes: number; rows: number }) => void;
  onFileDone?: (r: FileReport) => void;
  signal?: AbortSignal;
  parser?: Parser;
  memory?: MemoryGuardOptions;
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
  const firstSeq = await nextSeq(engine, opts.formats);
  const writers = new Writers(engine, firstSeq, opts.memory);
  const files: FileReport[] = [];
  const entries: EntryInfo[] = [];
  let fileId = opts.firstFileId ?? 0;
  const retainFrom = retentionStart(opts.now ?? Date.now(), opts.retentionMonths ?? 24);

  const ctx: IngestContext = {
    engine, formats: opts.formats, writers, retainFrom, signal: opts.signal, parser: opts.parser,
    nextFileId: () => fileId++,
    onEntry: (info: EntryInfo) => entries.push(info),
  };
  for (let i = 0; i < inputs.length; i++) {
    const { blob, name } = inputs[i];
    if (ctx.halted) {
      const skipped = newReport(fileId++, name);
      skipped.fatal = 'not loaded: loading stopped at the memory ceiling before this file';
      files.push(skipped);
      continue;
    }
    ctx.onProgress = (p) => opts.onProgress?.({ file: name, index: i, ...p });
    files.push(...await ingestFile(blob, name, i, ctx));
  }
  try { await writers.flush(); }
  catch (e) { const last = files.at(-1); if (last && !last.fatal) last.fatal = `stopped: ${message(e)}`; }

  const stored = await reconcileEvents(engine, firstSeq);
  for (const t of writers.tables) await reconcileTable(engine, t, firstSeq, stored);
  settle(files, stored);
  for (const r of files) opts.onFileDone?.(r);
  const [{ n }] = await engine.query('SELECT count(*)::DOUBLE AS n FROM events');
  return { files, entries, events: Number(n) };
}

interface Stored { dups: Map<number, number>; rows: Map<number, number> }

async function nextSeq(engine: Engine, formats: readonly AnyFormat[]): Promise<number> {
  let next = Number((await engine.query('SELECT coalesce(max(seq) + 1, 0)::DOUBLE AS n FROM events_store'))[0].n);
  for (const f of formats) {
    if (!isTableFormat(f) || !(await tableExists(engine, f.table))) continue;
    next = Math.max(next, Number((await engine.query(`SELECT coalesce(max(_seq) + 1, 0)::DOUBLE AS n FROM ${ident(f.table)}`))[0].n));
  }
  return next;
}

const tableExists = async (engine: Engine, name: string) =>
  (await engine.query('SELECT 1 FROM information_schema.tables WHERE table_name = ?', [name])).length > 0;

async function reconcileEvents(engine: Engine, firstSeq: number): Promise<Stored> {
  const dups = new Map<number, number>();
  const [{ n }] = await engine.query(DEDUPE_ANY, [firstSeq]);
  if (Number(n) > 0) for (const r of await engine.query(DEDUPE_COUNT, [firstSeq])) dups.set(Number(r.file_id), Number(r.n));
  if (dups.size) await engine.query(DEDUPE_DELETE);
  const rows = new Map<number, number>();
  for (const r of await engine.query('SELECT file_id, count(*)::DOUBLE AS n FROM events_store WHERE seq >= ? GROUP BY file_id', [firstSeq]))
    rows.set(Number(r.file_id), Number(r.n));
  return { dups, rows };
}

/** Same accounting for a non-event table: later copies of a key are duplicates. */
async function reconcileTable(engine: Engine, format: TableFormat, firstSeq: number, stored: Stored): Promise<void> {
  const t = ident(format.table);
  if (format.key?.length) {
    const key = format.key.map(ident).join(', ');
    const ranked = `SELECT _file_id, _seq, row_number() OVER (PARTITION BY ${key} ORDER BY _seq) AS rn FROM ${t}`;
    for (const r of await engine.query(`SELECT _file_id, count(*)::DOUBLE AS n FROM (${ranked}) WHERE rn > 1 AND _seq >= ? GROUP BY _file_id`, [firstSeq]))
      stored.dups.set(Number(r._file_id), (stored.dups.get(Number(r._file_id)) ?? 0) + Number(r.n));
    await engine.query(`DELETE FROM ${t} WHERE _seq IN (SELECT _seq FROM (${ranked}) WHERE rn > 1)`);
  }
  for (const r of await engine.query(`SELECT _file_id, count(*)::DOUBLE AS n FROM ${t} WHERE _seq >= ? GROUP BY _file_id`, [firstSeq]))
    stored.rows.set(Number(r._file_id), (stored.rows.get(Number(r._file_id)) ?? 0) + Number(r.n));
}

function settle(files: FileReport[], { dups, rows }: Stored): void {
  for (const f of files) {
    f.errors.sort((a, b) => a.line - b.line);
    f.duplicates = dups.get(f.fileId) ?? 0;
    f.loaded = rows.get(f.fileId) ?? 0;
    const gap = f.read - (f.loaded + f.rejected + f.duplicates + f.excluded);
    if (gap > 0) {
      f.rejected += gap;
      f.errors.push({ line: 0, reason: `${gap} rows were read but not stored: ${f.fatal ?? 'the database refused them'}` });
    }
  }
}
