import { describe, expect, it } from 'vitest';
import type { MetricRule, PersonWeek } from '../../../src/core/privacy/cells.ts';
import { PolicyError } from '../../../src/core/privacy/policy.ts';
import { release } from '../../../src/core/privacy/release.ts';
import { BLOCK_WEEKS, HOURS, NEXT_BLOCK_WEEKS, person } from './attacker.ts';

const READ_RATE: MetricRule = { id: 'read_rate', kind: 'ratio', numerator: 'read', denominator: 'received', cap: 1, scale: 1000 };
const team = (n: number, group = 'team', weeks = BLOCK_WEEKS, base = 0) =>
  Array.from({ length: n }, (_, i) => person(`p${base + i}`, ['all', group], weeks, i + 1)).flat();

describe('release', () => {
  it('publishes the mean of per-person period means over active weeks, with the active member count', () => {
    const rows: PersonWeek[] = [
      ...team(9),
      // p9: active in two of four weeks with 4 h and 6 h → person mean 5; an inactive week with 50 h is ignored
      { pid: 'p9', week: BLOCK_WEEKS[0], active: true, groups: ['all', 'team'], values: { hours: 4 } },
      { pid: 'p9', week: BLOCK_WEEKS[1], active: true, groups: ['all', 'team'], values: { hours: 6 } },
      { pid: 'p9', week: BLOCK_WEEKS[2], active: false, groups: ['all', 'team'], values: { hours: 50 } },
    ];
    const r = release(rows, { metrics: [HOURS], groups: ['team'] });
    // persons p0..p8 have 1..9 h, p9 has 5 h: (45 + 5) / 10
    expect(r.groups).toEqual([{ group: 'team', period: '2024-04-15/P4W', members: 10, metrics: { hours: 5 } }]);
    expect(r.suppressed).toBe(0);
  });

  it('withholds groups below k and counts every unshown group-period, empty ones included', () => {
    const rows = [...team(9, 'small'), ...team(12, 'big', BLOCK_WEEKS, 100), ...team(12, 'big', NEXT_BLOCK_WEEKS, 100)];
    const r = release(rows, { metrics: [HOURS], groups: ['small', 'big', 'nobody'] });
    expect(r.groups.map((c) => [c.group, c.period, c.members])).toEqual([
      ['big', '2024-04-15/P4W', 12], ['big', '2024-05-13/P4W', 12],
    ]);
    expect(r.suppressed).toBe(3 * 2 - 2);
  });

  it('refuses a minimum group size below 10 unless small groups are explicitly allowed', () => {
    expect(() => release(team(12), { metrics: [HOURS], groups: ['team'], minGroup: 5 })).toThrow(PolicyError);
    const r = release(team(6), { metrics: [HOURS], groups: ['team'], minGroup: 5, allowSmallGroups: true });
    expect(r.minGroup).toBe(5);
    expect(r.groups[0].members).toBe(6);
    expect(() => release(team(6), { metrics: [HOURS], groups: ['team'], minGroup: 1, allowSmallGroups: true })).toThrow(PolicyError);
  });

  it('leaves the viewer out of every aggregate they see', () => {
    const rows = [...team(10), ...person('viewer', ['all', 'team'], BLOCK_WEEKS, 100)];
    const r = release(rows, { metrics: [HOURS], groups: ['team'], viewer: 'viewer' });
    expect(r.groups[0]).toMatchObject({ members: 10, metrics: { hours: 5.5 } });
    const r2 = release([...team(9), ...person('viewer', ['team'], BLOCK_WEEKS, 100)], { metrics: [HOURS], groups: ['team'], viewer: 'viewer' });
    expect(r2.groups).toEqual([]);
  });

  it('applies k to the people behind a rate, not just to the group', () => {
    const rows: PersonWeek[] = Array.from({ length: 12 }, (_, i) => ({
      pid: `p${i}`, week: BLOCK_WEEKS[0], active: true, groups: ['team'],
      values: { hours: 1, read: i < 2 ? 3 : 0, received: i < 2 ? 4 : 0 },
    }));
    const r = release(rows, { metrics: [HOURS, READ_RATE], groups: ['team'] });
    expect(r.groups[0].metrics).toEqual({ hours: 1, read_rate: null });
    const all = rows.map((row, i) => ({ ...row, values: { hours: 1, read: i % 2, received: 2 } }));
    // six people read 1 of 2, six read 0 of 2 → mean of person rates 0.25
    expect(release(all, { metrics: [HOURS, READ_RATE], groups: ['team'] }).groups[0].metrics.read_rate).toBe(0.25);
  });

  it('shows weekly cells only for groups of at least 30 active people', () => {
    const rows = [...team(29, 'mid'), ...team(30, 'large', BLOCK_WEEKS, 100)];
    const r = release(rows, { metrics: [HOURS], groups: ['mid', 'large'], resolution: 'week' });
    expect(new Set(r.groups.map((c) => c.group))).toEqual(new Set(['large']));
    expect(r.groups.map((c) => c.period)).toEqual(BLOCK_WEEKS.map((w) => `${w}/P1W`));
  });

  it('rejects person-weeks that are not Mondays', () => {
    expect(() => release(person('x', ['team'], ['2024-04-16'], 1), { metrics: [HOURS], groups: ['team'] })).toThrow(/Mondays/);
  });
});
