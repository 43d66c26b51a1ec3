// Local state of the noise: the draws already released (sticky, so re-rendering or re-exporting the same
// numbers shows the same noise and averaging gains nothing) and the ε each person has spent per period.
// Both hold pseudonymous ids and exact fingerprints: they stay on the reviewer's machine, never in a release.

/** Noise draws by statistic: cell, metric and a fingerprint of the exact value the draw was added to. */
export interface NoiseStore {
  get(key: string): number | undefined;
  set(key: string, noise: number): void;
}

export class MemoryNoiseStore implements NoiseStore {
  private draws = new Map<string, number>();
  get(key: string) { return this.draws.get(key); }
  set(key: string, noise: number) { this.draws.set(key, noise); }
  get size() { return this.draws.size; }
}

export interface LedgerSummary {
  epsilonPerStatistic: number;
  budgetPerPeriod: number;
  /** Per period: the most ε any one person has spent so far (basic composition). */
  periods: { period: string; maxSpent: number }[];
  /** Statistics withheld because a member's budget for the period would have been exceeded. */
  refused: number;
}

export class PrivacyLedger {
  private spent = new Map<string, Map<string, number>>();
  refused = 0;

  /** Charges ε to every listed person for the period, unless that would take anyone over the budget. */
  tryCharge(period: string, people: Iterable<string>, epsilon: number, budget: number): boolean {
    let byPerson = this.spent.get(period);
    if (!byPerson) { byPerson = new Map(); this.spent.set(period, byPerson); }
    const list = [...people];
    if (list.some((p) => (byPerson!.get(p) ?? 0) + epsilon > budget + 1e-9)) { this.refused++; return false; }
    for (const p of list) byPerson.set(p, (byPerson.get(p) ?? 0) + epsilon);
    return true;
  }

  summary(epsilonPerStatistic: number, budgetPerPeriod: number): LedgerSummary {
    const periods = [...this.spent.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([period, m]) => ({ period, maxSpent: round3(Math.max(0, ...m.values())) }));
    return { epsilonPerStatistic, budgetPerPeriod, periods, refused: this.refused };
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
