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
    const words = wordsOf(chunk);
    while (i < chunk.length) {
      const nl = chunk.indexOf(LF, i);
      const end = nl < 0 ? chunk.length : nl;
      if (!this.skipping && quoteParity(chunk, words, i, end)) inQuote = !inQuote;
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

interface Words { words: Uint32Array; base: number }

/** The chunk as 32-bit words from its first 4-byte-aligned byte (`base`). */
function wordsOf(chunk: Uint8Array): Words {
  const base = (4 - (chunk.byteOffset & 3)) & 3;
  if (chunk.length < base + 4) return { words: new Uint32Array(0), base: chunk.length };
  return { words: new Uint32Array(chunk.buffer, chunk.byteOffset + base, (chunk.length - base) >> 2), base };
}

/**
 * Whether chunk[from, to) holds an odd number of quotes. Only the parity matters to the framer, and it is
 * counted four bytes at a time (a branch per quote mispredicts on JSON-in-CSV, where quotes are dense).
 */
function quoteParity(chunk: Uint8Array, { words, base }: Words, from: number, to: number): boolean {
  let odd = 0, i = from;
  const firstWord = Math.max(0, Math.ceil((from - base) / 4));
  const lastWord = Math.max(firstWord, Math.min(words.length, Math.floor((to - base) / 4)));
  const wordFrom = base + firstWord * 4, wordTo = base + lastWord * 4;
  for (; i < to && i < wordFrom; i++) odd ^= chunk[i] === QUOTE ? 1 : 0;
  let lanes = 0;
  for (let w = firstWord; w < lastWord; w++) {
    const t = words[w] ^ 0x22222222;
    lanes ^= ~(((t & 0x7f7f7f7f) + 0x7f7f7f7f) | t) & 0x80808080;   // 0x80 in each byte lane that held a quote
  }
  lanes ^= lanes >>> 16;
  lanes ^= lanes >>> 8;
  odd ^= (lanes >>> 7) & 1;
  for (i = Math.max(i, wordTo); i < to; i++) odd ^= chunk[i] === QUOTE ? 1 : 0;
  return odd === 1;
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
