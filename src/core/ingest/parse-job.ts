// A parse job: a run of framed records of one file, turned into rows of `events_store`. Pure, so it runs inline
// (Node) or in a pool of parse workers (browser) with identical results.

import type { ColumnBatch } from '../engine.ts';
import type { Format } from './formats/format.ts';
import { RowError } from './formats/format.ts';
import { splitCsv } from './records/csv-framer.ts';
import { jobFields, splitCsvJob } from './records/csv-job.ts';
import { decodeUtf8 } from './records/record.ts';
import type { RowIssue } from './report.ts';
import { EventBatchBuilder } from './event-batch.ts';

export interface ParseJob {
  formatId: string;
  header: string[] | null;
  fileId: number;
  retainFrom: number;
  /** Seq of the job's first row; a job holds fewer than SEQ_STRIDE rows. */
  seqBase: number;
  bytes: Uint8Array;
  /** Per record: start, length (in `bytes`), line, stream offset. */
  index: Float64Array;
}

export interface ParseResult {
  batch: ColumnBatch | null;
  read: number;
  loaded: number;
  excluded: number;
  rejects: RowIssue[];
  first: number;
  last: number;
}

export const SEQ_STRIDE = 2 ** 20;

export function parseJob(job: ParseJob, formats: readonly Format[]): ParseResult {
  const format = formats.find((f) => f.id === job.formatId);
  if (!format) throw new Error(`unknown format ${job.formatId}`);
  const reader = format.framing === 'csv' ? format.open(job.header ?? []) : null;
  const width = job.header?.length ?? 0;
  const out = new EventBatchBuilder();
  const res: ParseResult = { batch: null, read: 0, loaded: 0, excluded: 0, rejects: [], first: Infinity, last: -Infinity };
  const reject = (line: number, reason: string) => { res.read++; res.rejects.push({ line, reason }); };

  const split = reader ? splitCsvJob(job.bytes, job.index) : null;
  // A CSV job the splitter refused is not all ASCII, so only JSON jobs try the one-call decode.
  const ascii = reader ? null : asciiText(job.bytes);
  for (let r = 0; r < job.index.length; r += 4) {
    const start = job.index[r], length = job.index[r + 1], line = job.index[r + 2], offset = job.index[r + 3];
    const fast = split !== null && split.slow[r >> 2] === 0;
    let text = '';
    if (!fast) {
      if (ascii !== null) text = ascii.slice(start, start + length);
      else try { text = decodeUtf8(job.bytes.subarray(start, start + length)); } catch { reject(line, 'invalid UTF-8 text'); continue; }
    }
    let rows;
    try {
      if (reader) {
        const fields = fast ? jobFields(split, r >> 2) : splitCsv(text);
        if (fields.length !== width) { reject(line, `expected ${width} fields, found ${fields.length}`); continue; }
        rows = reader.read(fields);
      } else {
        let value: unknown;
        try { value = JSON.parse(text); } catch (e) { reject(line, `invalid JSON: ${errorText(e)}`); continue; }
        rows = (format as Extract<Format, { framing: 'json' }>).read(value);
      }
    } catch (e) {
      reject(line, e instanceof RowError ? e.message : `could not be normalised: ${errorText(e)}`);
      continue;
    }
    for (const row of rows) {
      res.read++;
      if (!(row.ts >= job.retainFrom)) { res.excluded++; continue; }
      if (row.ts < res.first) res.first = row.ts;
      if (row.ts > res.last) res.last = row.ts;
      out.add(row, format.id, { fileId: job.fileId, line, offset, length }, job.seqBase + res.loaded);
      res.loaded++;
    }
  }
  if (res.loaded >= SEQ_STRIDE) throw new Error('parse job produced too many rows');
  res.batch = out.length ? out.take() : null;
  return res;
}

/**
 * The job's text when it is all ASCII (byte offsets are then string offsets), decoded in one call: a decoder
 * call per record costs more in Chromium than the bytes it decodes. Otherwise null: records decode one by one.
 */
function asciiText(bytes: Uint8Array): string | null {
  try {
    const text = decodeUtf8(bytes);
    return text.length === bytes.length ? text : null;
  } catch {
    return null;
  }
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 300);
