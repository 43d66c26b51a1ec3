// Cell parsing shared by the table formats: header lookup, numbers, dates, durations, flags.

import type { TableValue } from '../formats/format.ts';

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '--', '-']);

/** Header position by name: case-insensitive, BOM and surrounding spaces ignored. */
export function headerIndex(header: readonly string[]): (...names: string[]) => number {
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    const key = cleanHeader(h).toLowerCase();
    if (!at.has(key)) at.set(key, i);
  });
  return (...names) => {
    for (const n of names) {
      const i = at.get(n.toLowerCase());
      if (i !== undefined) return i;
    }
    return -1;
  };
}

export const cleanHeader = (h: string) => h.replace(/^\uFEFF/, '').trim();

/** True when every name is in the header. */
export function hasAll(header: readonly string[], names: readonly string[]): boolean {
  const find = headerIndex(header);
  return names.every((n) => find(n) >= 0);
}

export function text(fields: readonly string[], i: number): string | null {
  if (i < 0) return null;
  const v = fields[i]?.trim();
  return v === undefined || MISSING.has(v.toLowerCase()) ? null : v;
}

export function lower(fields: readonly string[], i: number): string | null {
  return text(fields, i)?.toLowerCase() ?? null;
}

export function num(fields: readonly string[], i: number): number | null {
  const v = text(fields, i);
  if (v === null) return null;
  const n = Number(v.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** 1 / 0 for TRUE/FALSE, Yes/No, 1/0; null otherwise. */
export function flag(fields: readonly string[], i: number): number | null {
  const v = text(fields, i)?.toLowerCase();
  if (v === undefined) return null;
  if (v === 'true' || v === 'yes' || v === '1') return 1;
  if (v === 'false' || v === 'no' || v === '0') return 0;
  return null;
}

/** Seconds from an ISO-8601 duration such as `PT1H2M3.5S`. */
export function isoDurationSeconds(value: string | null): number | null {
  if (!value) return null;
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value.trim());
  if (!m || value.trim() === 'P' || value.trim() === 'PT') return null;
  const [, d, h, min, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return d * 86400 + h * 3600 + min * 60 + s;
}

export type DayOrder = 'mdy' | 'dmy';

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * `YYYY-MM-DD` from ISO dates (time part ignored), `YYYY/MM/DD`, or slashed day-month dates in the given order.
 * Returns null when the text is not a date.
 */
export function isoDate(value: string | null, order: DayOrder = 'mdy'): string | null {
  if (!value) return null;
  const v = value.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(v);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T ].*)?$/.exec(v);
  if (!m) return null;
  const [a, b, y] = [+m[1], +m[2], +m[3]];
  return order === 'mdy' ? validDate(y, a, b) : validDate(y, b, a);
}

/** The orders a slashed date can be read in (both for unambiguous ISO dates). */
export function possibleOrders(value: string | null): DayOrder[] {
  if (!value) return [];
  return (['mdy', 'dmy'] as const).filter((o) => isoDate(value, o) !== null);
}

export const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

export type Row = Record<string, TableValue>;
