// ColumnBatch → Arrow IPC bytes from typed arrays only: Arrow's builders use `new Function`, which strict CSP forbids.

import { Field, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, type Data, type DataType } from 'apache-arrow';
import type { ColumnBatch } from '../../src/core/engine.ts';

const encoder = new TextEncoder();

export function batchToIPC(batch: ColumnBatch): Uint8Array {
  const fields: Field[] = [];
  const children: Data[] = [];
  for (const c of batch.columns) {
    const data = c.kind === 'string' ? utf8(c.values as (string | null)[])
      : c.kind === 'integer' ? numeric(new Int32(), c.values as Int32Array)
      : numeric(new Float64(), c.values as Float64Array);
    fields.push(new Field(c.name, data.type, true));
    children.push(data);
  }
  const struct = makeData({ type: new Struct(fields), length: batch.length, nullCount: 0, children });
  const table = new Table([new RecordBatch(new Schema(fields), struct)]);
  return tableToIPC(table, 'stream');
}

function numeric<T extends DataType>(type: T, values: Int32Array | Float64Array): Data<T> {
  let nulls = 0;
  let bitmap: Uint8Array | undefined;
  if (values instanceof Float64Array) {
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) { bitmap ??= allValid(values.length); clearBit(bitmap, i); nulls++; }
  }
  return makeData({ type, length: values.length, nullCount: nulls, nullBitmap: bitmap, data: values } as never) as Data<T>;
}

function utf8(values: (string | null)[]): Data<Utf8> {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const parts: Uint8Array[] = new Array(n);
  let total = 0, nulls = 0;
  let bitmap: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      bitmap ??= allValid(n);
      clearBit(bitmap, i);
      nulls++;
      parts[i] = EMPTY;
    } else parts[i] = encoder.encode(v);
    total += parts[i].length;
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < n; i++) data.set(parts[i], offsets[i]);
  return makeData({ type: new Utf8(), length: n, nullCount: nulls, nullBitmap: bitmap, valueOffsets: offsets, data });
}

const EMPTY = new Uint8Array(0);
const allValid = (n: number) => new Uint8Array(Math.ceil(n / 8)).fill(0xff);
const clearBit = (bitmap: Uint8Array, i: number) => { bitmap[i >> 3] &= ~(1 << (i & 7)); };
