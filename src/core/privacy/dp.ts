// Noisy means: each member's value is clipped to the metric's cap and scaled to integers, the integer sum gets
// one discrete Laplace draw (sensitivity = cap when one person's value changes; member count is public), and
// the mean is post-processed into 0..cap. Draws are sticky per (cell, metric, exact sum and count): the same
// numbers always get the same noise (also when views alternate); a changed sum is a new statistic and is
// charged to the ledger again.

import { checkBudget, checkEpsilon } from './policy.ts';
import { discreteLaplace, laplaceScale } from './discrete-laplace.ts';
import type { MetricRule } from './cells.ts';
import type { NoiseStore, PrivacyLedger } from './ledger.ts';

export interface DpSettings {
  epsilon: number;
  budgetPerPeriod: number;
  store: NoiseStore;
  ledger: PrivacyLedger;
}

export function validateDp(dp: DpSettings): void {
  checkEpsilon(dp.epsilon);
  checkBudget(dp.budgetPerPeriod);
}

/** The noisy mean of the members' values, or null when the ledger refuses the statistic. */
export function noisyMean(
  dp: DpSettings, key: string, period: string, metric: MetricRule, values: ReadonlyMap<string, number>,
): number | null {
  const cap = Math.round(metric.cap * metric.scale);
  let sum = 0;
  for (const v of values.values()) sum += Math.min(cap, Math.max(0, Math.round(v * metric.scale)));
  const statistic = `${key}\u0000${sum}/${values.size}/${dp.epsilon}`;
  let noise = dp.store.get(statistic);
  if (noise === undefined) {
    if (!dp.ledger.tryCharge(period, values.keys(), dp.epsilon, dp.budgetPerPeriod)) return null;
    const { t, s } = laplaceScale(cap, dp.epsilon);
    noise = discreteLaplace(t, s);
    dp.store.set(statistic, noise);
  }
  const noisy = Math.min(cap * values.size, Math.max(0, sum + noise));
  return noisy / values.size / metric.scale;
}
