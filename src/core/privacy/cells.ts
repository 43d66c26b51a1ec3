// Person-weeks → one cell per (group, period): who was active in it, and each member's value per metric.

import { isMonday, periodOf, type Resolution } from './periods.ts';

/** One pseudonymous person in one week (a Monday), with the groups they belonged to that week. */
export interface PersonWeek {
  pid: string;
  week: string;
  active: boolean;
  values: Readonly<Record<string, number | null | undefined>>;
  groups: readonly string[];
}

/**
 * How a published number comes from person-weeks. A member's value for a period is the mean of their weekly
 * values (`mean`) or their own numerator ÷ denominator over the period, clamped to 0..1 (`ratio`); the cell
 * value is the mean over the members who have one. `cap` bounds one person's value (used by the noise).
 */
export type MetricRule =
  | { id: string; kind: 'mean'; field: string; cap: number; scale: number }
  | { id: string; kind: 'ratio'; numerator: string; denominator: string; cap: number; scale: number };

export interface Cell {
  id: string;
  group: string;
  period: string;
  periodIndex: number;
  members: Set<string>;
  /** metric id → member → that member's value for the period */
  values: Map<string, Map<string, number>>;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function cellId(group: string, period: string): string {
  return `${group}\u0000${period}`;
}

export function buildCells(
  rows: readonly PersonWeek[], groups: ReadonlySet<string>, metrics: readonly MetricRule[],
  resolution: Resolution, viewer: string | null,
): Map<string, Cell> {
  const checked = new Map<string, string>();
  const acc = new Map<string, { cell: Cell; people: Map<string, Float64Array> }>();
  const width = metrics.length;
  for (const row of rows) {
    let period = checked.get(row.week);
    if (period === undefined) {
      if (!isMonday(row.week)) throw new Error(`person-week dates must be Mondays (YYYY-MM-DD), got '${row.week}'`);
      period = periodOf(row.week, resolution).key;
      checked.set(row.week, period);
    }
    if (!row.active || row.pid === viewer) continue;
    const contribution = weekly(row.values, metrics);
    for (let g = 0; g < row.groups.length; g++) {
      const group = row.groups[g];
      if (!groups.has(group) || row.groups.indexOf(group) !== g) continue;
      const id = cellId(group, period);
      let slot = acc.get(id);
      if (!slot) {
        const index = periodOf(row.week, resolution).index;
        slot = { cell: { id, group, period, periodIndex: index, members: new Set(), values: new Map() }, people: new Map() };
        acc.set(id, slot);
      }
      let person = slot.people.get(row.pid);
      if (!person) {
        person = new Float64Array(2 * width);
        slot.people.set(row.pid, person);
        slot.cell.members.add(row.pid);
      }
      for (let i = 0; i < 2 * width; i++) person[i] += contribution[i];
    }
  }
  const cells = new Map<string, Cell>();
  for (const { cell, people } of acc.values()) {
    metrics.forEach((m, i) => {
      const values = new Map<string, number>();
      for (const [pid, p] of people) {
        const a = p[2 * i], b = p[2 * i + 1];
        if (b > 0) values.set(pid, m.kind === 'mean' ? a / b : Math.min(1, Math.max(0, a / b)));
      }
      cell.values.set(m.id, values);
    });
    cells.set(cell.id, cell);
  }
  return cells;
}

/** Per metric, what one week adds to a member's running (a, b): (value, 1) for means, (numerator, denominator) for ratios. */
function weekly(values: PersonWeek['values'], metrics: readonly MetricRule[]): Float64Array {
  const out = new Float64Array(2 * metrics.length);
  metrics.forEach((m, i) => {
    if (m.kind === 'mean') {
      const v = values[m.field];
      if (finite(v)) { out[2 * i] = v; out[2 * i + 1] = 1; }
    } else {
      const n = values[m.numerator], d = values[m.denominator];
      if (finite(n) && finite(d)) { out[2 * i] = n; out[2 * i + 1] = d; }
    }
  });
  return out;
}
