// Nested source records become flat `dotted.key → text` attributes, the shape of the `attrs` MAP column.

export interface FlattenOptions {
  /** Keys (full dotted paths) to leave out: already promoted to columns, or bulky. */
  skip?: ReadonlySet<string>;
  maxKeys?: number;
  maxValue?: number;
  /** Lists of `{Name, Value}` (or given key names) become `List.Name → Value`. */
  nameValue?: ReadonlyArray<[nameKey: string, valueKey: string]>;
}

const DEFAULT_PAIRS: ReadonlyArray<[string, string]> = [['Name', 'Value'], ['name', 'value']];

export function flatten(record: unknown, opts: FlattenOptions = {}, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  const into = new FlatInto(out, opts);
  into.walk(record, prefix);
  return out;
}

/** Flattens values into `out`, one `walk` per value: no closures or copies per record (this runs per event). */
export class FlatInto {
  private count = 0;
  private readonly skip: ReadonlySet<string> | undefined;
  private readonly maxKeys: number;
  private readonly maxValue: number;
  private readonly pairs: ReadonlyArray<[string, string]>;

  constructor(readonly out: Record<string, string>, opts: FlattenOptions = {}) {
    for (const k in out) if (Object.hasOwn(out, k)) this.count++;
    this.skip = opts.skip;
    this.maxKeys = opts.maxKeys ?? 200;
    this.maxValue = opts.maxValue ?? 2048;
    this.pairs = opts.nameValue ?? DEFAULT_PAIRS;
  }

  put(key: string, value: string): void {
    if (this.count >= this.maxKeys || this.skip?.has(key) || key in this.out) return;
    this.out[key] = clean(value, this.maxValue);
    this.count++;
  }

  walk(v: unknown, path: string): void {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') {
      const parsed = maybeJson(v);
      if (parsed !== v) { this.walk(parsed, path); return; }
      if (path) this.put(path, v);
      return;
    }
    if (typeof v !== 'object') { if (path) this.put(path, String(v)); return; }
    if (Array.isArray(v)) { this.walkList(v, path); return; }
    const obj = v as Record<string, unknown>;
    for (const k in obj) if (Object.hasOwn(obj, k)) this.walk(obj[k], path ? `${path}.${k}` : k);
  }

  private walkList(v: unknown[], path: string): void {
    if (v.length === 0) { if (path) this.put(path, '[]'); return; }
    if (v.every(isScalar)) { this.put(path, v.map(String).join(',')); return; }
    for (let i = 0; i < v.length; i++) {
      const item = v[i];
      const pair = item && typeof item === 'object' && !Array.isArray(item) ? this.pairOf(item as Record<string, unknown>) : null;
      if (!pair) { this.walk(item, path ? `${path}.${i}` : String(i)); continue; }
      const rec = item as Record<string, unknown>;
      const name = String(rec[pair[0]]).replace(/\./g, '_');
      const base = path ? `${path}.${name}` : name;
      for (const k in rec) {
        if (!Object.hasOwn(rec, k) || k === pair[0]) continue;
        this.walk(rec[k], k === pair[1] ? base : `${base}.${k}`);
      }
    }
  }

  private pairOf(rec: Record<string, unknown>): readonly [string, string] | null {
    for (const pair of this.pairs) if (typeof rec[pair[0]] === 'string') return pair;
    return null;
  }
}

const isScalar = (x: unknown) => x === null || typeof x !== 'object';

/** Control characters other than tab/newline and the MAP separator never reach the table. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

export function clean(s: string, max = 2048): string {
  CONTROL.lastIndex = 0;
  const t = CONTROL.test(s) ? s.replace(CONTROL, ' ') : s;
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** Parses a string that is itself JSON (JSON-in-JSON, as in M365 ExtendedProperties); returns it unchanged otherwise. */
export function maybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!(t.startsWith('{') && t.endsWith('}')) && !(t.startsWith('[') && t.endsWith(']'))) return value;
  try { return JSON.parse(t); } catch { return value; }
}
