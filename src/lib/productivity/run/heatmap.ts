// Weekday × hour activity, released like every other number: per person and period, the share of their
// timestamped actions in each local hour slot (7 × 24 ratio metrics); per cell the mean share over the members
// who have timestamped actions. The same person-weeks, groups, k and viewer as the trend release go through
// the same privacy layer, and only cells the trend release also published (same group, period and members)
// are kept.

import type { Engine } from '../../../core/engine.ts';
import type { MetricRule, PersonWeek } from '../../../core/privacy/cells.ts';
import { pseudonymise, pseudonymiseAll } from '../../../core/privacy/pseudonym.ts';
import { release, type PublishedCell } from '../../../core/privacy/release.ts';
import { ACTIONS_CTE } from '../../../core/productivity/sources/events.ts';
import type { Scope } from './scope.ts';
import type { HeatmapCell, HeatmapRelease } from './types.ts';

export const SLOTS = 7 * 24;
const TOTAL = 'all_actions';
const slotField = (i: number) => `slot_${i}`;

const SLOT_RULES: MetricRule[] = Array.from({ length: SLOTS }, (_, i) => ({
  id: slotField(i), kind: 'ratio', numerator: slotField(i), denominator: TOTAL, cap: 1, scale: 1000,
}));

// The actions the after-hours share counts (src/core/productivity/sources/events.ts), by local hour slot.
export const SLOT_SQL = `
${ACTIONS_CTE}
SELECT person AS identity, CAST(CAST(date_trunc('week', lt) AS DATE) AS VARCHAR) AS week,
  CAST(isodow(lt) AS INTEGER) AS weekday, CAST(hour(lt) AS INTEGER) AS hour, count(*)::DOUBLE AS n
FROM once GROUP BY 1, 2, 3, 4`;

/** Per identity and local week: actions per slot ((weekday − 1) × 24 + hour) and in all. */
export async function slotWeeks(engine: Engine): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of await engine.query(SLOT_SQL)) {
    const key = `${r.identity}\u0000${r.week}`;
    let values = out.get(key);
    if (!values) {
      values = { [TOTAL]: 0 };
      for (let i = 0; i < SLOTS; i++) values[slotField(i)] = 0;
      out.set(key, values);
    }
    const n = Number(r.n);
    values[slotField((Number(r.weekday) - 1) * 24 + Number(r.hour))] += n;
    values[TOTAL] += n;
  }
  return out;
}

export async function heatmapRelease(
  engine: Engine, scope: Scope, key: CryptoKey, allowSmallGroups: boolean, published: readonly PublishedCell[],
): Promise<HeatmapRelease> {
  if (scope.population === 'viva') return { cells: [], unavailable: 'Viva person queries have no times of day, so there is no weekday × hour view for this population.' };
  if (!scope.hasEvents) return { cells: [], unavailable: 'No audit events with times are loaded, so there is no weekday × hour view.' };
  const slots = await slotWeeks(engine);
  const pids = await pseudonymiseAll(key, scope.weeks.map((w) => w.identity));
  const rows: PersonWeek[] = scope.weeks.map((w) => ({
    pid: pids.get(w.identity)!, week: w.week, active: w.active,
    values: slots.get(`${w.identity}\u0000${w.week}`) ?? {}, groups: scope.view.groupsOf(w),
  }));
  const out = release(rows, {
    metrics: SLOT_RULES, groups: scope.view.groups, minGroup: scope.k, allowSmallGroups,
    viewer: scope.viewer ? await pseudonymise(key, scope.viewer) : null, resolution: scope.resolution, dp: null,
  });
  const same = new Set(published.map(cellKey));
  const cells: HeatmapCell[] = out.groups.filter((c) => same.has(cellKey(c))).map((c) => ({
    group: c.group, period: c.period, members: c.members,
    shares: SLOT_RULES.map((m) => c.metrics[m.id] ?? null),
  }));
  return { cells, unavailable: null };
}

const cellKey = (c: Pick<PublishedCell, 'group' | 'period' | 'members'>) => `${c.group}\u0000${c.period}\u0000${c.members}`;
