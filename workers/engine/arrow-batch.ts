// ColumnBatch → Arrow IPC bytes from typed arrays only: Arrow's builders use `new Function`, which strict CSP forbids.

import { Field, Float64, Int32, makeData, TimestampMillisecond, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, type Data, type DataType } from 'apache-arrow';
import type { ColumnBatch } from '../../src/core/engine.ts';

const encoder = new TextEncoder();

export function batchToIPC(batch: ColumnBatch): Uint8Array {
  const fields: Field[] = [];
  const children: Data[] = [];
  for (const c of batch.columns) {
    const data = c.kind === 'string' ? utf8(c.values as (string | null)[])
      : c.kind === 'integer' ? numeric(new Int32(), c.values as Int32Array)
      : c.kind === 'timestamp' ? timestamp(c.values as Float64Array)
      : numeric(new Float64(), c.values as Float64Array);
    fields.push(new Field(c.name, data.type, true));
    children.push(data);
  }
  const struct = makeData({ type: new Struct(fields), length: batch.length, nullCount: 0, children });
  const table = new Table([new RecordBatch(new Schema(fields), struct)]);
  return tableToIPC(table, 'stream');
}

function numeric<T extends DataType>(type: T, values: Int32Array | Float64Array): Data<T> {
  const { bitmap, nulls } = values instanceof Float64Array ? nanNulls(values) : { bitmap: undefined, nulls: 0 };
  return makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bitmap, data: values } as never) as Data<T>;
}

/** Epoch milliseconds (NaN for null) as an Arrow timestamp[ms], which DuckDB reads as a UTC TIMESTAMP. */
function timestamp(ms: Float64Array): Data<TimestampMillisecond> {
  const { bitmap, nulls } = nanNulls(ms);
  const values = new BigInt64Array(ms.length);
  for (let i = 0; i < ms.length; i++) if (!Number.isNaN(ms[i])) values[i] = BigInt(Math.trunc(ms[i]));
  return makeData({ type: new TimestampMillisecond(), length: ms.length, nullCount: nulls, nullBitmap: bitmap, data: values });
}

/** NaN marks a missing number: the validity bitmap, only when something is missing. */
function nanNulls(values: Float64Array): { bitmap: Uint8Array | undefined; nulls: number } {
  let nulls = 0;
  let bitmap: Uint8Array | undefined;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) { bitmap ??= allValid(values.length); clearBit(bitmap, i); nulls++; }
  return { bitmap, nulls };
}

const GROUP = 64;

/**
 * Encodes the strings a group at a time: one `encodeInto` for the joined group, whose byte count equals its
 * length when it is all ASCII (then the offsets are the string lengths). A group with other text is encoded
 * string by string. In Chromium a call costs far more than the bytes it encodes.
 */
function utf8(values: (string | null)[]): Data<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  let chars = 0;
  for (let i = 0; i < n; i++) chars += values[i]?.length ?? 0;
  let data = new Uint8Array(chars + 64);
  let total = 0, nulls = 0;
  let bitmap: Uint8Array | undefined;
  for (let g = 0; g < n; g += GROUP) {
    const end = Math.min(n, g + GROUP);
    let text = '';
    for (let i = g; i < end; i++) {
      const v = values[i];
      if (v === null || v === undefined) { bitmap ??= allValid(n); clearBit(bitmap, i); nulls++; } else text += v;
    }
    if (data.length - total < text.length) data = grow(data, total + text.length);
    const done = encoder.encodeInto(text, data.subarray(total));
    if (done.read === text.length && done.written === text.length) {
      for (let i = g; i < end; i++) offsets[i + 1] = offsets[i] + (values[i]?.length ?? 0);
      total += done.written;
      continue;
    }
    for (let i = g; i < end; i++) {
      const v = values[i];
      if (v) {
        if (data.length - total < v.length * 3) data = grow(data, total + v.length * 3);
        total += encoder.encodeInto(v, data.subarray(total)).written;
      }
      offsets[i + 1] = total;
    }
  }
  return makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data: data.subarray(0, total) });
}

function grow(data: Uint8Array, need: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(need, data.length * 2));
  next.set(data);
  return next;
}

const allValid = (n: number) => new Uint8Array(Math.ceil(n / 8)).fill(0xff);
const clearBit = (bitmap: Uint8Array, i: number) => { bitmap[i >> 3] &= ~(1 << (i & 7)); };

const CONTINUATION = 0xffffffff;
const END_OF_STREAM = new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/**
 * Joins IPC streams of one schema into a single stream of many record batches: the first stream's schema
 * message, every stream's batches, one end marker. DuckDB-WASM then appends them in one call.
 */
export function joinIpcStreams(streams: readonly Uint8Array[]): Uint8Array {
  if (streams.length === 1) return streams[0];
  const parts: Uint8Array[] = [];
  let schema: Uint8Array | null = null;
  for (const s of streams) {
    const view = new DataView(s.buffer, s.byteOffset, s.byteLength);
    if (s.length < 16 || view.getUint32(0, true) !== CONTINUATION) throw new Error('not an Arrow IPC stream');
    const head = s.subarray(0, 8 + view.getInt32(4, true));
    const tail = s.subarray(s.length - 8);
    if (!tail.every((b, i) => b === END_OF_STREAM[i])) throw new Error('Arrow IPC stream has no end marker');
    if (!schema) schema = head;
    else if (!sameBytes(schema, head)) throw new Error('Arrow IPC streams with different schemas cannot be joined');
    parts.push(s.subarray(head.length, s.length - 8));
  }
  const out = new Uint8Array(schema!.length + parts.reduce((n, p) => n + p.length, 0) + END_OF_STREAM.length);
  out.set(schema!, 0);
  let at = schema!.length;
  for (const p of parts) { out.set(p, at); at += p.length; }
  out.set(END_OF_STREAM, at);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
