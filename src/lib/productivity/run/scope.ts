// The view a release is computed over, planned the way productivityTrends plans it (src/core/productivity/
// trends.ts): one population, the viewer's scope, the roster's groups and every period from the first to the
// last week. The page needs the group keys and periods to show withheld cells; the heatmap needs the same
// person-weeks and memberships so its cells are exactly the release's cells. Stays in the worker.

import type { Engine } from '../../../core/engine.ts';
import { periodsBetween, type Resolution } from '../../../core/privacy/periods.ts';
import { minGroupSize } from '../../../core/privacy/policy.ts';
import { loadStaff, reportingTrees } from '../../../core/productivity/directory.ts';
import { planViews, type Dimension, type View } from '../../../core/productivity/groups.ts';
import { collectWeeks, type MergedWeek } from '../../../core/productivity/person-weeks.ts';
import { existingTables } from '../../../core/productivity/tables.ts';
import type { Population } from './types.ts';

export interface ScopeOptions {
  by: readonly Dimension[];
  minGroup: number;
  allowSmallGroups: boolean;
  viewer: string | null;
  resolution: Resolution;
  population: Population;
}

export interface Scope {
  k: number;
  resolution: Resolution;
  viewer: string | null;
  view: View;
  /** The person-weeks in the viewer's scope (the viewer's own weeks included: the release leaves them out). */
  weeks: MergedWeek[];
  periods: string[];
  population: 'viva' | 'directory';
  hasEvents: boolean;
  /** Periods the loaded audit events cover only in part: days with data of the period's days. */
  partial: { period: string; days: number; of: number }[];
  /** First and last day (UTC, YYYY-MM-DD) with audit events; null without events. */
  span: { first: string; last: string } | null;
}

export async function planScope(engine: Engine, opts: ScopeOptions): Promise<Scope> {
  const k = minGroupSize(opts.minGroup, opts.allowSmallGroups);
  const viewer = opts.viewer?.trim().toLowerCase() || null;
  const tables = await existingTables(engine);
  const staff = await loadStaff(engine, tables);
  const all = await collectWeeks(engine, tables, staff);
  const population = choosePopulation(all, opts.population);
  const weeks = all.filter((w) => isViva(w) === (population === 'viva'));
  const roster = weeks.length && weeks.every(isViva) ? new Map() : staff;
  const view = planViews(weeks, roster, reportingTrees(roster), opts.by, k, viewer);
  const scoped = weeks.filter((w) => view.inScope(w.identity));
  const days = scoped.map((w) => w.week).sort();
  const periods = days.length ? periodsBetween(days[0], days[days.length - 1], opts.resolution).map((p) => p.key) : [];
  const span = tables.has('events') && population === 'directory' ? await eventSpan(engine) : null;
  return {
    k, resolution: opts.resolution, viewer, view, weeks: scoped, periods, population, hasEvents: tables.has('events'),
    partial: span ? partialPeriods(span, periods) : [], span: span && { first: iso(span.first), last: iso(span.last - DAY) },
  };
}

const DAY = 86_400_000;

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Whole UTC days with events: the first one's start and the last one's end. */
async function eventSpan(engine: Engine): Promise<{ first: number; last: number } | null> {
  const [row] = await engine.query('SELECT epoch_ms(min(ts)) AS a, epoch_ms(max(ts)) AS b FROM events');
  if (!row || row.a === null) return null;
  return { first: Math.floor(Number(row.a) / DAY) * DAY, last: Math.floor(Number(row.b) / DAY) * DAY + DAY };
}

function partialPeriods({ first, last }: { first: number; last: number }, periods: readonly string[]): Scope['partial'] {
  return periods.flatMap((key) => {
    const [start, length] = key.split('/');
    const a = Date.parse(`${start}T00:00:00Z`), of = Number(/P(\d+)W/.exec(length)?.[1] ?? 1) * 7;
    const days = Math.max(0, Math.min(last, a + of * DAY) - Math.max(first, a)) / DAY;
    return days < of ? [{ period: key, days, of }] : [];
  });
}

const isViva = (w: MergedWeek) => w.identity.startsWith('viva:');

function choosePopulation(weeks: readonly MergedWeek[], wanted: Population): 'viva' | 'directory' {
  if (wanted !== 'auto') return wanted;
  return weeks.filter(isViva).length < weeks.length ? 'directory' : 'viva';
}
