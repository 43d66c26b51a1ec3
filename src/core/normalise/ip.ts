// Source IPs arrive as `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `::ffff:1.2.3.4`, or junk.

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

// Logs repeat the same few thousand addresses; remembering them skips the regular expressions below.
const seen = new Map<string, string | null>();
const SEEN_MAX = 16_384;

export function normaliseIp(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v4 = plainV4(value);
  if (v4 !== null) return v4;
  let ip = seen.get(value);
  if (ip === undefined) {
    if (seen.size >= SEEN_MAX) seen.clear();
    seen.set(value, (ip = parseIp(value)));
  }
  return ip;
}

function parseIp(value: string): string | null {
  let s = value.trim();
  if (!s || s === '-' || /^(null|none|n\/a|undefined|<null>)$/i.test(s)) return null;
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) s = bracket[1];
  else if (/^[\d.]+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  s = s.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (mapped) s = mapped[1];
  if (V4.test(s)) return s.split('.').every((o) => Number(o) <= 255) ? s.split('.').map(Number).join('.') : null;
  if (/^[0-9a-f:.]+$/.test(s) && s.includes(':') && s.length <= 45) return canonicalV6(s);
  return null;
}

/** The URL parser validates IPv6 strictly and writes it in its canonical, compressed form. */
function canonicalV6(s: string): string | null {
  try {
    const host = new URL(`http://[${s}]/`).hostname;
    return host.slice(1, -1);
  } catch {
    return null;
  }
}

/**
 * The common case without regular expressions: a canonical dotted quad, with or without `:port`
 * (Exchange adds a different port to nearly every record, so these would never repeat in the cache).
 */
function plainV4(s: string): string | null {
  let dots = 0, octet = 0, digits = 0, i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return null;          // leading zero: let the full parser decide
      octet = octet * 10 + c - 48;
      if (++digits > 3 || octet > 255) return null;
    } else if (c === 46) {
      if (!digits || ++dots > 3) return null;
      octet = 0; digits = 0;
    } else break;
  }
  if (dots !== 3 || !digits) return null;
  if (i === s.length) return s;
  if (s.charCodeAt(i) !== 58 || i + 1 === s.length) return null;
  for (let j = i + 1; j < s.length; j++) { const c = s.charCodeAt(j); if (c < 48 || c > 57) return null; }
  return s.slice(0, i);
}
