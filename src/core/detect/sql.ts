// A tagged template for rule SQL: interpolated values become `?` parameters (lists become `(?, ?, …)`),
// interpolated queries are spliced in with their own parameters, in order.

import type { Value } from '../engine.ts';
import type { Query } from '../queries/query.ts';

type Part = Value | Query | readonly Value[];

/** Constant SQL text written by us (never user text). */
export const raw = (text: string): Query => ({ sql: text, params: [] });

const isQuery = (v: unknown): v is Query =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Query).sql === 'string' && Array.isArray((v as Query).params);

export function sql(strings: TemplateStringsArray, ...parts: Part[]): Query {
  let text = strings[0];
  const params: Value[] = [];
  parts.forEach((p, i) => {
    if (isQuery(p)) { text += p.sql; params.push(...p.params); }
    else if (Array.isArray(p)) {
      text += p.length ? `(${p.map(() => '?').join(', ')})` : '(NULL)';
      params.push(...p);
    } else { text += '?'; params.push(p as Value); }
    text += strings[i + 1];
  });
  return { sql: text, params };
}

/** Joins queries with a separator (e.g. ' OR '), keeping parameter order. */
export function join(parts: readonly Query[], sep: string): Query {
  return { sql: parts.map((p) => p.sql).join(sep), params: parts.flatMap((p) => p.params) };
}

export const TRUE: Query = { sql: 'TRUE', params: [] };
