// The page's choices and the checks on what a reviewer types. Every privacy setting goes through the policy's
// own checks (src/core/privacy/policy.ts), so the page can only move in the safe direction the core allows.

import { checkBudget, checkEpsilon, minGroupSize, POLICY, PolicyError } from '../../core/privacy/policy.ts';
import type { MetricId } from '../../core/productivity/catalogue.ts';
import { DIMENSIONS, type Dimension } from '../../core/productivity/groups.ts';
import type { ProductivityRequest } from './run/types.ts';

/** A request as the page holds it: which released dimension the charts show, and noise under its own name. */
export interface Settings extends Omit<ProductivityRequest, 'dp' | 'heatmap'> {
  /** The released dimension the charts show. */
  show: Dimension;
  noise: ProductivityRequest['dp'];
}

export const DEFAULT_METRICS: MetricId[] = ['collaboration_hours', 'emails_sent', 'meetings', 'after_hours_share'];

export const defaultSettings = (): Settings => ({
  // Each dimension added to a release costs cells (they are protected against each other), so start with one.
  by: ['department'], show: 'department', metrics: [...DEFAULT_METRICS], minGroup: POLICY.minGroup, allowSmallGroups: false,
  viewer: null, resolution: 'block', population: 'auto', noise: null,
});

export function toRequest(s: Settings): ProductivityRequest {
  return {
    by: DIMENSIONS.filter((d) => s.by.includes(d)), metrics: [...s.metrics], minGroup: s.minGroup, allowSmallGroups: s.allowSmallGroups,
    viewer: s.viewer?.trim() || null, resolution: s.resolution, population: s.population,
    dp: s.noise ? { ...s.noise } : null, heatmap: true,
  };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const policyText = (e: unknown) => (e instanceof PolicyError ? e.message : String(e));

/** A typed minimum group size: a whole number ≥ 10, or ≥ 2 with small groups explicitly allowed. */
export function checkMinGroup(text: string, allowSmallGroups: boolean): Checked<number> {
  const k = text.trim() === '' ? NaN : Number(text);
  try { return { ok: true, value: minGroupSize(k, allowSmallGroups) }; } catch (e) { return { ok: false, error: policyText(e) }; }
}

export function checkNoise(epsilon: string, budget: string): Checked<{ epsilon: number; budgetPerPeriod: number }> {
  try {
    return { ok: true, value: { epsilon: checkEpsilon(Number(epsilon)), budgetPerPeriod: checkBudget(Number(budget)) } };
  } catch (e) { return { ok: false, error: policyText(e) }; }
}

/** The dimension to show once the released set changes: the current one if still released. */
export const shownDimension = (by: readonly Dimension[], show: Dimension): Dimension => (by.includes(show) ? show : by[0] ?? 'department');
