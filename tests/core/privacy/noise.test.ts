import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bernoulliExp, discreteLaplace, discreteLaplaceSd, laplaceScale } from '../../../src/core/privacy/discrete-laplace.ts';
import { uniformInt } from '../../../src/core/privacy/random.ts';

const PRIVACY_DIR = join(import.meta.dirname, '../../../src/core/privacy');

/** χ² statistic of observed counts against expected probabilities (tail bins merged). */
function chiSquare(observed: Map<number, number>, pmf: (z: number) => number, n: number, range: number): { stat: number; dof: number } {
  let stat = 0, dof = -1, tailObs = n, tailP = 1;
  for (let z = -range; z <= range; z++) {
    const p = pmf(z), o = observed.get(z) ?? 0;
    stat += (o - n * p) ** 2 / (n * p);
    tailObs -= o; tailP -= p;
    dof++;
  }
  stat += (tailObs - n * tailP) ** 2 / (n * tailP);
  return { stat, dof: dof + 1 };
}

describe('noise sampling', () => {
  it('never uses Math.random anywhere in the privacy layer', () => {
    for (const f of readdirSync(PRIVACY_DIR)) {
      expect(readFileSync(join(PRIVACY_DIR, f), 'utf8')).not.toMatch(/Math\.random/);
    }
  });

  it('draws uniform integers without bias', () => {
    const n = 30_000, counts = new Array(6).fill(0);
    for (let i = 0; i < n; i++) counts[uniformInt(6)]++;
    const stat = counts.reduce((s, o) => s + (o - n / 6) ** 2 / (n / 6), 0);
    expect(stat).toBeLessThan(25); // χ²(5): p ≈ 1e-4
  });

  it('Bernoulli(exp(-γ)) matches exp(-γ), also for γ > 1', () => {
    for (const [num, den] of [[1, 2], [3, 1], [0, 1]]) {
      const n = 20_000;
      let hits = 0;
      for (let i = 0; i < n; i++) if (bernoulliExp(num, den)) hits++;
      const p = Math.exp(-num / den);
      expect(Math.abs(hits / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n) + 1e-9);
    }
  });

  it('discrete Laplace draws are integers that follow the exact pmf (χ²) with the stated spread', () => {
    const { t, s } = laplaceScale(3, 1.5); // scale 2
    const b = t / s;
    expect(b).toBe(2);
    const q = Math.exp(-1 / b);
    const pmf = (z: number) => ((1 - q) / (1 + q)) * q ** Math.abs(z);
    const n = 20_000, counts = new Map<number, number>();
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = discreteLaplace(t, s);
      expect(Number.isInteger(z)).toBe(true);
      counts.set(z, (counts.get(z) ?? 0) + 1);
      sq += z * z;
    }
    const { stat, dof } = chiSquare(counts, pmf, n, 8);
    expect(dof).toBe(17);
    expect(stat).toBeLessThan(46); // χ²(17): p ≈ 2e-4
    expect(Math.sqrt(sq / n)).toBeCloseTo(discreteLaplaceSd(t, s), 0);
  });
});
