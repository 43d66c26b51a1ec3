// Small helpers every format module uses to read loosely typed source records.

import { parseTime } from '../../normalise/time.ts';
import { WRAPPER_KEYS } from '../records/json-framer.ts';
import { RowError } from './format.ts';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Trimmed text of a scalar; null for empty strings, objects and missing values. */
export function text(v: unknown): string | null {
  if (typeof v === 'string') { const t = v.trim(); return t ? t : null; }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return String(v);
  return null;
}

export function firstText(...values: unknown[]): string | null {
  for (const v of values) { const t = text(v); if (t !== null) return t; }
  return null;
}

/** Case-insensitive key access: exact spelling first, then any casing. */
export class CiObject {
  private lower: Map<string, unknown> | null = null;
  constructor(readonly raw: Obj) {}

  get(...names: string[]): unknown {
    for (const n of names) { const v = this.raw[n]; if (v !== undefined && v !== null) return v; }
    if (!this.lower) {
      this.lower = new Map();
      for (const [k, v] of Object.entries(this.raw)) if (!this.lower.has(k.toLowerCase())) this.lower.set(k.toLowerCase(), v);
    }
    for (const n of names) { const v = this.lower.get(n.toLowerCase()); if (v !== undefined && v !== null) return v; }
    return undefined;
  }

  has(name: string): boolean { return this.get(name) !== undefined; }
  text(...names: string[]): string | null { return text(this.get(...names)); }
  obj(...names: string[]): CiObject | null { const v = this.get(...names); return isObj(v) ? new CiObject(v) : null; }
}

/** The first valid time among the candidates, or a RowError naming the field that held no time. */
export function requireTime(candidates: ReadonlyArray<readonly [field: string, value: unknown]>): number {
  let firstBad: readonly [string, unknown] | null = null;
  for (const c of candidates) {
    if (c[1] === undefined || c[1] === null || c[1] === '') continue;
    const t = parseTime(c[1]);
    if (Number.isFinite(t)) return t;
    firstBad ??= c;
  }
  if (firstBad) throw new RowError(`no valid time in ${firstBad[0]}: '${String(firstBad[1]).slice(0, 60)}'`);
  throw new RowError(`no time field (${candidates.map((c) => c[0]).join(', ')})`);
}

/** ISO-3166 alpha-2 code when the value is one, upper-cased. */
export function countryCode(v: unknown): string | null {
  const t = text(v);
  return t && /^[A-Za-z]{2}$/.test(t) ? t.toUpperCase() : null;
}

/** The list of a wrapper object (`{"items":[…]}`, `{"data":[…]}`), when a whole page reaches `read`. */
export function wrapperItems(record: unknown): unknown[] | null {
  if (!isObj(record)) return null;
  for (const k of WRAPPER_KEYS) { const v = record[k]; if (Array.isArray(v)) return v; }
  return null;
}

/** Runs `readOne` on a record, or on each element when the record is a page of records. */
export function eachRecord<T>(record: unknown, isPage: (r: Obj) => boolean, readOne: (r: Obj) => T[]): T[] {
  if (!isObj(record)) throw new RowError(`expected a JSON object, found ${Array.isArray(record) ? 'an array' : typeof record}`);
  if (!isPage(record)) return readOne(record);
  const items = wrapperItems(record) ?? [];
  const rows: T[] = [];
  items.forEach((item, i) => {
    try { rows.push(...eachRecord(item, () => false, readOne)); }
    catch (e) {
      if (!(e instanceof RowError)) throw e;
      throw new RowError(`page of ${items.length} records refused because record ${i + 1} is unreadable: ${e.message}`);
    }
  });
  return rows;
}
