// Engine → pseudonymous person-weeks → the privacy layer. This is the productivity entry point for the UI and
// the CLI; it returns only what the privacy layer releases.

import type { Engine } from '../engine.ts';
import type { PersonWeek } from '../privacy/cells.ts';
import type { DpSettings } from '../privacy/dp.ts';
import type { Resolution } from '../privacy/periods.ts';
import { minGroupSize } from '../privacy/policy.ts';
import { pseudonymise, pseudonymiseAll } from '../privacy/pseudonym.ts';
import { release, type Release } from '../privacy/release.ts';
import { METRICS, type MetricId } from './catalogue.ts';
import { loadStaff, reportingTrees } from './directory.ts';
import { planViews, type Dimension } from './groups.ts';
import { collectWeeks, type MergedWeek } from './person-weeks.ts';
import type { WorkingHours } from './sources/events.ts';
import { existingTables } from './tables.ts';

export interface TrendOptions {
  /** One dimension, or every dimension the viewer can reach: they are then protected against each other too. */
  by: Dimension | readonly Dimension[];
  /** The per-workspace pseudonymisation key (non-extractable WebCrypto HMAC key). */
  key: CryptoKey;
  minGroup?: number;
  allowSmallGroups?: boolean;
  /** The viewer's e-mail: their scope is their reporting tree, and they are left out of it. */
  viewer?: string | null;
  resolution?: Resolution;
  metrics?: readonly MetricId[];
  dp?: DpSettings | null;
  workingHours?: WorkingHours;
  /**
   * Viva person queries are keyed by their own PersonId and cannot be joined to e-mail-keyed data, so one release
   * uses one population. `auto`: e-mail-keyed data (directory, audit logs, usage reports) when there is any.
   */
  population?: 'auto' | 'directory' | 'viva';
  /** Receives remarks for the reviewer, e.g. that loaded rows were left out. */
  onNote?: (note: string) => void;
}

export async function productivityTrends(engine: Engine, opts: TrendOptions): Promise<Release> {
  const k = minGroupSize(opts.minGroup, opts.allowSmallGroups);
  const viewer = opts.viewer?.trim().toLowerCase() || null;
  const tables = await existingTables(engine);
  const staff = await loadStaff(engine, tables);
  const weeks = onePopulation(await collectWeeks(engine, tables, staff, opts.workingHours), opts);
  const roster = weeks.length && weeks.every((w) => w.identity.startsWith('viva:')) ? new Map() : staff;
  const view = planViews(weeks, roster, reportingTrees(roster), typeof opts.by === 'string' ? [opts.by] : opts.by, k, viewer);
  const scoped = weeks.filter((w) => view.inScope(w.identity));
  const pids = await pseudonymiseAll(opts.key, scoped.map((w) => w.identity));
  const rows: PersonWeek[] = scoped.map((w) => ({
    pid: pids.get(w.identity)!, week: w.week, active: w.active, values: w.values, groups: view.groupsOf(w),
  }));
  const metrics = opts.metrics ? METRICS.filter((m) => opts.metrics!.includes(m.id)) : METRICS;
  return release(rows, {
    metrics, groups: view.groups, minGroup: k, allowSmallGroups: opts.allowSmallGroups,
    viewer: viewer ? await pseudonymise(opts.key, viewer) : null,
    resolution: opts.resolution, dp: opts.dp ?? null,
  });
}

function onePopulation(weeks: MergedWeek[], opts: TrendOptions): MergedWeek[] {
  const isViva = (w: MergedWeek) => w.identity.startsWith('viva:');
  const viva = weeks.filter(isViva).length;
  const use = opts.population && opts.population !== 'auto' ? opts.population : viva < weeks.length ? 'directory' : 'viva';
  const kept = weeks.filter((w) => isViva(w) === (use === 'viva'));
  const dropped = weeks.length - kept.length;
  if (dropped) {
    opts.onNote?.(use === 'viva'
      ? `${dropped} person-weeks from the directory, audit logs and usage reports were left out (population: viva)`
      : `${dropped} Viva person-query rows were left out: they cannot be joined to e-mail-keyed data (choose population viva to use them)`);
  }
  return kept;
}
