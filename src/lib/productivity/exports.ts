// CSV files of exactly what the page shows: released cells of the shown groups, periods and metrics, withheld
// cells marked as withheld with no number. Never a person, a minimum or maximum, an address or a raw record.

import { recordsToCsv } from '../../core/export/table.ts';
import type { MetricDef, MetricId } from '../../core/productivity/catalogue.ts';
import { groupLabel } from './labels.ts';
import type { HeatmapCell } from './run/types.ts';
import type { MetricTable, Ranking } from './views.ts';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const status = (shown: boolean, value: number | null) => (!shown ? 'withheld' : value === null ? 'withheld for this metric' : 'shown');

/** One metric's table: a line per group and period. */
export function metricCsv(t: MetricTable): string {
  const rows = t.rows.flat().map((c) => ({
    group: groupLabel(c.group), group_key: c.group, period: c.period,
    members: c.state === 'shown' ? c.members : null,
    [t.metric]: c.state === 'shown' ? c.value : null,
    status: status(c.state === 'shown', c.state === 'shown' ? c.value : null),
  }));
  return recordsToCsv(rows, ['group', 'group_key', 'period', 'members', t.metric, 'status'], { bom: true });
}

/** Every shown metric side by side, a line per group and period (the page's tables together). */
export function pageCsv(tables: readonly MetricTable[], metrics: readonly MetricId[]): string {
  if (!tables.length) return recordsToCsv([], ['group', 'group_key', 'period', 'members', 'status'], { bom: true });
  const [first] = tables;
  const rows = first.rows.flat().map((c, i) => {
    const row: Record<string, unknown> = {
      group: groupLabel(c.group), group_key: c.group, period: c.period,
      members: c.state === 'shown' ? c.members : null, status: c.state === 'shown' ? 'shown' : 'withheld',
    };
    for (const t of tables) { const cell = t.rows.flat()[i]; row[t.metric] = cell.state === 'shown' ? cell.value : null; }
    return row;
  });
  return recordsToCsv(rows, ['group', 'group_key', 'period', 'members', 'status', ...metrics], { bom: true });
}

export function rankingCsv(r: Ranking, metric: MetricDef, period: string): string {
  const rows: Record<string, unknown>[] = [...(r.scope ? [r.scope] : []), ...r.shown].map((p) => ({
    group: groupLabel(p.group), group_key: p.group, period, members: p.members, [metric.id]: p.value, status: 'shown',
  }));
  for (const g of r.withheld) rows.push({ group: groupLabel(g), group_key: g, period, members: null, [metric.id]: null, status: 'withheld' });
  return recordsToCsv(rows, ['group', 'group_key', 'period', 'members', metric.id, 'status'], { bom: true });
}

export function heatmapCsv(cell: HeatmapCell): string {
  const rows = cell.shares.map((share, i) => ({
    group: groupLabel(cell.group), group_key: cell.group, period: cell.period, members: cell.members,
    weekday: WEEKDAYS[Math.floor(i / 24)], hour: i % 24, share,
  }));
  return recordsToCsv(rows, ['group', 'group_key', 'period', 'members', 'weekday', 'hour', 'share'], { bom: true });
}
