// Details are flat and small by construction, so a trail can never carry a raw record by accident.

import type { Detail, DetailScalar } from './entry.ts';

export const MAX_DETAIL_KEYS = 16;
export const MAX_DETAIL_TEXT = 256;
export const MAX_DETAIL_LIST = 100;

/** Returns a frozen copy of `detail` with long text cut, or throws on nested or non-finite values. */
export function checkDetail(detail: object): Detail {
  const entries = Object.entries(detail);
  if (entries.length > MAX_DETAIL_KEYS) throw new TypeError(`a trail detail has at most ${MAX_DETAIL_KEYS} fields`);
  const out: Detail = {};
  for (const [key, value] of entries) {
    if (Array.isArray(value)) {
      if (value.length > MAX_DETAIL_LIST) throw new TypeError(`trail detail '${key}' lists more than ${MAX_DETAIL_LIST} values`);
      out[key] = Object.freeze(value.map((v) => scalar(key, v))) as DetailScalar[];
    } else out[key] = scalar(key, value);
  }
  return Object.freeze(out);
}

function scalar(key: string, v: unknown): DetailScalar {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`trail detail '${key}' is not a finite number`);
    return v;
  }
  if (typeof v === 'string') return v.length > MAX_DETAIL_TEXT ? `${v.slice(0, MAX_DETAIL_TEXT - 1)}…` : v;
  throw new TypeError(`trail detail '${key}' must be text, a number, a boolean or null`);
}

/** The same rule as a yes/no question, for entries read back from a file. */
export function isFlatDetail(value: unknown): value is Detail {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const ok = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  return Object.values(value).every((v) => (Array.isArray(v) ? v.every(ok) : ok(v)));
}
