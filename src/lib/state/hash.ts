// The URL hash holds the page and the global filter: `#/overview?from=2024-03-01T10:00Z&to=…&source=m365&source=gws`.
// Links can be shared and reloaded. Person-identifying filters (actor, ip) are left out of pages that may not carry them.

import { emptyFilters, LIST_KEYS, PERSONAL_KEYS, type Filters } from '../../core/queries/filters.ts';

const MAX_VALUES = 50;
const MAX_LENGTH = 300;

const isoHour = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

function parseTime(text: string | null): number | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?Z?$/.test(text)) return null;
  const ms = Date.parse(text.endsWith('Z') || text.length === 10 ? text : `${text}Z`);
  return Number.isFinite(ms) ? ms : null;
}

export function encodeHash(page: string, f: Filters, personal: boolean): string {
  const p = new URLSearchParams();
  if (f.from !== null) p.set('from', isoHour(f.from));
  if (f.to !== null) p.set('to', isoHour(f.to));
  for (const key of LIST_KEYS) {
    if (!personal && PERSONAL_KEYS.includes(key)) continue;
    for (const v of f[key]) p.append(key, v);
  }
  const query = p.toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}

export function decodeHash(hash: string): { page: string; filters: Filters } {
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const page = q < 0 ? text : text.slice(0, q);
  const p = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  const filters = emptyFilters();
  filters.from = parseTime(p.get('from'));
  filters.to = parseTime(p.get('to'));
  if (filters.from !== null && filters.to !== null && filters.to <= filters.from) filters.from = filters.to = null;
  for (const key of LIST_KEYS) {
    const values = p.getAll(key).filter((v) => v.length > 0 && v.length <= MAX_LENGTH);
    filters[key] = [...new Set(values)].slice(0, MAX_VALUES);
  }
  return { page, filters };
}
