import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { hrDirectory } from '../../../src/core/ingest/tables/directory-hr.ts';
import { PolicyError } from '../../../src/core/privacy/policy.ts';
import { createWorkspaceKey } from '../../../src/core/privacy/pseudonym.ts';
import { productivityTrends } from '../../../src/core/productivity/trends.ts';
import { ENGINES, extensionRequests } from '../../helpers/engines.ts';
import { HR_HEADER, putEvents, putTable, type TestEvent } from './fixtures.ts';

// boss → m1 (Eng) → e0..e9 ; boss → m2 (Sales) → s0..s11 ; boss → l0..l2 (Legal)
const people = [
  ['boss', 'Exec', '', '8'], ['m1', 'Eng', 'boss', '5'], ['m2', 'Sales', 'boss', '5'],
  ...Array.from({ length: 10 }, (_, i) => [`e${i}`, 'Eng', 'm1', '2']),
  ...Array.from({ length: 12 }, (_, i) => [`s${i}`, 'Sales', 'm2', '3']),
  ...Array.from({ length: 3 }, (_, i) => [`l${i}`, 'Legal', 'boss', '3']),
];
const DIRECTORY = [HR_HEADER, ...people.map(([id, dept, mgr, level]) =>
  `${id}@x.test,Name ${id},${dept},Title,${mgr ? `${mgr}@x.test` : ''},${level},US,UTC,2020-01-01,,user`)].join('\n');

/** Mails sent in the week of 15 April 2024 (Tuesday 10:00 UTC, in working hours). */
const sent: Record<string, number> = { boss: 100, m1: 5, m2: 5 };
for (let i = 0; i < 10; i++) sent[`e${i}`] = i + 1;
for (let i = 0; i < 12; i++) sent[`s${i}`] = 2;
for (let i = 0; i < 3; i++) sent[`l${i}`] = 1;
const EVENTS: TestEvent[] = Object.entries(sent).flatMap(([id, n]) =>
  Array.from({ length: n }, () => ({ at: '2024-04-16T10:00:00Z', actor: `${id}@x.test`, action: 'Send' })));

describe.each(ENGINES)('productivity trends on $name', ({ open }) => {
  let engine: Engine;
  let key: CryptoKey;
  beforeAll(async () => {
    engine = await open();
    key = await createWorkspaceKey();
    await putTable(engine, hrDirectory, DIRECTORY);
    await putEvents(engine, EVENTS);
  });
  afterAll(async () => {
    await engine.close();
    expect(extensionRequests).toEqual([]);
  });

  it('by department: small departments hidden, plus the smallest sibling so the total cannot reveal them', async () => {
    const r = await productivityTrends(engine, { by: 'department', key, metrics: ['emails_sent'] });
    // all: 28 people, (55 + 5 + 24 + 5 + 3 + 100) / 28; Sales: 12 + m2, (24 + 5) / 13.
    // Legal (3) and Exec (1) are below 10; their 4 people would be all − Eng − Sales, so Eng (11) is hidden too.
    expect(r.groups).toEqual([
      { group: 'all', period: '2024-04-15/P4W', members: 28, metrics: { emails_sent: +(192 / 28).toFixed(3) } },
      { group: 'department:Sales', period: '2024-04-15/P4W', members: 13, metrics: { emails_sent: +(29 / 13).toFixed(3) } },
    ]);
    expect(r.suppressed).toBe(3);
  });

  it('by manager for a viewer: their own tree without them, sub-trees with neutral ids, residual protected', async () => {
    const r = await productivityTrends(engine, { by: 'manager', key, viewer: 'boss@x.test', metrics: ['emails_sent'] });
    // Scope: boss's 27 reports (boss's own 100 mails are left out). Trees by size: boss T01, m2 T02 (12), m1 T03 (10).
    // m1, m2 and Legal (5 people) are in no sub-tree; showing both sub-trees would expose them, so T03 goes.
    expect(r.groups).toEqual([
      { group: 'all', period: '2024-04-15/P4W', members: 27, metrics: { emails_sent: +(92 / 27).toFixed(3) } },
      { group: 'tree:T02', period: '2024-04-15/P4W', members: 12, metrics: { emails_sent: 2 } },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/@|boss|Name /);
  });

  it('several dimensions in one release are protected against each other (department × level atoms)', async () => {
    const r = await productivityTrends(engine, { by: ['department', 'level'], key, metrics: ['emails_sent'] });
    const members = (group: string) => people.filter(([, dept, , level]) =>
      group === 'all' || group === `department:${dept}` || group === `level:${level}`).map(([id]) => id);
    const shown = r.groups.map((c) => c.group);
    expect(shown.length).toBeGreaterThan(1);
    for (const c of r.groups) expect(c.members).toBe(members(c.group).length);
    const signature = new Map<string, number>();
    for (const [id] of people) {
      const sig = shown.filter((g) => members(g).includes(id)).join('|');
      if (sig) signature.set(sig, (signature.get(sig) ?? 0) + 1);
    }
    for (const size of signature.values()) expect(size).toBeGreaterThanOrEqual(10);
  });

  it('shows nothing to a viewer without a reporting tree and refuses a minimum group below 10', async () => {
    const r = await productivityTrends(engine, { by: 'level', key, viewer: 'e1@x.test' });
    expect(r.groups).toEqual([]);
    await expect(productivityTrends(engine, { by: 'level', key, minGroup: 3 })).rejects.toThrow(PolicyError);
  });
});
