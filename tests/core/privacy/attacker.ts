// Test-only adversaries and a naive aggregator to show they work. The attacker knows who is in every
// published cell (worst case: the roster) and reads each cell's sum as mean × members.

import type { MetricRule, PersonWeek } from '../../../src/core/privacy/cells.ts';
import { MemoryNoiseStore, PrivacyLedger } from '../../../src/core/privacy/ledger.ts';
import { periodOf, type Resolution } from '../../../src/core/privacy/periods.ts';

export interface KnownCell { members: readonly string[]; sum: number }

/**
 * Gaussian elimination over the published sums. Returns every person whose own value is a linear
 * combination of published sums, with the value that combination yields.
 */
export function linearAttack(cells: readonly KnownCell[]): Map<string, number> {
  const people = [...new Set(cells.flatMap((c) => c.members))].sort();
  const col = new Map(people.map((p, i) => [p, i]));
  const n = people.length;
  const rows = cells.map((c) => {
    const r = new Float64Array(n + 1);
    for (const p of c.members) r[col.get(p)!] = 1;
    r[n] = c.sum;
    return r;
  });
  const pivots: number[] = [];
  let rank = 0;
  for (let j = 0; j < n && rank < rows.length; j++) {
    let best = rank;
    for (let i = rank + 1; i < rows.length; i++) if (Math.abs(rows[i][j]) > Math.abs(rows[best][j])) best = i;
    if (Math.abs(rows[best][j]) < 1e-9) continue;
    [rows[rank], rows[best]] = [rows[best], rows[rank]];
    const pr = rows[rank];
    const pv = pr[j];
    for (let x = 0; x <= n; x++) pr[x] /= pv;
    for (let i = 0; i < rows.length; i++) {
      if (i === rank || Math.abs(rows[i][j]) < 1e-12) continue;
      const f = rows[i][j];
      for (let x = 0; x <= n; x++) rows[i][x] -= f * pr[x];
    }
    pivots.push(j);
    rank++;
  }
  const out = new Map<string, number>();
  for (let r = 0; r < rank; r++) {
    let support = 0;
    for (let x = 0; x < n; x++) if (Math.abs(rows[r][x]) > 1e-9) support++;
    if (support === 1) out.set(people[pivots[r]], rows[r][n]);
  }
  return out;
}

/** What an undefended dashboard does: every group-period with at least k active people, exact means. */
export function naiveRelease(rows: readonly PersonWeek[], groups: readonly string[], metric: MetricRule & { kind: 'mean' }, k: number, resolution: Resolution = 'block') {
  const cells = new Map<string, { group: string; period: string; people: Map<string, number[]> }>();
  for (const r of rows) {
    if (!r.active) continue;
    const period = periodOf(r.week, resolution).key;
    for (const g of r.groups) {
      if (!groups.includes(g)) continue;
      const key = `${g}|${period}`;
      const cell = cells.get(key) ?? { group: g, period, people: new Map() };
      cells.set(key, cell);
      const v = r.values[metric.field];
      if (typeof v === 'number') cell.people.set(r.pid, [...(cell.people.get(r.pid) ?? []), v]);
    }
  }
  return [...cells.values()].filter((c) => c.people.size >= k).map((c) => {
    const personMeans = [...c.people.values()].map((vs) => vs.reduce((a, b) => a + b, 0) / vs.length);
    return { group: c.group, period: c.period, members: c.people.size, mean: personMeans.reduce((a, b) => a + b, 0) / personMeans.length };
  });
}

/** Member lists per (group, period) as the attacker knows them, from the same inputs. */
export function membership(rows: readonly PersonWeek[], resolution: Resolution = 'block', viewer: string | null = null): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.active || r.pid === viewer) continue;
    const period = periodOf(r.week, resolution).key;
    for (const g of r.groups) {
      const key = `${g}|${period}`;
      if (!out.has(key)) out.set(key, new Set());
      out.get(key)!.add(r.pid);
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

/** Published cells → what the linear attacker works from, for one metric and one period. */
export function knownCells(
  published: readonly { group: string; period: string; members: number; metrics: Record<string, number | null> }[],
  members: Map<string, string[]>, metric: string, period?: string,
): KnownCell[] {
  return published
    .filter((c) => c.metrics[metric] !== null && (period === undefined || c.period === period))
    .map((c) => ({ members: members.get(`${c.group}|${c.period}`)!, sum: c.metrics[metric]! * c.members }));
}

export const HOURS: MetricRule & { kind: 'mean' } = { id: 'hours', kind: 'mean', field: 'hours', cap: 20, scale: 60 };

/** A person active in the given weeks with a constant value. */
export function person(pid: string, groups: string[], weeks: string[], hours: number | ((week: string) => number)): PersonWeek[] {
  return weeks.map((week) => ({ pid, week, active: true, groups, values: { hours: typeof hours === 'number' ? hours : hours(week) } }));
}

export const BLOCK_WEEKS = ['2024-04-15', '2024-04-22', '2024-04-29', '2024-05-06']; // one aligned block: 2024-04-15/P4W
export const NEXT_BLOCK_WEEKS = ['2024-05-13', '2024-05-20', '2024-05-27', '2024-06-03']; // 2024-05-13/P4W

/** Fresh DP settings (a new noise store and ledger: what a system without sticky noise does every time). */
export const dp = (epsilon = 1, budget = 6) => ({ epsilon, budgetPerPeriod: budget, store: new MemoryNoiseStore(), ledger: new PrivacyLedger() });
export const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
