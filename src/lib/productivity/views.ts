// Released cells arranged for the page: a group × period table per metric (withheld cells included, so the
// page can say they are withheld), group rankings, and the heatmap of one cell. Only released numbers go in.

import type { PublishedCell } from '../../core/privacy/release.ts';
import type { MetricId } from '../../core/productivity/catalogue.ts';
import type { Dimension } from '../../core/productivity/groups.ts';
import { ALL_GROUP, inDimension } from './labels.ts';
import type { HeatmapCell, ProductivityResult } from './run/types.ts';

/** A table cell: published with its value (null: this metric is withheld for the cell), or withheld whole. */
export type TableCell =
  | { group: string; period: string; state: 'shown'; members: number; value: number | null }
  | { group: string; period: string; state: 'withheld' };

export interface MetricTable { metric: MetricId; groups: string[]; periods: string[]; rows: TableCell[][] }

/** A published cell with a value for the metric. */
export const hasValue = (c: TableCell): c is TableCell & { state: 'shown'; value: number } => c.state === 'shown' && c.value !== null;

export const cellKey = (group: string, period: string) => `${group}\u0000${period}`;

/** The groups of one dimension, the whole scope first, in the release's order. */
export function groupsOf(result: ProductivityResult, dimension: Dimension): string[] {
  return result.groupKeys.filter((g) => inDimension(g, dimension));
}

export function metricTable(result: ProductivityResult, dimension: Dimension, metric: MetricId): MetricTable {
  const published = new Map(result.release.groups.map((c) => [cellKey(c.group, c.period), c]));
  const groups = groupsOf(result, dimension);
  const rows = groups.map((group) => result.periods.map((period): TableCell => {
    const c = published.get(cellKey(group, period));
    return c ? { group, period, state: 'shown', members: c.members, value: c.metrics[metric] ?? null } : { group, period, state: 'withheld' };
  }));
  return { metric, groups, periods: result.periods, rows };
}

export interface TrendPoint { group: string; period: string; members: number; value: number }

/** The published values of a table, for drawing. */
export const trendPoints = (t: MetricTable): TrendPoint[] =>
  t.rows.flat().flatMap((c) => (hasValue(c) ? [{ group: c.group, period: c.period, members: c.members, value: c.value }] : []));

export const withheldCount = (t: MetricTable) => t.rows.flat().filter((c) => !hasValue(c)).length;

/** Periods in which some group other than the whole scope has a value, latest first (the ranking's choices). */
export function rankablePeriods(t: MetricTable): string[] {
  return t.periods.filter((_p, i) => t.rows.some((r) => r[i].group !== ALL_GROUP && hasValue(r[i]))).reverse();
}

/**
 * The period to show first among candidates (latest first): the latest one the data covers fully, else the one
 * it covers most, so a view does not open on the sliver of a week at the edge of the data.
 */
export function preferredPeriod(candidates: readonly string[], partial: ProductivityResult['partial']): string | null {
  const covered = new Map(partial.map((p) => [p.period, p.days / p.of]));
  let best: string | null = null;
  for (const p of candidates) if (best === null || (covered.get(p) ?? 1) > (covered.get(best) ?? 1)) best = p;
  return best;
}

export interface Ranking { shown: TrendPoint[]; scope: TrendPoint | null; withheld: string[] }

/** Groups of one period, highest value first; the whole scope apart, as the reference. */
export function ranking(t: MetricTable, period: string): Ranking {
  const i = t.periods.indexOf(period);
  const cells = i < 0 ? [] : t.rows.map((r) => r[i]);
  const points = cells.flatMap((c) => (hasValue(c) ? [{ group: c.group, period, members: c.members, value: c.value }] : []));
  return {
    shown: points.filter((p) => p.group !== ALL_GROUP).sort((a, b) => b.value - a.value || (a.group < b.group ? -1 : 1)),
    scope: points.find((p) => p.group === ALL_GROUP) ?? null,
    withheld: cells.filter((c) => c.group !== ALL_GROUP && !hasValue(c)).map((c) => c.group),
  };
}

export function heatmapCell(result: ProductivityResult, group: string, period: string): HeatmapCell | null {
  return result.heatmap.cells.find((c) => c.group === group && c.period === period && c.shares.some((s) => s !== null)) ?? null;
}

/** Periods in which the heatmap has a cell for the group, latest first. */
export const heatmapPeriods = (result: ProductivityResult, group: string) =>
  result.periods.filter((p) => heatmapCell(result, group, p)).reverse();

export interface SlotValue { weekday: number; hour: number; share: number }

export const slots = (cell: HeatmapCell): SlotValue[] =>
  cell.shares.flatMap((share, i) => (share === null ? [] : [{ weekday: Math.floor(i / 24) + 1, hour: i % 24, share }]));

/** How many group × period cells the release withheld among the ones a table shows. */
export const publishedIn = (cells: readonly PublishedCell[], groups: readonly string[]) => cells.filter((c) => groups.includes(c.group)).length;
