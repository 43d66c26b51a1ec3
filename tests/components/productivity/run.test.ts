// The worker side of the productivity page on both engines: the release is exactly productivityTrends', the
// group keys and periods it adds account for every withheld cell, and the weekday × hour cells (hand-computed
// below) go through the same privacy layer: same cells, same k, the viewer left out, nothing under k.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { hrDirectory } from '../../../src/core/ingest/tables/directory-hr.ts';
import { createWorkspaceKey } from '../../../src/core/privacy/pseudonym.ts';
import { eventWeeks } from '../../../src/core/productivity/sources/events.ts';
import { productivityTrends } from '../../../src/core/productivity/trends.ts';
import { memoryPrivacyState, RecordingLedger } from '../../../src/lib/productivity/run/privacy-state.ts';
import { slotWeeks } from '../../../src/lib/productivity/run/heatmap.ts';
import { compute, productivityRunner } from '../../../src/lib/productivity/run/runner.ts';
import type { ProductivityRequest } from '../../../src/lib/productivity/run/types.ts';
import { STALE } from '../../../workers/engine/latest.ts';
import { ENGINES, extensionRequests } from '../../helpers/engines.ts';
import { HR_HEADER, putEvents, putTable, type TestEvent } from '../../core/productivity/fixtures.ts';

// Eng: 12 people (e0..e11), Sales: 10 (s0..s9), Legal: 3 (l0..l2, two hours east of UTC); boss manages everyone.
const people = [
  ['boss', 'Exec', '', 'UTC'],
  ...Array.from({ length: 12 }, (_, i) => [`e${i}`, 'Eng', 'boss', 'UTC']),
  ...Array.from({ length: 10 }, (_, i) => [`s${i}`, 'Sales', 'boss', 'UTC']),
  ...Array.from({ length: 3 }, (_, i) => [`l${i}`, 'Legal', 'boss', 'UTC+02:00']),
];
const DIRECTORY = [HR_HEADER, ...people.map(([id, dept, mgr, tz]) =>
  `${id}@x.test,Name ${id},${dept},Title,${mgr ? `${mgr}@x.test` : ''},2,US,${tz},2020-01-01,,user`)].join('\n');

// Week of Monday 15 April 2024. e0..e5: 3 mails Tue 10:00 + 1 Wed 15:00 (shares ¾, ¼); e6..e11: 1 + 1 (½, ½);
// s*: 1 mail Fri 08:00; l*: 1 mail Thu 07:00 UTC = 09:00 local; boss: 5 mails Sat 23:00.
const mails = (id: string, at: string, n: number): TestEvent[] => Array.from({ length: n }, () => ({ at, actor: `${id}@x.test`, action: 'Send' }));
const EVENTS: TestEvent[] = [
  ...Array.from({ length: 12 }, (_, i) => [...mails(`e${i}`, '2024-04-16T10:20:00Z', i < 6 ? 3 : 1), ...mails(`e${i}`, '2024-04-17T15:05:00Z', 1)]).flat(),
  ...Array.from({ length: 10 }, (_, i) => mails(`s${i}`, '2024-04-19T08:30:00Z', 1)).flat(),
  ...Array.from({ length: 3 }, (_, i) => mails(`l${i}`, '2024-04-18T07:10:00Z', 1)).flat(),
  ...mails('boss', '2024-04-20T23:00:00Z', 5),
];
const TUE10 = 24 + 10, WED15 = 2 * 24 + 15, THU9 = 3 * 24 + 9, FRI8 = 4 * 24 + 8, SAT23 = 5 * 24 + 23;

const request = (over: Partial<ProductivityRequest> = {}): ProductivityRequest => ({
  by: ['department', 'manager', 'level'], metrics: ['emails_sent'], minGroup: 10, allowSmallGroups: false, viewer: null,
  resolution: 'block', population: 'auto', dp: null, heatmap: true, ...over,
});

describe.each(ENGINES)('productivity worker runs on $name', ({ open }) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
    await putTable(engine, hrDirectory, DIRECTORY);
    await putEvents(engine, EVENTS);
  });
  afterAll(async () => {
    await engine.close();
    expect(extensionRequests).toEqual([]);
  });

  it('releases exactly what productivityTrends releases, and names every withheld cell of the view', async () => {
    const state = memoryPrivacyState();
    const r = await compute(engine, state, request());
    const core = await productivityTrends(engine, { by: ['department', 'manager', 'level'], key: await state.key(), metrics: ['emails_sent'] });
    expect(r.release).toEqual({ minGroup: core.minGroup, resolution: core.resolution, groups: core.groups, suppressed: core.suppressed });
    expect(r.periods).toEqual(['2024-04-15/P4W']);
    // the roster's departments and the single level; boss's tree has 25 reports, the only tree of ≥ 10
    expect(r.groupKeys).toEqual(['all', 'department:Eng', 'department:Exec', 'department:Legal', 'department:Sales', 'tree:T01', 'level:2']);
    expect(r.groupKeys.length * r.periods.length - r.release.groups.length).toBe(r.release.suppressed);
    expect(r.partial).toEqual([{ period: '2024-04-15/P4W', days: 5, of: 28 }]);
    expect(r.span).toEqual({ first: '2024-04-16', last: '2024-04-20' });
  });

  it('weekday × hour cells: the mean share per local hour slot, only for published cells', async () => {
    const r = await compute(engine, memoryPrivacyState(), request({ by: ['department'] }));
    // Legal (3) is under k; all − Eng − Sales would expose Legal + boss (4), so Sales (10, the smaller) goes too.
    expect(r.release.groups.map((c) => [c.group, c.members])).toEqual([['all', 26], ['department:Eng', 12]]);
    const [all, eng] = r.heatmap.cells;
    expect([all.group, all.members, eng.group, eng.members]).toEqual(['all', 26, 'department:Eng', 12]);
    // Eng: (6 × ¾ + 6 × ½) / 12 on Tuesday 10:00, (6 × ¼ + 6 × ½) / 12 on Wednesday 15:00
    expect(eng.shares[TUE10]).toBeCloseTo(0.625, 3);
    expect(eng.shares[WED15]).toBeCloseTo(0.375, 3);
    expect(eng.shares.filter((s) => s !== 0)).toHaveLength(2);
    // all 26: 7.5 / 26, 4.5 / 26, Sales 10 / 26 on Friday 08:00, Legal 3 / 26 on Thursday 09:00 local, boss 1 / 26
    expect(all.shares[TUE10]).toBeCloseTo(7.5 / 26, 3);
    expect(all.shares[WED15]).toBeCloseTo(4.5 / 26, 3);
    expect(all.shares[FRI8]).toBeCloseTo(10 / 26, 3);
    expect(all.shares[THU9]).toBeCloseTo(3 / 26, 3);
    expect(all.shares[SAT23]).toBeCloseTo(1 / 26, 3);
    expect(all.shares[3 * 24 + 7]).toBe(0);
    expect(r.heatmap.unavailable).toBeNull();
  });

  it('leaves the viewer out of the heatmap as out of everything else', async () => {
    const r = await compute(engine, memoryPrivacyState(), request({ by: ['department'], viewer: 'BOSS@x.test ' }));
    const all = r.heatmap.cells.find((c) => c.group === 'all')!;
    expect(all.members).toBe(25);
    expect(all.shares[SAT23]).toBe(0);
    expect(all.shares[FRI8]).toBeCloseTo(10 / 25, 3);
  });

  it('never releases a heatmap cell under k, and none at all with noise on', async () => {
    const big = await compute(engine, memoryPrivacyState(), request({ by: ['department'], minGroup: 13 }));
    expect(big.release.groups.map((c) => c.group)).toEqual(['all']);
    expect(big.heatmap.cells.map((c) => c.group)).toEqual(['all']);
    for (const c of big.heatmap.cells) expect(c.members).toBeGreaterThanOrEqual(13);
    const noisy = await compute(engine, memoryPrivacyState(), request({ dp: { epsilon: 1, budgetPerPeriod: 6 } }));
    expect(noisy.heatmap.cells).toEqual([]);
    expect(noisy.heatmap.unavailable).toMatch(/noise/);
    expect(noisy.release.dp?.epsilonPerStatistic).toBe(1);
  });

  it('counts the same actions per slot as the after-hours share counts per week', async () => {
    const slots = await slotWeeks(engine);
    const weeks = await eventWeeks(engine);
    expect(slots.size).toBe(weeks.length);
    for (const w of weeks) expect(slots.get(`${w.identity}\u0000${w.week}`)!.all_actions).toBe(w.values.all_activity);
  });

  it('drops requests overtaken before they start', async () => {
    const run = productivityRunner(async () => engine, async () => memoryPrivacyState());
    const [a, b, c] = [run(request()), run(request()), run(request({ metrics: ['meetings'] }))];
    await expect(a).rejects.toThrow(STALE);
    await expect(b).rejects.toThrow(STALE);
    expect(Object.keys((await c).release.groups[0].metrics)).toEqual(['meetings']);
  });
});

describe('the ε ledger written out and read back', () => {
  it('restores what each person spent and the refusals', () => {
    const first = new RecordingLedger();
    expect(first.tryCharge('p1', ['a', 'b'], 1, 2)).toBe(true);
    expect(first.tryCharge('p1', ['a'], 1, 2)).toBe(true);
    expect(first.tryCharge('p1', ['a', 'c'], 1, 2)).toBe(false);
    const again = new RecordingLedger();
    again.replay(first.charges.entries(), first.refused);
    expect(again.summary(1, 2)).toEqual(first.summary(1, 2));
    expect(again.summary(1, 2)).toEqual({ epsilonPerStatistic: 1, budgetPerPeriod: 2, periods: [{ period: 'p1', maxSpent: 2 }], refused: 1 });
    expect(again.tryCharge('p1', ['a'], 1, 2)).toBe(false);
    expect(again.tryCharge('p1', ['b'], 1, 2)).toBe(true);
  });
});
