// Times are stored as UTC; they are shown in UTC with the zone written out, so two analysts read the same thing.

export function fmtUtc(iso: string | number | null): string {
  if (iso === null) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function fmtDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
