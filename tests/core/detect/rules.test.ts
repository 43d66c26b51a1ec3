import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/core/detect/rules/index.ts';
import { ENGINES } from '../../helpers/engines.ts';
import { ACCOUNT_CASES } from './cases-account.ts';
import { OTHER_CASES } from './cases-gws-github-anypoint.ts';
import { IDENTITY_CASES } from './cases-identity.ts';
import { M365_CASES } from './cases-m365.ts';
import { SEQUENCE_CASES } from './cases-sequences.ts';
import { runCases } from './run-cases.ts';

const ALL = [...IDENTITY_CASES, ...ACCOUNT_CASES, ...M365_CASES, ...OTHER_CASES, ...SEQUENCE_CASES];

describe('detection pack', () => {
  it('has a must-fire and near-miss case for every shipped rule', () => {
    const tested = new Set(ALL.map((c) => c.rule.id));
    expect(RULES.filter((r) => !tested.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('has unique ids, ATT&CK ids and documented tunable thresholds', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.attack.length, r.id).toBeGreaterThan(0);
      expect(r.attack.every((t) => /^T\d{4}(\.\d{3})?$/.test(t)), r.id).toBe(true);
      expect(Object.values(r.thresholds).every((v) => Number.isFinite(v) && v > 0), r.id).toBe(true);
    }
  });
});

runCases('every rule on native DuckDB', ALL);

// A representative subset (windows, first-seen baselines, travel, scoring, tenant domains, lifecycle joins) on both engines.
const SUBSET = new Set(['X1.travel', 'X2.country', 'X3.spray', 'X3.success-after', 'M1.inbox-rule', 'M2.forwarding', 'M6.session',
  'M6.rapid-ip', 'X8.after-termination', 'G3.download', 'H3.token', 'M3.consent-use', 'X4.mfa-new-country', 'M16.external-upload']);
for (const e of ENGINES) runCases(`representative rules on ${e.name}`, ALL.filter((c) => SUBSET.has(c.rule.id)), e.open);
