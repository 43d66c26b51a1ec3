// One dropped file → text entries → records → normalised rows → the engine, with every row accounted for.

import type { Engine } from '../engine.ts';
import { isoUtc } from '../normalise/time.ts';
import { isTableFormat, RowError, type AnyFormat, type Format, type TableFormat, type TableValue } from './formats/format.ts';
import { JobBuilder } from './job-builder.ts';
import { parseJob, type ParseJob, type ParseResult } from './parse-job.ts';
import type { Writers } from './writers.ts';
import { frameCsv, frameCsvBatches, splitCsv } from './records/csv-framer.ts';
import { frameJsonBatches } from './records/json-framer.ts';
import { decodeUtf8, type RawRecord } from './records/record.ts';
import { newReport, noteRejected, reject, type FileReport } from './report.ts';
import { sniff } from './sniff.ts';
import { peek, type ByteStream } from './stream/bytes.ts';
import { openEntries, type TextEntry } from './stream/open.ts';
import { InflateLimitError } from './stream/limits.ts';
import { MemoryCeilingError } from './memory.ts';

export interface EntryInfo { fileId: number; name: string; path: number[]; source: number }

export interface Parsed { result: ParseResult; encoded?: { ipc: Uint8Array; length: number } }

/** Where parse jobs run: inline, or a pool of workers (browser). `capacity` jobs may be in flight. */
export interface Parser { capacity: number; parse(job: ParseJob): Promise<Parsed> }

export const inlineParser = (formats: readonly AnyFormat[]): Parser => ({
  capacity: 1,
  parse: async (job) => ({ result: parseJob(job, formats.filter((f): f is Format => !isTableFormat(f))) }),
});

export interface IngestContext {
  engine: Engine;
  formats: readonly AnyFormat[];
  writers: Writers;
  /** Rows before this instant (epoch ms) are excluded and counted. */
  retainFrom: number;
  nextFileId: () => number;
  onEntry?: (info: EntryInfo, report: FileReport) => void;
  onProgress?: (p: { inputBytes: number; rows: number }) => void;
  signal?: AbortSignal;
  parser?: Parser;
  /** Set when loading must stop for every remaining file (memory ceiling). */
  halted?: string;
}

const SNIFF_BYTES = 4 * 1024 * 1024;

/** Ingests one input file (plain, .gz or .zip); returns a report per text entry inside it. */
export async function ingestFile(blob: Blob, name: string, source: number, ctx: IngestContext): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  let inputBytes = 0, rows = 0;
  const progress = () => ctx.onProgress?.({ inputBytes, rows });
  try {
    for await (const entry of openEntries(blob, name, { onInputBytes: (n) => { inputBytes += n; } })) {
      const report = newReport(ctx.nextFileId(), entry.name);
      reports.push(report);
      ctx.onEntry?.({ fileId: report.fileId, name: entry.name, path: entry.path, source }, report);
      try {
        await ingestEntry(entry, report, ctx, (n) => { rows += n; if (rows % 5000 < n) progress(); });
      } catch (e) {
        if (ctx.signal?.aborted) throw e;
        report.fatal = `stopped after ${report.read} rows: ${message(e)}`;
        if (e instanceof MemoryCeilingError) { ctx.halted = message(e); break; }
        if (e instanceof InflateLimitError) break;
      }
    }
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    const report = reports.at(-1) ?? newReport(ctx.nextFileId(), name);
    if (!reports.length) reports.push(report);
    if (!report.fatal) report.fatal = `could not be read: ${message(e)}`;
  }
  progress();
  return reports;
}

async function ingestEntry(entry: TextEntry, report: FileReport, ctx: IngestContext, onRows: (n: number) => void): Promise<void> {
  let bytes = 0;
  const stream = countBytes(entry.stream, (n) => { bytes += n; report.bytes = bytes; });
  const { head, rest, failure } = await peek(stream, SNIFF_BYTES);
  const sniffed = await sniff(head, ctx.formats);
  if (!sniffed.ok) { if (failure) throw failure; report.fatal = sniffed.reason; return; }
  const format = sniffed.format;
  report.format = format.id;
  if (isTableFormat(format)) await ingestTable(format, rest, sniffed.skipLines, report, ctx, onRows);
  else await ingestEvents(format, sniffed.unwrap, sniffed.skipLines, rest, report, ctx, onRows);
}

const JOB_BYTES = 2 * 1024 * 1024;

/** Events: framed records are grouped into parse jobs; results are applied in file order. */
async function ingestEvents(
  format: Format, unwrap: boolean, skipLines: number, rest: ByteStream, report: FileReport, ctx: IngestContext, onRows: (n: number) => void,
): Promise<void> {
  const parser = ctx.parser ?? inlineParser(ctx.formats);
  let header: string[] | null = null;
  let skip = skipLines;
  let first = Infinity, last = -Infinity;
  const jobs = new JobBuilder();
  const inflight: Promise<Parsed>[] = [];

  const apply = async ({ result, encoded }: Parsed) => {
    report.read += result.read;
    report.loaded += result.loaded;
    report.excluded += result.excluded;
    for (const r of result.rejects) noteRejected(report, r.line, r.reason);
    first = Math.min(first, result.first);
    last = Math.max(last, result.last);
    await ctx.writers.events(result, encoded);
    onRows(result.read);
  };
  const dispatch = async () => {
    if (!jobs.size) return;
    inflight.push(parser.parse(jobs.take({ formatId: format.id, header, fileId: report.fileId, retainFrom: ctx.retainFrom, seqBase: ctx.writers.jobBase() })));
    while (inflight.length > parser.capacity) await apply(await inflight.shift()!);
  };

  try {
    const framed = format.framing === 'csv' ? frameCsvBatches(rest) : frameJsonBatches(rest, { unwrap });
    for await (const batch of framed) for (const rec of batch) {
      if (ctx.signal?.aborted) throw new Error('cancelled');
      if (rec.error) { reject(report, rec.line, rec.error); continue; }
      if (format.framing === 'csv' && !header) {
        const text = decode(rec);
        if (text === null) { reject(report, rec.line, 'invalid UTF-8 text in the header'); continue; }
        if (skip > 0 && (text.startsWith('#TYPE') || !text.trim())) { skip--; continue; }
        header = splitCsv(text).map((h) => h.trim());
        format.open(header);
        continue;
      }
      jobs.push(rec);
      if (jobs.bytes >= JOB_BYTES) await dispatch();
    }
    await dispatch();
    while (inflight.length) await apply(await inflight.shift()!);
  } catch (e) {
    if (!ctx.signal?.aborted && !(e instanceof MemoryCeilingError)) {
      await dispatch();
      while (inflight.length) await apply(await inflight.shift()!);
    }
    throw e;
  } finally {
    await Promise.allSettled(inflight);
    if (first !== Infinity) { report.first = isoUtc(first); report.last = isoUtc(last); }
  }
}

/** Non-event CSV inputs: every row becomes zero or more rows of the format's own table. */
async function ingestTable(format: TableFormat, rest: ByteStream, skipLines: number, report: FileReport, ctx: IngestContext, onRows: (n: number) => void): Promise<void> {
  const writer = ctx.writers.table(format);
  let reader: { read(fields: string[]): Record<string, TableValue>[] } | null = null;
  let width = 0, skip = skipLines;
  for await (const rec of frameCsv(rest)) {
    if (ctx.signal?.aborted) throw new Error('cancelled');
    if (rec.error) { reject(report, rec.line, rec.error); continue; }
    const text = decode(rec);
    if (text === null) { reject(report, rec.line, 'invalid UTF-8 text'); continue; }
    if (skip > 0 && (text.startsWith('#TYPE') || !text.trim())) { skip--; continue; }
    const fields = splitCsv(text);
    if (!reader) { reader = format.open(fields.map((h) => h.trim())); width = fields.length; continue; }
    if (fields.length !== width) { reject(report, rec.line, `expected ${width} fields, found ${fields.length}`); continue; }
    let rows: Record<string, TableValue>[];
    try { rows = reader.read(fields); } catch (e) { rowFailure(report, rec.line, e); continue; }
    for (const row of rows) { report.read++; report.loaded++; await writer.add(row, report.fileId, rec.line); }
    onRows(rows.length);
  }
}

function rowFailure(report: FileReport, line: number, e: unknown): void {
  reject(report, line, e instanceof RowError ? e.message : `could not be normalised: ${message(e)}`);
}

function decode(rec: RawRecord): string | null {
  try { return decodeUtf8(rec.bytes); } catch { return null; }
}

async function* countBytes(chunks: ByteStream, onBytes: (n: number) => void): ByteStream {
  for await (const c of chunks) { onBytes(c.length); yield c; }
}

export const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);
