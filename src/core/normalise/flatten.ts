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
  const maxKeys = opts.maxKeys ?? 200;
  const maxValue = opts.maxValue ?? 2048;
  let count = Object.keys(out).length;
  walk(record, prefix);
  return out;

  function put(key: string, value: string) {
    if (opts.skip?.has(key) || key in out) return;
    if (count >= maxKeys) return;
    out[key] = clean(value, maxValue);
    count++;
  }

  function walk(v: unknown, path: string): void {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') {
      const parsed = maybeJson(v);
      if (parsed !== v) { walk(parsed, path); return; }
    }
    if (typeof v !== 'object') { if (path) put(path, String(v)); return; }
    if (Array.isArray(v)) {
      if (v.length === 0) { if (path) put(path, '[]'); return; }
      if (v.every((x) => x === null || typeof x !== 'object')) { put(path, v.map((x) => String(x)).join(',')); return; }
      const pairs = opts.nameValue ?? DEFAULT_PAIRS;
      v.forEach((item, i) => {
        if (item && typeof item === 'object' && !Array.isArray(item)) {
          const pair = pairs.find(([n]) => typeof (item as Record<string, unknown>)[n] === 'string');
          if (pair) {
            const rec = item as Record<string, unknown>;
            const name = String(rec[pair[0]]).replace(/\./g, '_');
            const base = path ? `${path}.${name}` : name;
            for (const [k, val] of Object.entries(rec)) {
              if (k === pair[0]) continue;
              if (k === pair[1]) walk(val, base);
              else walk(val, `${base}.${k}`);
            }
            return;
          }
        }
        walk(item, path ? `${path}.${i}` : String(i));
      });
      return;
    }
    const obj = v as Record<string, unknown>;
    for (const k in obj) if (Object.hasOwn(obj, k)) walk(obj[k], path ? `${path}.${k}` : k);
  }
}

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
