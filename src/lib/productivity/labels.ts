// How group keys, periods and metric values read on the page. Group keys come from the roster (departments,
// levels) or are neutral (reporting trees `tree:T01`); nothing here can name a person.

import type { MetricDef } from '../../core/productivity/catalogue.ts';
import type { Dimension } from '../../core/productivity/groups.ts';

export const DIMENSION_LABELS: Record<Dimension, string> = {
  department: 'Department', manager: 'Reporting tree', level: 'Level',
};

const PREFIX: Record<Dimension, string> = { department: 'department:', manager: 'tree:', level: 'level:' };

export const ALL_GROUP = 'all';

/** Whether a group key belongs to a dimension (the whole scope belongs to every dimension). */
export const inDimension = (key: string, dimension: Dimension) => key === ALL_GROUP || key.startsWith(PREFIX[dimension]);

export function groupLabel(key: string): string {
  if (key === ALL_GROUP) return 'Everyone in scope';
  const [kind, ...rest] = key.split(':');
  const name = rest.join(':');
  if (kind === 'tree') return `Reporting tree ${name}`;
  if (kind === 'department') return name === '(none)' ? 'No department' : name;
  if (kind === 'level') return name === '(none)' ? 'No level' : /^\d/.test(name) ? `Level ${name}` : name;
  return key;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;

function parsePeriod(key: string): { start: number; weeks: number } {
  const [start, duration] = key.split('/');
  return { start: Date.parse(`${start}T00:00:00Z`), weeks: Number(/^P(\d+)W$/.exec(duration)?.[1] ?? 1) };
}

const day = (t: number, year = false) => {
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year ? ` ${d.getUTCFullYear()}` : ''}`;
};

/** `2026-08-31/P4W` → "31 Aug – 27 Sep 2026"; `2026-09-07/P1W` → "7 – 13 Sep 2026". */
export function periodLabel(key: string): string {
  const { start, weeks } = parsePeriod(key);
  if (!Number.isFinite(start)) return key;
  const end = start + (weeks * 7 - 1) * DAY;
  const a = new Date(start), b = new Date(end);
  if (a.getUTCMonth() === b.getUTCMonth() && a.getUTCFullYear() === b.getUTCFullYear()) return `${a.getUTCDate()} – ${day(end, true)}`;
  return `${day(start, a.getUTCFullYear() !== b.getUTCFullYear())} – ${day(end, true)}`;
}

/** From the first day of the first period to the last day of the last. */
export function spanLabel(periods: readonly string[]): string {
  if (!periods.length) return '—';
  const first = parsePeriod(periods[0]), last = parsePeriod(periods[periods.length - 1]);
  const end = last.start + (last.weeks * 7 - 1) * DAY;
  return `${day(first.start, new Date(first.start).getUTCFullYear() !== new Date(end).getUTCFullYear())} – ${day(end, true)}`;
}

/** The short form for axis ticks: the first day ("31 Aug"). */
export function periodTick(key: string): string {
  const { start } = parsePeriod(key);
  return Number.isFinite(start) ? day(start) : key;
}

export const periodStart = (key: string) => parsePeriod(key).start;

const decimals = (v: number) => String(Math.round(v * 1000) / 1000).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** A released value as released (three decimals at most), with its unit; shares as percentages. */
export function formatValue(metric: Pick<MetricDef, 'unit'>, value: number): string {
  if (metric.unit === 'share') return formatShare(value);
  const text = Number(decimals(value)).toLocaleString('en-GB', { maximumFractionDigits: 3 });
  return metric.unit === 'hours per week' ? `${text} h` : text;
}

/** A share as a percentage with at most one decimal (released shares have three decimals). */
export const formatShare = (v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)} %`;

/** The unit a chart axis names. */
export const unitLabel = (metric: Pick<MetricDef, 'unit'>) =>
  metric.unit === 'share' ? 'share of people’s activity' : metric.unit === 'hours per week' ? 'hours per person and week' : 'per person and week';

export const people = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'person' : 'people'}`;
