// The only path from person-level data to anything displayed or exported: person-weeks (pseudonymous ids)
// and group memberships in, publishable cells out. No person rows, no minimum or maximum, no ids, no names.

import { buildCells, type Cell, type MetricRule, type PersonWeek } from './cells.ts';
import { noisyMean, validateDp, type DpSettings } from './dp.ts';
import type { LedgerSummary } from './ledger.ts';
import { periodsBetween, type Resolution } from './periods.ts';
import { minGroupSize, POLICY } from './policy.ts';
import { choosePublished } from './suppression.ts';

export interface ReleaseOptions {
  metrics: readonly MetricRule[];
  /** Group keys a viewer can reach in this view (from the org chart, never from the data), in display order. */
  groups: readonly string[];
  minGroup?: number;
  allowSmallGroups?: boolean;
  /** The viewer's own pseudonym: left out of every aggregate they see. */
  viewer?: string | null;
  resolution?: Resolution;
  dp?: DpSettings | null;
}

export interface PublishedCell {
  group: string;
  period: string;
  members: number;
  metrics: Record<string, number | null>;
}

export interface Release {
  minGroup: number;
  resolution: Resolution;
  groups: PublishedCell[];
  /** Group × period cells of the view that are not shown (too small, protective, or empty: all look alike). */
  suppressed: number;
  dp?: LedgerSummary;
}

export function release(rows: readonly PersonWeek[], opts: ReleaseOptions): Release {
  const k = minGroupSize(opts.minGroup, opts.allowSmallGroups);
  const resolution = opts.resolution ?? 'block';
  if (opts.dp) validateDp(opts.dp);
  const groupKeys = [...new Set(opts.groups)];
  const cells = buildCells(rows, new Set(groupKeys), opts.metrics, resolution, opts.viewer ?? null);
  const primary = resolution === 'week' ? Math.max(k, POLICY.weeklyMinGroup) : k;
  const published = choosePublished([...cells.values()], k, primary);
  const shownCells = [...cells.values()].filter((c) => published.has(c.id));
  const allowed = new Map(opts.metrics.map((m) => [m.id, metricCells(shownCells, m, k, primary)]));

  const weeks = rows.map((r) => r.week).sort();
  const periods = weeks.length ? periodsBetween(weeks[0], weeks[weeks.length - 1], resolution) : [];
  const order = new Map(groupKeys.map((g, i) => [g, i]));
  shownCells.sort((a, b) => order.get(a.group)! - order.get(b.group)! || a.periodIndex - b.periodIndex);

  const out: PublishedCell[] = shownCells.map((cell) => ({
    group: cell.group,
    period: cell.period,
    members: cell.members.size,
    metrics: Object.fromEntries(opts.metrics.map((m) => [m.id, allowed.get(m.id)!.has(cell.id) ? value(cell, m, opts.dp ?? null) : null])),
  }));
  const result: Release = { minGroup: k, resolution, groups: out, suppressed: groupKeys.length * periods.length - out.length };
  if (opts.dp) result.dp = opts.dp.ledger.summary(opts.dp.epsilon, opts.dp.budgetPerPeriod);
  return result;
}

/** Cells where a metric may be shown: the same rules again, over the members who have a value for it. */
function metricCells(shown: readonly Cell[], metric: MetricRule, k: number, primary: number): Set<string> {
  const contributors = shown.map((c) => ({ id: c.id, group: c.group, periodIndex: c.periodIndex, members: new Set(c.values.get(metric.id)!.keys()) }));
  if (contributors.every((c, i) => c.members.size === shown[i].members.size)) return new Set(shown.map((c) => c.id));
  return choosePublished(contributors, k, primary);
}

function value(cell: Cell, metric: MetricRule, dp: DpSettings | null): number | null {
  const values = cell.values.get(metric.id)!;
  if (!values.size) return null;
  let mean: number | null;
  if (dp) mean = noisyMean(dp, `${cell.id}\u0000${metric.id}`, cell.period, metric, values);
  else {
    let sum = 0;
    for (const v of values.values()) sum += v;
    mean = sum / values.size;
  }
  return mean === null ? null : Math.round(mean * 1000) / 1000;
}
