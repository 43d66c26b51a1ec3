// Times are stored as UTC and shown in UTC with the zone written out, so two analysts read the same thing.
// Tables may show the browser's zone instead (Load page setting); the zone is then named too.

import { localZone, settings } from '../state/settings.svelte.ts';

const pad = (n: number) => String(n).padStart(2, '0');

function parts(ms: number, local: boolean): string {
  const d = new Date(ms);
  if (!local) return d.toISOString().slice(0, 19).replace('T', ' ');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function toMs(v: string | number | null): number | null {
  if (v === null) return null;
  const ms = typeof v === 'number' ? v : Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

/** Minutes precision with the zone: `2024-03-01 10:15 UTC`. */
export function fmtUtc(v: string | number | null): string {
  const ms = toMs(v);
  if (ms === null) return '—';
  return settings.localTime ? `${parts(ms, true).slice(0, 16)} ${localZone()}` : `${parts(ms, false).slice(0, 16)} UTC`;
}

/** Seconds precision without the zone, for table cells whose header names the zone. */
export function fmtCell(v: number): string {
  return parts(v, settings.localTime);
}

export const zoneLabel = () => (settings.localTime ? localZone() : 'UTC');

export function fmtDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A span without repeating the zone: `2024-03-01 10:15 → 2024-03-21 18:00`; pair it with zoneLabel(). */
export function fmtSpan(from: number, to: number): string {
  const local = settings.localTime;
  return `${parts(from, local).slice(0, 16)} → ${parts(to, local).slice(0, 16)}`;
}
