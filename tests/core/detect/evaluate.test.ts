import { describe, expect, it } from 'vitest';
import { toJson } from '../../../src/cli/detect.ts';
import { evaluate, type Scenario } from '../../../src/core/detect/evaluate.ts';
import type { Finding } from '../../../src/core/detect/types.ts';

const T = Date.UTC(2026, 8, 10, 12);
const H = 3_600_000;
const f = (rule: string, attack: string[], actor: string, at: number, extra: Partial<Finding> = {}): Finding =>
  ({ rule, title: rule, severity: 'high', attack, actor, first: at, last: at, count: 1, evidence: 'e', ...extra });

const scenarios: Scenario[] = [
  { id: 'spray', actors: ['a@x.com', 'b@x.com'], start: new Date(T).toISOString(), end: new Date(T + H).toISOString(), attack: ['T1110.003'] },
  { id: 'grant', actors: ['c@x.com'], start: new Date(T).toISOString(), end: new Date(T).toISOString(), attack: ['T1098.003'] },
];

describe('evaluate', () => {
  it('needs technique, actor (or listed target) and time window together', () => {
    const r = evaluate([
      f('X3.spray', ['T1110.003'], '203.0.113.9', T + 10 * 60_000, { target: 'a@x.com, z@x.com' }), // found via target list
      f('X3.brute', ['T1110.001'], 'z@x.com', T),                                                    // same family, wrong actor
      f('X5.role', ['T1098.003'], 'c@x.com', T + 5 * H),                                             // outside window (+1 h slack)
      f('X2.country', ['T1078.004'], 'q@x.com', T),                                                  // background
    ], scenarios, { users: 500, days: 15 });
    expect(r.scenarios.map((s) => [s.id, s.found, s.recall, s.precision])).toEqual([['spray', true, 0.5, 0.5], ['grant', false, 0, 0]]);
    expect(r.found).toBe(1);
    expect(r.precision).toBe(0.25);
    // 'z@x.com', 'c@x.com' (late) and 'q@x.com' are background: 3 / 0.5 thousand users / 0.5 month
    expect(r.background).toBe(3);
    expect(r.backgroundPer1000UsersPerMonth).toBe(12);
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
