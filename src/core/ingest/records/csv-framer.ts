// Splits a UTF-8 byte stream into CSV records (RFC 4180: quoted fields may hold newlines).

import { Carry, MAX_RECORD_BYTES, type RawRecord } from './record.ts';

const QUOTE = 0x22, LF = 0x0a, CR = 0x0d;

export async function* frameCsv(chunks: AsyncIterable<Uint8Array>, maxRecord = MAX_RECORD_BYTES): AsyncGenerator<RawRecord> {
  const carry = new Carry();
  let inQuote = false;
  let skipping = false;          // after an oversized record: discard up to the next line end
  let line = 1;                  // line of the current byte
  let startLine = 1, startOffset = 0;
  let base = 0;                  // stream offset of chunk[0]

  for await (const chunk of chunks) {
    let start = 0;               // start of the current record inside this chunk
    let i = 0;
    // Jump from line end to line end with native indexOf; quotes between them flip the quoted state.
    while (i < chunk.length) {
      const nl = chunk.indexOf(LF, i);
      const end = nl < 0 ? chunk.length : nl;
      if (!skipping) {
        const seg = chunk.subarray(i, end);
        for (let q = seg.indexOf(QUOTE); q >= 0; q = seg.indexOf(QUOTE, q + 1)) inQuote = !inQuote;
      }
      if (nl < 0) break;
      i = nl + 1;
      line++;
      if (skipping) { skipping = false; start = i; startLine = line; startOffset = base + start; continue; }
      if (inQuote) continue;
      let bytes = carry.take(chunk.subarray(start, nl));
      if (bytes.length && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
      if (bytes.length) yield { bytes, line: startLine, offset: startOffset };
      start = i; startLine = line; startOffset = base + start;
    }
    if (skipping) { base += chunk.length; continue; }
    carry.push(chunk.subarray(start));
    if (carry.size > maxRecord) {
      yield {
        bytes: new Uint8Array(0), line: startLine, offset: startOffset,
        error: `record longer than ${Math.round(maxRecord / 1024 ** 2)} MB${inQuote ? ' (a quote is never closed)' : ''}; skipped to the next line`,
      };
      carry.clear();
      inQuote = false;
      skipping = true;
    }
    base += chunk.length;
  }
  if (skipping) return;
  let bytes = carry.take(new Uint8Array(0));
  if (bytes.length && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, bytes.length - 1);
  if (bytes.length) {
    yield inQuote
      ? { bytes, line: startLine, offset: startOffset, error: 'file ends inside a quoted field (unbalanced quote)' }
      : { bytes, line: startLine, offset: startOffset };
  }
}

/** Splits one CSV record's text into fields. */
export function splitCsv(text: string, delimiter = ','): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (i < n && text.charCodeAt(i) === 0x22) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) { value += text.slice(j); i = n; break; }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 0x22) { value += '"'; j = q + 2; continue; }
        i = q + 1;
        break;
      }
      // tolerate junk between the closing quote and the delimiter (e.g. the trailing space of ISO dates)
      const d = text.indexOf(delimiter, i);
      if (d >= 0) value += text.slice(i, d).trimEnd() === '' ? '' : text.slice(i, d);
      else value += text.slice(i).trimEnd() === '' ? '' : text.slice(i);
      out.push(value);
      if (d < 0) return out;
      i = d + 1;
    } else {
      const d = text.indexOf(delimiter, i);
      if (d < 0) { out.push(text.slice(i)); return out; }
      out.push(text.slice(i, d));
      i = d + 1;
    }
  }
}
