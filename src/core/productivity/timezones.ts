// A directory time zone → one fixed UTC offset per person (minutes), taken at a reference instant (the middle
// of the analysed data). SQL then shifts UTC timestamps by that offset; no TIMESTAMPTZ is ever needed.

/** Windows zone names as Viva / Workplace Analytics and Exchange write them. */
const WINDOWS: Record<string, string> = {
  'pacific standard time': 'America/Los_Angeles', 'mountain standard time': 'America/Denver',
  'us mountain standard time': 'America/Phoenix', 'central standard time': 'America/Chicago',
  'eastern standard time': 'America/New_York', 'atlantic standard time': 'America/Halifax',
  'alaskan standard time': 'America/Anchorage', 'hawaiian standard time': 'Pacific/Honolulu',
  'gmt standard time': 'Europe/London', 'greenwich standard time': 'Atlantic/Reykjavik', 'utc': 'UTC',
  'w. europe standard time': 'Europe/Berlin', 'romance standard time': 'Europe/Paris',
  'central europe standard time': 'Europe/Budapest', 'central european standard time': 'Europe/Warsaw',
  'e. europe standard time': 'Europe/Chisinau', 'fle standard time': 'Europe/Kiev', 'gtb standard time': 'Europe/Bucharest',
  'russian standard time': 'Europe/Moscow', 'india standard time': 'Asia/Kolkata', 'china standard time': 'Asia/Shanghai',
  'singapore standard time': 'Asia/Singapore', 'tokyo standard time': 'Asia/Tokyo', 'korea standard time': 'Asia/Seoul',
  'aus eastern standard time': 'Australia/Sydney', 'e. australia standard time': 'Australia/Brisbane',
  'new zealand standard time': 'Pacific/Auckland', 'arabian standard time': 'Asia/Dubai',
  'south africa standard time': 'Africa/Johannesburg', 'e. south america standard time': 'America/Sao_Paulo',
};

/** Minutes east of UTC, or null when the text is not a zone we can read. */
export function utcOffsetMinutes(zone: string | null, at: number): number | null {
  const z = zone?.trim();
  if (!z) return null;
  const fixed = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    return minutes > 14 * 60 ? null : (fixed[1] === '-' ? -minutes : minutes);
  }
  const name = WINDOWS[z.toLowerCase()] ?? z;
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' })
      .formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (part === 'GMT') return 0;
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
  } catch {
    return null;
  }
}
