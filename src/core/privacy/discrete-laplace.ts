// Exact discrete Laplace sampling (Canonne, Kamath & Steinke 2020, "The Discrete Gaussian for Differential
// Privacy", algorithms 1 and 2): integers and rational arithmetic only, so there is no floating-point
// leakage of the kind Mironov (2012) exploited. P(x) ∝ exp(-|x|·s/t), i.e. scale t/s.

import { bernoulli, uniformInt } from './random.ts';

/** True with probability exp(-num/den), num/den ≥ 0. */
export function bernoulliExp(num: number, den: number): boolean {
  let n = num;
  while (n > den) {
    if (!bernoulliExpSmall(1, 1)) return false;
    n -= den;
  }
  return bernoulliExpSmall(n, den);
}

/** exp(-γ) for γ = num/den in [0, 1]: K counts successes of Bernoulli(γ/k); the result is "K is odd". */
function bernoulliExpSmall(num: number, den: number): boolean {
  let k = 1;
  while (k * den <= Number.MAX_SAFE_INTEGER && bernoulli(num, den * k)) k++;
  return k % 2 === 1;
}

/** One draw from the discrete Laplace distribution with scale t/s (t, s positive integers). */
export function discreteLaplace(t: number, s: number): number {
  if (!Number.isInteger(t) || !Number.isInteger(s) || t < 1 || s < 1) throw new RangeError('discreteLaplace needs positive integers');
  for (;;) {
    const u = uniformInt(t);
    if (!bernoulliExp(u, t)) continue;
    let v = 0;
    while (bernoulliExp(1, 1)) v++;
    const y = Math.floor((u + t * v) / s);
    const negative = bernoulli(1, 2);
    if (negative && y === 0) continue;
    return negative ? -y : y;
  }
}

/** The scale t/s for a sensitivity (integer units) and ε, with ε kept to 1/1000. */
export function laplaceScale(sensitivity: number, epsilon: number): { t: number; s: number } {
  const s = Math.max(1, Math.round(epsilon * 1000));
  return { t: Math.max(1, Math.round(sensitivity)) * 1000, s };
}

/** Standard deviation of the discrete Laplace distribution with scale b = t/s. */
export function discreteLaplaceSd(t: number, s: number): number {
  const q = Math.exp(-s / t);
  return Math.sqrt((2 * q) / (1 - q) ** 2);
}
