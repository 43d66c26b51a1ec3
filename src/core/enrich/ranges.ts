// Sorted, non-overlapping IP ranges mapped to a small integer (a country index or an AS number),
// built from the registry CSVs (`start,end,value…` with numeric bounds) and searched by bisection.

import { ipv4Number, ipv6High } from './ip-number.ts';

export interface RangeTable {
  v4Start: Uint32Array; v4End: Uint32Array; v4Val: Uint32Array;
  v6Start: BigUint64Array; v6End: BigUint64Array; v6Val: Uint32Array;
}

/** Accumulates ranges in ascending order, merging neighbours that carry the same value. */
export class RangeBuilder {
  private v4: number[][] = [[], [], []];
  private v6s: bigint[] = []; private v6e: bigint[] = []; private v6v: number[] = [];

  addV4(start: number, end: number, value: number): void {
    const [s, e, v] = this.v4;
    const last = s.length - 1;
    if (last >= 0 && v[last] === value && e[last] + 1 >= start) { e[last] = Math.max(e[last], end); return; }
    s.push(start); e.push(end); v.push(value);
  }

  addV6(start: bigint, end: bigint, value: number): void {
    const hs = start >> 64n, he = end >> 64n;
    const last = this.v6s.length - 1;
    if (last >= 0 && this.v6v[last] === value && this.v6e[last] + 1n >= hs) { if (he > this.v6e[last]) this.v6e[last] = he; return; }
    this.v6s.push(hs); this.v6e.push(he); this.v6v.push(value);
  }

  build(): RangeTable {
    const [s, e, v] = this.v4;
    return {
      v4Start: Uint32Array.from(s), v4End: Uint32Array.from(e), v4Val: Uint32Array.from(v),
      v6Start: BigUint64Array.from(this.v6s), v6End: BigUint64Array.from(this.v6e), v6Val: Uint32Array.from(this.v6v),
    };
  }
}

function bisect<T extends number | bigint>(starts: ArrayLike<T>, x: T): number {
  let lo = 0, hi = starts.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= x) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** The value of the range holding the IP, or null. */
export function lookupRange(t: RangeTable, ip: string): number | null {
  const v4 = ipv4Number(ip);
  if (v4 !== null) {
    const i = bisect(t.v4Start, v4);
    return i >= 0 && v4 <= t.v4End[i] ? t.v4Val[i] : null;
  }
  const v6 = ipv6High(ip);
  if (v6 === null) return null;
  const i = bisect(t.v6Start, v6);
  return i >= 0 && v6 <= t.v6End[i] ? t.v6Val[i] : null;
}

/** Splits one CSV line `start,end,value[,text…]`; the text may be quoted with "" escapes. */
export function splitRangeLine(line: string): [string, string, string, string] | null {
  const a = line.indexOf(','), b = line.indexOf(',', a + 1);
  if (a < 0 || b < 0) return null;
  const c = line.indexOf(',', b + 1);
  const value = c < 0 ? line.slice(b + 1) : line.slice(b + 1, c);
  let text = c < 0 ? '' : line.slice(c + 1);
  if (text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).replaceAll('""', '"');
  return [line.slice(0, a), line.slice(a + 1, b), value.trim(), text.trim()];
}
