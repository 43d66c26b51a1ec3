// Splits a UTF-8 JSON stream into records without parsing it: the elements of a top-level array, or
// each top-level value of NDJSON / concatenated JSON. With `unwrap`, an object in those positions that
// holds a list under a wrapper key (`items`, `data`, `value`, …) — an API page — yields the list's
// elements instead; an object without one is a record itself.

import { Carry, MAX_RECORD_BYTES, type RawRecord } from './record.ts';

export const WRAPPER_KEYS = new Set(['items', 'data', 'value', 'records', 'Records', 'auditLogs', 'activities']);
const OBJ = 0x7b, OBJ_END = 0x7d, ARR = 0x5b, ARR_END = 0x5d, QUOTE = 0x22, BSLASH = 0x5c, LF = 0x0a, COMMA = 0x2c, COLON = 0x3a;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

type Mode = 'array' | 'values';

type Options = { unwrap?: boolean; maxRecord?: number };

export async function* frameJson(chunks: AsyncIterable<Uint8Array>, opts: Options = {}): AsyncGenerator<RawRecord> {
  for await (const batch of frameJsonBatches(chunks, opts)) yield* batch;
}

/** Records in batches, one per input chunk, so that callers need not await every record. */
export async function* frameJsonBatches(chunks: AsyncIterable<Uint8Array>, opts: Options = {}): AsyncGenerator<RawRecord[]> {
  const maxRecord = opts.maxRecord ?? MAX_RECORD_BYTES;
  const carry = new Carry();
  const stack: number[] = [];
  let mode: Mode | null = null;
  let outer = 0;                               // depth of the values that are records or pages
  let wrapperOpen = false;                      // inside the wrapper list of the current page
  // With unwrap, an object at the outer depth is captured until it turns out to be a page.
  let capturing = false, sawWrapper = false, capStart = 0, capLine = 1, capOffset = 0;
  const capture = new Carry();
  let inString = false, escape = false, captureKey = false, key = '', keyBytes: number[] = [];
  let inRecord = false, kind: 'container' | 'string' | 'scalar' = 'container', recordDepth = 0;
  let line = 1, startLine = 1, startOffset = 0, base = 0;

  const atRecordPosition = (b: number) =>
    wrapperOpen ? stack.length === outer + 2 : stack.length === outer && !(opts.unwrap && b === OBJ);

  for await (const chunk of chunks) {
    const out: RawRecord[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === LF) line++;
      if (inString) {
        if (escape) { escape = false; continue; }
        if (b === BSLASH) { escape = true; continue; }
        if (b !== QUOTE) { if (captureKey && keyBytes.length < 32) keyBytes.push(b); continue; }
        inString = false;
        if (captureKey) { captureKey = false; key = String.fromCharCode(...keyBytes); }
        if (inRecord && kind === 'string') {
          out.push({ bytes: carry.take(chunk.subarray(start, i + 1)), line: startLine, offset: startOffset });
          inRecord = false;
        }
        continue;
      }
      if (inRecord) {
        if (kind === 'scalar') {
          if (isSpace(b) || b === COMMA || b === ARR_END || b === OBJ_END) {
            out.push({ bytes: carry.take(chunk.subarray(start, i)), line: startLine, offset: startOffset });
            inRecord = false;
            if (b === ARR_END || b === OBJ_END) closeStructure();
          }
          continue;
        }
        if (b === QUOTE) inString = true;
        else if (b === OBJ || b === ARR) stack.push(b);
        else if (b === OBJ_END || b === ARR_END) {
          stack.pop();
          if (stack.length === recordDepth) {
            out.push({ bytes: carry.take(chunk.subarray(start, i + 1)), line: startLine, offset: startOffset });
            inRecord = false;
          }
        }
        continue;
      }
      if (isSpace(b) || b === COMMA || b === COLON) continue;
      if (mode === null) {
        mode = b === ARR ? 'array' : 'values';
        if (mode === 'array') { outer = 1; stack.push(b); continue; }
      }
      if (b !== ARR_END && b !== OBJ_END && atRecordPosition(b)) {
        inRecord = true; start = i; startLine = line; startOffset = base + i; recordDepth = stack.length;
        if (b === QUOTE) { kind = 'string'; inString = true; }
        else if (b === OBJ || b === ARR) { kind = 'container'; stack.push(b); }
        else kind = 'scalar';
        continue;
      }
      // Structure outside records: the top-level array, or a page object.
      if (b === QUOTE) { inString = true; captureKey = stack.length === outer + 1 && stack[outer] === OBJ; keyBytes = []; continue; }
      if (b === OBJ) {
        if (opts.unwrap && stack.length === outer) { capturing = true; sawWrapper = false; capStart = i; capLine = line; capOffset = base + i; }
        stack.push(b);
        continue;
      }
      if (b === ARR) {
        stack.push(b);
        if (capturing && stack.length === outer + 2 && WRAPPER_KEYS.has(key)) {
          wrapperOpen = true; capturing = false; sawWrapper = true; capture.clear();
        }
        continue;
      }
      if (b === OBJ_END || b === ARR_END) {
        closeStructure();
        if (stack.length === outer && capturing) {
          capturing = false;
          if (!sawWrapper) out.push({ bytes: capture.take(chunk.subarray(capStart, i + 1)), line: capLine, offset: capOffset });
        }
      }
    }
    if (capturing) {
      capture.push(chunk.subarray(capStart));
      capStart = 0;
      if (capture.size > maxRecord) {
        out.push({ bytes: new Uint8Array(0), line: capLine, offset: capOffset,
          error: `a single JSON record is longer than ${Math.round(maxRecord / 1024 ** 2)} MB; the rest of the file was not read` });
        yield out;
        return;
      }
    }
    if (inRecord) {
      carry.push(chunk.subarray(start));
      if (carry.size > maxRecord) {
        out.push({ bytes: new Uint8Array(0), line: startLine, offset: startOffset,
          error: `a single JSON record is longer than ${Math.round(maxRecord / 1024 ** 2)} MB; the rest of the file was not read` });
        yield out;
        return;
      }
    }
    base += chunk.length;
    if (out.length) yield out;
  }
  if (inRecord) {
    const bytes = carry.take(new Uint8Array(0));
    yield [kind === 'scalar'
      ? { bytes, line: startLine, offset: startOffset }
      : { bytes, line: startLine, offset: startOffset, error: 'file ends inside a JSON value (truncated?)' }];
  } else if (stack.length || inString) {
    yield [{ bytes: new Uint8Array(0), line, offset: base, error: 'file ends before its closing bracket (truncated?)' }];
  }

  function closeStructure() {
    if (stack.length === outer + 2 && wrapperOpen) wrapperOpen = false;
    stack.pop();
  }
}
