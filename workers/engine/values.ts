// Both engines hand back the same plain values: numbers (BIGINT and TIMESTAMP as epoch ms), strings,
// booleans, null, arrays, and MAPs as plain objects.

import type { Value } from '../../src/core/engine.ts';

export function plain(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime();
  if (Array.isArray(v)) {
    if (v.length && v.every((e) => e && typeof e === 'object' && 'key' in e && 'value' in e && Object.keys(e).length === 2))
      return Object.fromEntries(v.map((e) => [String(e.key), plain(e.value)]));
    return v.map(plain);
  }
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), plain(x)]));
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => plain(x));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.toArray === 'function' && typeof o.get === 'function') return Array.from((o as unknown as { toArray(): ArrayLike<unknown> }).toArray(), plain);
    if (typeof (o as { toJSON?: unknown }).toJSON === 'function' && !(Symbol.iterator in o)) return plain((o as { toJSON(): unknown }).toJSON());
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x)]));
  }
  return String(v);
}
