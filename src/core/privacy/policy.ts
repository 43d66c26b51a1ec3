// Privacy defaults (docs/productivity.md, "Privacy"). Every setting can only move in the safe direction.

export const POLICY = {
  /** Fewest active people (the viewer excluded) a published cell may describe. */
  minGroup: 10,
  /** Fewest active people for a cell at weekly resolution; smaller groups only appear per 4-week block. */
  weeklyMinGroup: 30,
  blockWeeks: 4,
  /** Differential privacy: largest ε per released statistic, largest ε per person per period. */
  maxEpsilon: 1,
  maxBudgetPerPeriod: 6,
} as const;

export class PolicyError extends Error {}

/** The effective minimum group size; below the floor only with an explicit override, never below 2. */
export function minGroupSize(requested: number | undefined, allowSmallGroups = false): number {
  const k = requested ?? POLICY.minGroup;
  if (!Number.isInteger(k) || k < 2) throw new PolicyError(`minimum group size must be a whole number of at least 2 (got ${requested})`);
  if (k < POLICY.minGroup && !allowSmallGroups) {
    throw new PolicyError(`minimum group size ${k} is below the floor of ${POLICY.minGroup}; groups that small let a reader single people out`);
  }
  return k;
}

export function checkEpsilon(epsilon: number): number {
  if (!(epsilon > 0) || epsilon > POLICY.maxEpsilon) throw new PolicyError(`ε per statistic must be in (0, ${POLICY.maxEpsilon}] (got ${epsilon})`);
  return epsilon;
}

export function checkBudget(budget: number): number {
  if (!(budget > 0) || budget > POLICY.maxBudgetPerPeriod) {
    throw new PolicyError(`ε budget per person and period must be in (0, ${POLICY.maxBudgetPerPeriod}] (got ${budget})`);
  }
  return budget;
}
