// Source IPs arrive as `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `::ffff:1.2.3.4`, or junk.

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function normaliseIp(value: unknown): string | null {
  if (typeof value !== 'string') return null;
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
