// Attacks on noise, budget, rates and the shape of a release (docs/productivity.md, "Attacks and their tests").

import { describe, expect, it } from 'vitest';
import type { MetricRule, PersonWeek } from '../../../src/core/privacy/cells.ts';
import { release } from '../../../src/core/privacy/release.ts';
import { BLOCK_WEEKS, HOURS, dp, ids, naiveRelease, person } from './attacker.ts';

describe('attack 7: the viewer’s own knowledge', () => {
  const reports = ids('r', 10);
  const value = (p: string) => 2 + Number(p.slice(1));
  const rows = [...reports.flatMap((p) => person(p, ['tree'], BLOCK_WEEKS, value(p))), ...person('viewer', ['tree'], BLOCK_WEEKS, 30)];

  it('the viewer is not in the aggregate, so their own value cannot be subtracted', () => {
    const naive = naiveRelease(rows, ['tree'], HOURS, 10)[0];
    expect(naive.members).toBe(11);
    const ours = release(rows, { metrics: [HOURS], groups: ['tree'], viewer: 'viewer' });
    expect(ours.groups[0].members).toBe(10);
    expect(ours.groups[0].metrics.hours).toBeCloseTo(reports.reduce((t, p) => t + value(p), 0) / 10, 3);
  });

  it('a viewer who also knows n−1 reports’ values recovers the last one exactly without noise, not with it', () => {
    const known = reports.slice(1).reduce((t, p) => t + value(p), 0);
    const naive = naiveRelease(rows, ['tree'], HOURS, 10)[0];
    expect(naive.mean * naive.members - 30 - known).toBeCloseTo(value('r0'), 6);
    const errors: number[] = [];
    for (let i = 0; i < 200; i++) {
      const c = release(rows, { metrics: [HOURS], groups: ['tree'], viewer: 'viewer', dp: dp() }).groups[0];
      errors.push(Math.abs(c.metrics.hours! * c.members - known - value('r0')));
    }
    errors.sort((a, b) => a - b);
    // Noise on the sum: discrete Laplace, scale = cap / ε = 20 h; median |error| ≈ 20·ln 2 ≈ 13.9 h.
    expect(errors[100]).toBeGreaterThan(6);
    expect(errors.filter((e) => e < 1).length).toBeLessThan(30);
  });
});

describe('attack 8: averaging repeated queries against noise', () => {
  const rows = ids('p', 12).flatMap((p, i) => person(p, ['team'], BLOCK_WEEKS, i));
  const truth = (66 / 12);

  it('fresh noise per render averages away; sticky noise gives the same bytes every time and one ledger charge', () => {
    let naiveTotal = 0;
    for (let i = 0; i < 300; i++) naiveTotal += release(rows, { metrics: [HOURS], groups: ['team'], dp: dp() }).groups[0].metrics.hours!;
    // SD of one draw on the mean ≈ √2·20/12 ≈ 2.4 h; of the average of 300, ≈ 0.14 h.
    expect(Math.abs(naiveTotal / 300 - truth)).toBeLessThan(0.6);

    const settings = dp();
    const first = JSON.stringify(release(rows, { metrics: [HOURS], groups: ['team'], dp: settings }).groups);
    for (let i = 0; i < 300; i++) expect(JSON.stringify(release(rows, { metrics: [HOURS], groups: ['team'], dp: settings }).groups)).toBe(first);
    expect(settings.ledger.summary(1, 6).periods).toEqual([{ period: '2024-04-15/P4W', maxSpent: 1 }]);
  });

  it('alternating between two versions of the data reuses each version’s own draw', () => {
    const settings = dp();
    const other = [...rows, ...person('extra', ['team'], BLOCK_WEEKS, 9)];
    const shown = (r: PersonWeek[]) => JSON.stringify(release(r, { metrics: [HOURS], groups: ['team'], dp: settings }).groups);
    const a = shown(rows), b = shown(other);
    for (let i = 0; i < 20; i++) {
      expect(shown(rows)).toBe(a);
      expect(shown(other)).toBe(b);
    }
    expect(settings.ledger.summary(1, 6).periods[0].maxSpent).toBe(2);
  });
});

describe('attack 9: floating-point noise (Mironov)', () => {
  it('noisy sums lie on the integer grid of the metric’s unit (here minutes)', () => {
    const rows = ids('p', 12).flatMap((p, i) => person(p, ['team'], BLOCK_WEEKS, i * 0.37));
    for (let i = 0; i < 50; i++) {
      const c = release(rows, { metrics: [HOURS], groups: ['team'], dp: dp() }).groups[0];
      const minutes = c.metrics.hours! * c.members * 60;
      expect(Math.abs(minutes - Math.round(minutes))).toBeLessThan(0.5 * c.members * 60 / 1000 + 1e-6); // rounding to 3 decimals only
    }
  });
});

describe('attack 10: budget exhaustion', () => {
  it('new data means new draws, each charged; past the budget the statistic is withheld', () => {
    const settings = dp(1, 3);
    const results: (number | null)[] = [];
    for (let v = 1; v <= 5; v++) {
      const rows = ids('p', 12).flatMap((p) => person(p, ['team'], BLOCK_WEEKS, v));
      results.push(release(rows, { metrics: [HOURS], groups: ['team'], dp: settings }).groups[0].metrics.hours);
    }
    expect(results.slice(0, 3).every((x) => x !== null)).toBe(true);
    expect(results.slice(3)).toEqual([null, null]);
    expect(settings.ledger.summary(1, 3)).toMatchObject({ periods: [{ period: '2024-04-15/P4W', maxSpent: 3 }], refused: 2 });
  });

  it('refuses settings that loosen ε or the budget', () => {
    const rows = person('p', ['team'], BLOCK_WEEKS, 1);
    expect(() => release(rows, { metrics: [HOURS], groups: ['team'], dp: dp(2) })).toThrow(/ε per statistic/);
    expect(() => release(rows, { metrics: [HOURS], groups: ['team'], dp: dp(1, 10) })).toThrow(/budget/);
  });
});

describe('attacks 11 and 12: tails, extremes and individual points', () => {
  it('a release holds only group means and counts: no shares of people, no min/max, no person’s own value', () => {
    const rows = [...ids('p', 11).flatMap((p) => person(p, ['team'], BLOCK_WEEKS, 4)), ...person('outlier', ['team'], BLOCK_WEEKS, 55.5)];
    const r = release(rows, { metrics: [HOURS], groups: ['team'] });
    for (const c of r.groups) {
      expect(Object.keys(c).sort()).toEqual(['group', 'members', 'metrics', 'period']);
      expect(Object.keys(c.metrics)).toEqual(['hours']);
    }
    const numbers = r.groups.flatMap((c) => [c.members, ...Object.values(c.metrics)]);
    expect(numbers).toEqual([12, +((11 * 4 + 55.5) / 12).toFixed(3)]);
    expect(numbers).not.toContain(55.5);
    expect(numbers).not.toContain(4);
  });
});

describe('attack 15: small denominators in rates', () => {
  it('a read rate with one recipient in a group of 12 is that person’s rate on a naive chart; ours withholds it', () => {
    const RATE: MetricRule = { id: 'read_rate', kind: 'ratio', numerator: 'read', denominator: 'received', cap: 1, scale: 1000 };
    const rows: PersonWeek[] = ids('p', 12).map((p, i) => ({
      pid: p, week: BLOCK_WEEKS[0], active: true, groups: ['team'], values: { hours: 1, read: i === 0 ? 7 : 0, received: i === 0 ? 8 : 0 },
    }));
    const recipients = rows.filter((r) => r.values.received! > 0);
    expect(recipients.reduce((t, r) => t + r.values.read!, 0) / recipients.reduce((t, r) => t + r.values.received!, 0)).toBe(0.875);
    const ours = release(rows, { metrics: [HOURS, RATE], groups: ['team'] });
    expect(ours.groups[0].metrics.read_rate).toBeNull();
  });
});

