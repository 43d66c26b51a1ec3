// The worker's side of the productivity page: the workspace key, the sticky noise and the ε ledger stay here;
// the page gets released cells only. Runs one at a time (the person-week queries rewrite a helper table), and
// a run that a newer request has overtaken before it started is dropped.

import type { Engine } from '../../../core/engine.ts';
import { productivityTrends } from '../../../core/productivity/trends.ts';
import { STALE } from '../../../../workers/engine/latest.ts';
import { heatmapRelease } from './heatmap.ts';
import type { PrivacyState } from './privacy-state.ts';
import { planScope } from './scope.ts';
import type { HeatmapRelease, ProductivityRequest, ProductivityResult } from './types.ts';

export function productivityRunner(engine: () => Promise<Engine>, privacy: () => Promise<PrivacyState>) {
  let line: Promise<unknown> = Promise.resolve();
  let newest = 0;
  return (req: ProductivityRequest): Promise<ProductivityResult> => {
    const mine = ++newest;
    const run = line.then(async () => {
      if (mine !== newest) throw new Error(STALE);
      return compute(await engine(), await privacy(), req);
    });
    line = run.catch(() => undefined);
    return run;
  };
}

export async function compute(engine: Engine, state: PrivacyState, req: ProductivityRequest): Promise<ProductivityResult> {
  const notes: string[] = [];
  const key = await state.key();
  const dp = req.dp ? { ...req.dp, store: state.store, ledger: state.ledger } : null;
  const options = {
    by: req.by, minGroup: req.minGroup, allowSmallGroups: req.allowSmallGroups, viewer: req.viewer,
    resolution: req.resolution, population: req.population,
  };
  const released = await productivityTrends(engine, { ...options, key, metrics: req.metrics, dp, onNote: (n) => notes.push(n) });
  if (dp) {
    try { await state.save(); } catch { notes.push('The noise drawn and the ε spent could not be saved in this browser: after a reload both start afresh.'); }
  }
  const scope = await planScope(engine, options);
  let heatmap: HeatmapRelease = { cells: [], unavailable: null };
  if (dp) heatmap = { cells: [], unavailable: 'With noise on, the weekday × hour view is not shown: its 168 statistics per cell would spend the ε budget, and exact values beside noisy ones would undo the noise.' };
  else if (req.heatmap) heatmap = await heatmapRelease(engine, scope, key, req.allowSmallGroups, released.groups);
  return {
    release: { minGroup: released.minGroup, resolution: released.resolution, groups: released.groups, suppressed: released.suppressed, ...(released.dp ? { dp: released.dp } : {}) },
    groupKeys: scope.view.groups,
    periods: scope.periods,
    partial: scope.partial,
    span: scope.span,
    heatmap,
    notes,
  };
}
