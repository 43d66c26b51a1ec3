// Splits all CSV records of a parse job into fields in one pass over the bytes. Quoted fields are unescaped
// while they are copied, and the job is decoded once: per-record decoding, `indexOf` over every doubled quote
// and a `replace` per JSON-in-CSV field cost more than the parsing they feed. Fields equal `splitCsv` of each
// record's text; a record with text after a closing quote is marked for `splitCsv` itself.

const QUOTE = 0x22, COMMA = 0x2c;

export interface SplitJob {
  /** The unescaped fields of every record, back to back. */
  text: string;
  /** Field f spans text[ends[f - 1] ?? 0, ends[f]) (UTF-16 offsets). */
  ends: Int32Array;
  /** Record r holds fields first[r] .. first[r + 1] - 1. */
  first: Int32Array;
  /** 1 where a record must be split from its own text instead. */
  slow: Uint8Array;
}

// Not records/record.ts's decoder: that one drops a leading BOM, which would shift every field offset of the job.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let scratch = new Uint8Array(1 << 16);
/** A job of one huge record gets its own buffer instead of growing the kept one for the worker's life. */
const KEEP_SCRATCH = 8 * 1024 * 1024;

/** Null when the job holds invalid UTF-8: its records are then decoded (and refused) one by one. */
export function splitCsvJob(bytes: Uint8Array, index: Float64Array): SplitJob | null {
  const records = index.length >> 2;
  if (scratch.length < bytes.length && bytes.length <= KEEP_SCRATCH) scratch = new Uint8Array(bytes.length * 1.25);
  const out = scratch.length >= bytes.length ? scratch : new Uint8Array(bytes.length);
  let ends = new Int32Array(records * 8 + 8);
  const first = new Int32Array(records + 1);
  const slow = new Uint8Array(records);
  let o = 0, nf = 0;
  for (let r = 0; r < records; r++) {
    first[r] = nf;
    let i = index[r * 4];
    const end = i + index[r * 4 + 1];
    for (;;) {
      if (i < end && bytes[i] === QUOTE) {
        i++;
        while (i < end) {
          const b = bytes[i];
          if (b === QUOTE) {
            if (i + 1 < end && bytes[i + 1] === QUOTE) { out[o++] = QUOTE; i += 2; continue; }
            i++;
            break;
          }
          out[o++] = b; i++;
        }
        if (i < end && bytes[i] !== COMMA) { slow[r] = 1; while (i < end && bytes[i] !== COMMA) i++; }
      } else {
        while (i < end) {
          const b = bytes[i];
          if (b === COMMA) break;
          out[o++] = b; i++;
        }
      }
      if (nf === ends.length) { const grown = new Int32Array(nf * 2); grown.set(ends); ends = grown; }
      ends[nf++] = o;
      if (i >= end) break;
      i++;
    }
  }
  first[records] = nf;
  let text: string;
  try { text = decoder.decode(out.subarray(0, o)); } catch { return null; }
  if (text.length !== o && !toUtf16Offsets(out, o, ends, nf)) return null;
  return { text, ends, first, slow };
}

/**
 * Byte offsets → UTF-16 offsets in valid UTF-8 (a 4-byte sequence is a surrogate pair). False when a field
 * boundary falls inside a character: removed quotes or commas joined bytes that are invalid in each record.
 */
function toUtf16Offsets(out: Uint8Array, length: number, ends: Int32Array, count: number): boolean {
  let c = 0, f = 0;
  for (let k = 0; k < length; k++) {
    const b = out[k];
    const continuation = (b & 0xc0) === 0x80;
    while (f < count && ends[f] === k) { if (continuation) return false; ends[f++] = c; }
    if (!continuation) c += b >= 0xf0 ? 2 : 1;
  }
  while (f < count) ends[f++] = c;
  return true;
}

/** The fields of record r. */
export function jobFields(split: SplitJob, r: number): string[] {
  const { text, ends, first } = split;
  const from = first[r], to = first[r + 1];
  const fields = new Array<string>(to - from);
  let start = from ? ends[from - 1] : 0;
  for (let f = from; f < to; f++) { fields[f - from] = text.slice(start, ends[f]); start = ends[f]; }
  return fields;
}
