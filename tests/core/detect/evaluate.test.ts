import { describe, expect, it } from 'vitest';
import { toJson } from '../../../src/cli/detect.ts';
import { evaluate, type Scenario } from '../../../src/core/detect/evaluate.ts';
import type { Finding } from '../../../src/core/detect/types.ts';

const T = Date.UTC(2026, 8, 10, 12);
const H = 3_600_000;
const f = (rule: string, attack: string[], actor: string, at: number, extra: Partial<Finding> = {}): Finding =>
  ({ rule, title: rule, severity: 'high', attack, actor, first: at, last: at, count: 1, evidence: 'e', ...extra });

const D = 86_400_000;

const scenarios: Scenario[] = [
  { id: 'spray', actors: ['a@x.com', 'b@x.com'], start: new Date(T).toISOString(), end: new Date(T + H).toISOString(), attack: ['T1110.003'] },
  { id: 'grant', actors: ['c@x.com', 'd@x.com'], start: new Date(T).toISOString(), end: new Date(T).toISOString(), attack: ['T1098.003'] },
];

describe('evaluate', () => {
  const r = evaluate([
    f('X3.spray', ['T1110.003'], '203.0.113.9', T + 10 * 60_000, { target: 'a@x.com, z@x.com' }), // spray, via the target list
    f('X3.brute', ['T1110.001'], 'z@x.com', T, { severity: 'medium' }),                          // same family, not a planted actor
    f('X5.role', ['T1098.003'], 'c@x.com', T + 30 * 60_000, { target: 'd@x.com' }),              // grant, inside the 1 h slack
    f('X5.role', ['T1098.003'], 'c@x.com', T + 5 * H),                                           // planted actor, but hours later
    f('X2.country', ['T1078.004'], 'q@x.com', T, { severity: 'medium' }),
    f('X2.country', ['T1078.004'], 'Q@x.com', T + 2 * H, { severity: 'medium' }),                // same rule, identity and day
    f('X2.ua', ['T1078.004'], 'q@x.com', T, { severity: 'low' }),
    f('X2.country', ['T1078.004'], 'q@x.com', T + D, { severity: 'medium' }),                    // the next day
  ], scenarios, { users: 500, days: 15 });

  it('needs technique, actor (or listed target) and time window together', () => {
    expect(r.scenarios.map((s) => [s.id, s.found, s.recall, s.precision, s.rules])).toEqual([
      ['spray', true, 0.5, 0.5, ['X3.spray']],   // names a (not b); the brute finding on z shares the technique family
      ['grant', true, 1, 0.5, ['X5.role']],      // one finding names both c and d; the late grant is background
    ]);
    expect(r.found).toBe(2);
    expect(r.precision).toBe(0.25);
  });

  it('counts background in alert units (rule, identity, day) per 1,000 users per 30 days, at two severity cuts', () => {
    // units: brute z, late role c, country q day 1, ua q, country q day 2 → 5; without the low ua → 4.
    // 500 users over 15 days = 0.5 thousand users × 0.5 month, so each unit is 4 per 1,000 users per month.
    expect(r.background.all).toEqual({ units: 5, per1000UsersPerMonth: 20 });
    expect(r.background.mediumPlus).toEqual({ units: 4, per1000UsersPerMonth: 16 });
    expect(r.background.byRule).toEqual([['X2.country', 2], ['X2.ua', 1], ['X3.brute', 1], ['X5.role', 1]]);
    expect(r.background.findings.map((x) => x.first)).toEqual([T, T, T, T + 5 * H, T + D]);
  });
});

describe('detect --json shape', () => {
  it('prints alerts with ISO times and users with score and alert count', () => {
    const out = toJson({ findings: [f('X5.role', ['T1098.003'], 'c@x.com', T)], coverage: [], rules: [], enrichment: { ips: 0, located: 0, withAsn: 0 },
      users: [{ actor: 'c@x.com', score: 6, percentile: 50, alerts: 1, contributions: [] }] });
    expect(out).toEqual({
      alerts: [{ rule: 'X5.role', title: 'X5.role', severity: 'high', attack: ['T1098.003'], actor: 'c@x.com', first: '2026-09-10T12:00:00.000Z', last: '2026-09-10T12:00:00.000Z', count: 1 }],
      users: [{ actor: 'c@x.com', score: 6, alerts: 1 }],
    });
  });
});
