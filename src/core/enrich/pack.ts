// A range table and its labels as one binary file served from our own origin:
// 'ALR1' | u32 header length | header JSON | padding to 8 | v6 start, v6 end (u64) | v4 start, end, value, v6 value (u32).

import type { RangeTable } from './ranges.ts';

const MAGIC = 0x31524c41; // 'ALR1' little-endian

export function packTable(t: RangeTable, header: object): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ ...header, n4: t.v4Start.length, n6: t.v6Start.length }));
  const head = 8 + json.length;
  const pad = (8 - (head % 8)) % 8;
  const n4 = t.v4Start.length, n6 = t.v6Start.length;
  const out = new Uint8Array(head + pad + n6 * 16 + n4 * 12 + n6 * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  let at = head + pad;
  for (const part of [t.v6Start, t.v6End, t.v4Start, t.v4End, t.v4Val, t.v6Val]) {
    const bytes = new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

export function unpackTable<H>(bytes: Uint8Array): { table: RangeTable; header: H & { n4: number; n6: number } } {
  const copy = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('not an IP range table');
  const len = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(copy.subarray(8, 8 + len))) as H & { n4: number; n6: number };
  let at = copy.byteOffset + 8 + len;
  at += (8 - (at % 8)) % 8;
  const { n4, n6 } = header;
  const take64 = () => { const a = new BigUint64Array(copy.buffer, at, n6); at += n6 * 8; return a; };
  const take32 = (n: number) => { const a = new Uint32Array(copy.buffer, at, n); at += n * 4; return a; };
  const v6Start = take64(), v6End = take64();
  const v4Start = take32(n4), v4End = take32(n4), v4Val = take32(n4), v6Val = take32(n6);
  return { table: { v4Start, v4End, v4Val, v6Start, v6End, v6Val }, header };
}
