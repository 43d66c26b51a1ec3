// Every time becomes epoch milliseconds UTC here, in JavaScript: DuckDB-WASM only ever sees UTC TIMESTAMPs.

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AP]M)?)?\s*(Z|UTC)?$/i;
const ISO_12H = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)$/i;

/** Parses ISO 8601 (offset or none = UTC), US `M/D/YYYY h:mm:ss AM`, `YYYY-MM-DD h:mm:ss PM`, epoch s/ms/µs. NaN if not a time. */
export function parseTime(value: unknown): number {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return NaN;
  const s = value.trim();
  if (!s) return NaN;
  if (/^\d{9,16}(\.\d+)?$/.test(s)) return fromEpoch(Number(s));
  let m = ISO.exec(s);
  if (m) {
    const ms = utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), fraction(m[7]));
    return ms - offsetMinutes(m[8]) * 60_000;
  }
  m = US.exec(s);
  if (m) return utc(+m[3], +m[1], +m[2], hour12(+(m[4] ?? 0), m[8]), +(m[5] ?? 0), +(m[6] ?? 0), fraction(m[7]));
  m = ISO_12H.exec(s);
  if (m) return utc(+m[1], +m[2], +m[3], hour12(+m[4], m[7]), +m[5], +(m[6] ?? 0), 0);
  return NaN;
}

function fromEpoch(n: number): number {
  if (!Number.isFinite(n)) return NaN;
  if (n > 1e14) return Math.floor(n / 1000);   // microseconds
  if (n > 1e11) return n;                       // milliseconds
  return n * 1000;                              // seconds
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // Date.UTC would read years 0–99 as 19xx
  date.setUTCHours(h, mi, s, ms);
  return date.getUTCDate() === d ? date.getTime() : NaN;
}

const fraction = (f: string | undefined) => (f ? Math.floor(Number(`0.${f}`) * 1000) : 0);

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  if (h < 1 || h > 12) return 99;
  const pm = ampm.toUpperCase() === 'PM';
  return (h % 12) + (pm ? 12 : 0);
}

function offsetMinutes(z: string | undefined): number {
  if (!z || /^(Z|UTC|GMT)$/i.test(z)) return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

export const isoUtc = (ms: number) => new Date(ms).toISOString();
