// Splits a UTF-8 byte stream into CSV records (RFC 4180: quoted fields may hold newlines).

import { Carry, MAX_RECORD_BYTES, type RawRecord } from './record.ts';
import { splitCsv } from './csv-split.ts';

export { splitCsv };

const QUOTE = 0x22, LF = 0x0a, CR = 0x0d;

/** Frames chunk by chunk, synchronously: the records completed by each chunk come back as one array. */
export class CsvFramer {
  private carry = new Carry();
  private inQuote = false;
  private skipping = false;      // after an oversized record: discard up to the next line end
  private line = 1;              // line of the current byte
  private startLine = 1;
  private startOffset = 0;
  private base = 0;              // stream offset of chunk[0]

  constructor(private readonly maxRecord = MAX_RECORD_BYTES) {}

  push(chunk: Uint8Array): RawRecord[] {
    const out: RawRecord[] = [];
    let start = 0;               // start of the current record inside this chunk
    let i = 0;
    let inQuote = this.inQuote;
    while (i < chunk.length) {
      const nl = chunk.indexOf(LF, i);
      const end = nl < 0 ? chunk.length : nl;
      // Only the parity of the quotes on a line matters; a plain loop beats indexOf when quotes are dense.
      if (!this.skipping) for (let j = i; j < end; j++) if (chunk[j] === QUOTE) inQuote = !inQuote;
      if (nl < 0) break;
      i = nl + 1;
      this.line++;
      if (this.skipping) { this.skipping = false; this.mark(start = i); continue; }
      if (inQuote) continue;
      const bytes = trimCr(this.carry.take(chunk.subarray(start, nl)));
      if (bytes.length) out.push({ bytes, line: this.startLine, offset: this.startOffset });
      this.mark(start = i);
    }
    this.inQuote = inQuote;
    if (!this.skipping) {
      this.carry.push(chunk.subarray(start));
      if (this.carry.size > this.maxRecord) {
        out.push({
          bytes: new Uint8Array(0), line: this.startLine, offset: this.startOffset,
          error: `record longer than ${Math.round(this.maxRecord / 1024 ** 2)} MB${this.inQuote ? ' (a quote is never closed)' : ''}; skipped to the next line`,
        });
        this.carry.clear();
        this.inQuote = false;
        this.skipping = true;
      }
    }
    this.base += chunk.length;
    return out;
  }

  end(): RawRecord[] {
    if (this.skipping) return [];
    const bytes = trimCr(this.carry.take(new Uint8Array(0)));
    if (!bytes.length) return [];
    const at = { bytes, line: this.startLine, offset: this.startOffset };
    return [this.inQuote ? { ...at, error: 'file ends inside a quoted field (unbalanced quote)' } : at];
  }

  private mark(start: number): void {
    this.startLine = this.line;
    this.startOffset = this.base + start;
  }
}

const trimCr = (b: Uint8Array) => (b.length && b[b.length - 1] === CR ? b.subarray(0, b.length - 1) : b);

/** Records in batches, one per input chunk: callers loop synchronously instead of awaiting every record. */
export async function* frameCsvBatches(chunks: AsyncIterable<Uint8Array>, maxRecord = MAX_RECORD_BYTES): AsyncGenerator<RawRecord[]> {
  const framer = new CsvFramer(maxRecord);
  for await (const chunk of chunks) {
    const recs = framer.push(chunk);
    if (recs.length) yield recs;
  }
  const last = framer.end();
  if (last.length) yield last;
}

export async function* frameCsv(chunks: AsyncIterable<Uint8Array>, maxRecord = MAX_RECORD_BYTES): AsyncGenerator<RawRecord> {
  for await (const batch of frameCsvBatches(chunks, maxRecord)) yield* batch;
}
