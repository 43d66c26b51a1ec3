// One Sigma field condition (field, modifiers, value) → SQL. Matching is case-insensitive unless `cased`;
// wildcards become LIKE patterns; `re` is a search anywhere in the value (regexp_matches, never `~`).

import type { Query } from '../queries/query.ts';
import { join, raw, sql } from '../detect/sql.ts';
import type { FieldExpr } from './fieldmap.ts';

export class Unsupported extends Error {}

export type Scalar = string | number | boolean | null;

const UNSUPPORTED = new Set(['base64', 'base64offset', 'utf16', 'utf16le', 'utf16be', 'wide', 'windash', 'expand', 'fieldref']);
const KNOWN = new Set(['contains', 'startswith', 'endswith', 'all', 're', 'i', 'm', 's', 'cidr', 'exists', 'gt', 'gte', 'lt', 'lte', 'cased']);

export function checkModifiers(mods: readonly string[]): void {
  for (const m of mods) {
    if (UNSUPPORTED.has(m)) throw new Unsupported(`modifier |${m} is not supported`);
    if (!KNOWN.has(m)) throw new Unsupported(`unknown modifier |${m}`);
  }
}

/** Sigma wildcards (`*`, `?`, `\` escapes) → a LIKE pattern with `\` as the escape character. */
export function likePattern(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '\\' && i + 1 < v.length && '*?\\'.includes(v[i + 1])) { out += v[i + 1] === '\\' ? '\\\\' : v[i + 1]; i++; }
    else if (c === '*') out += '%';
    else if (c === '?') out += '_';
    else if (c === '%' || c === '_' || c === '\\') out += `\\${c}`;
    else out += c;
  }
  return out;
}

const hasWildcard = (v: string) => /(^|[^\\])[*?]/.test(v);

/** The predicate on one scalar expression `x`. */
function scalarPredicate(x: Query, mods: readonly string[], value: Scalar, normalise?: (v: string) => string[]): Query {
  const cased = mods.includes('cased');
  if (mods.includes('exists')) return String(value).toLowerCase() === 'false' ? sql`(${x} IS NULL OR ${x} = '')` : sql`(${x} IS NOT NULL AND ${x} <> '')`;
  if (value === null) return sql`(${x} IS NULL OR ${x} = '')`;
  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (mods.includes(op)) {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Unsupported(`|${op} needs a number, got ${JSON.stringify(value)}`);
      return sql`TRY_CAST(${x} AS DOUBLE) ${raw({ gt: '>', gte: '>=', lt: '<', lte: '<=' }[op])} ${n}`;
    }
  }
  const s = String(value);
  if (mods.includes('re')) {
    const flags = (mods.includes('i') ? 'i' : '') + (mods.includes('s') ? 's' : '') + (mods.includes('m') ? 'm' : '');
    return flags ? sql`regexp_matches(${x}, ${s}, ${flags})` : sql`regexp_matches(${x}, ${s})`;
  }
  if (mods.includes('cidr')) return cidr(x, s);
  const values = normalise ? normalise(s) : [s];
  const one = (v: string): Query => {
    const subject = cased ? x : sql`lower(${x})`;
    const val = cased ? v : v.toLowerCase();
    if (mods.includes('contains')) return sql`${subject} LIKE ${`%${likePattern(val)}%`} ESCAPE '\\'`;
    if (mods.includes('startswith')) return sql`${subject} LIKE ${`${likePattern(val)}%`} ESCAPE '\\'`;
    if (mods.includes('endswith')) return sql`${subject} LIKE ${`%${likePattern(val)}`} ESCAPE '\\'`;
    if (hasWildcard(val)) return sql`${subject} LIKE ${likePattern(val)} ESCAPE '\\'`;
    const plain = val.replace(/\\([*?\\])/g, '$1');
    return sql`${subject} = ${plain}`;
  };
  return values.length === 1 ? one(values[0]) : sql`(${join(values.map(one), ' OR ')})`;
}

function cidr(x: Query, range: string): Query {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(range.trim());
  if (!m) throw new Unsupported(`|cidr supports IPv4 ranges only (got ${range})`);
  const bits = Number(m[5]);
  const base = m.slice(1, 5).reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - bits);
  const start = Math.floor(base / size) * size;
  const num = sql`(TRY_CAST(split_part(${x}, '.', 1) AS BIGINT) * 16777216 + TRY_CAST(split_part(${x}, '.', 2) AS BIGINT) * 65536
    + TRY_CAST(split_part(${x}, '.', 3) AS BIGINT) * 256 + TRY_CAST(split_part(${x}, '.', 4) AS BIGINT))`;
  return sql`(regexp_matches(${x}, '^\\d+\\.\\d+\\.\\d+\\.\\d+$') AND ${num} BETWEEN ${start} AND ${start + size - 1})`;
}

/** Field condition with one value or a list (OR, or AND with `all`). */
export function fieldPredicate(field: FieldExpr, mods: readonly string[], values: readonly Scalar[]): Query {
  checkModifiers(mods);
  if (field.kind === 'always') return raw('TRUE');
  if (field.kind === 'missing') throw new Unsupported(field.reason);
  const each = values.map((v) => field.kind === 'list'
    ? sql`(len(list_filter(${field.expr}, lambda x: ${scalarPredicate(raw('x'), mods, v)})) > 0)`
    : scalarPredicate(field.expr, mods, v, field.normalise));
  if (!each.length) return raw('FALSE');
  return sql`(${join(each, mods.includes('all') ? ' AND ' : ' OR ')})`;
}
