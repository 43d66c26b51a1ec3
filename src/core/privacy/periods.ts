// Weeks start on Monday (UTC dates). 4-week blocks are aligned to a fixed Monday, so they never overlap and
// never shift when more data arrives: there are no rolling windows to difference against each other.

const DAY = 86_400_000;
const ANCHOR = Date.UTC(1970, 0, 5); // a Monday

export type Resolution = 'week' | 'block';

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const parse = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function isMonday(day: string): boolean {
  const t = parse(day);
  return Number.isFinite(t) && new Date(t).getUTCDay() === 1 && iso(t) === day;
}

/** The Monday on or before a `YYYY-MM-DD` date. */
export function mondayOf(day: string): string {
  const t = parse(day);
  return iso(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY);
}

export interface Period { key: string; start: string; index: number }

/** The period a week (a Monday) falls in: `2024-04-29/P1W` or `2024-04-22/P4W` (ISO 8601 start/duration). */
export function periodOf(week: string, resolution: Resolution): Period {
  const weeks = Math.round((parse(week) - ANCHOR) / (7 * DAY));
  const size = resolution === 'week' ? 1 : 4;
  const index = Math.floor(weeks / size);
  const start = iso(ANCHOR + index * size * 7 * DAY);
  return { key: `${start}/P${size}W`, start, index };
}

/** Every period from the first to the last week given, in order (gaps included). */
export function periodsBetween(first: string, last: string, resolution: Resolution): Period[] {
  const a = periodOf(first, resolution), b = periodOf(last, resolution);
  const size = resolution === 'week' ? 1 : 4;
  const out: Period[] = [];
  for (let i = a.index; i <= b.index; i++) {
    const start = iso(ANCHOR + i * size * 7 * DAY);
    out.push({ key: `${start}/P${size}W`, start, index: i });
  }
  return out;
}
