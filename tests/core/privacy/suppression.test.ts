import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atomsOf, choosePublished, symmetricDifference, type SetCell } from '../../../src/core/privacy/suppression.ts';
import { linearAttack } from './attacker.ts';

const ids = (prefix: string, n: number, from = 0) => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);
const cell = (id: string, members: string[], periodIndex = 0, group = id): SetCell => ({ id, group, periodIndex, members: new Set(members) });

describe('choosePublished', () => {
  it('hides one more sibling when a parent total would reveal a single small child (complementary suppression)', () => {
    const a = ids('a', 30), b = ids('b', 12), c = ids('c', 15), d = ids('d', 3);
    const cells = [cell('all', [...a, ...b, ...c, ...d]), cell('A', a), cell('B', b), cell('C', c), cell('D', d)];
    const shown = choosePublished(cells, 10);
    // D is below k; all − A − B − C would be D, so the smallest sibling (B, 12) goes too: the residual is 15.
    expect([...shown].sort()).toEqual(['A', 'C', 'all']);
  });

  it('withholds one of two overlapping filters that differ by one person', () => {
    const research = ids('r', 51);
    const shown = choosePublished([cell('Research', [...research, 'exec']), cell('Research, not executives', research)], 10);
    expect(shown.size).toBe(1);
    expect(shown.has('Research')).toBe(true);
  });

  it('protects the direct reports left over when a manager tree and its sub-trees are all shown', () => {
    const sub1 = ids('x', 20), sub2 = ids('y', 20), directs = ['m1', 'm2', 'ic'];
    const cells = [cell('tree:top', [...directs, ...sub1, ...sub2]), cell('tree:m1', sub1), cell('tree:m2', sub2)];
    const shown = choosePublished(cells, 10);
    expect(shown.has('tree:top')).toBe(true);
    expect(shown.size).toBe(2);
    for (const atom of atomsOf(cells.filter((c) => shown.has(c.id))).values()) expect(atom.size).toBeGreaterThanOrEqual(10);
  });

  it('withholds a period whose membership changed by fewer than k people since the last shown period', () => {
    const base = ids('p', 20);
    const cells = [
      cell('t0', base, 0, 'team'), cell('t1', [...base, 'new'], 1, 'team'),
      cell('t2', [...base, ...ids('n', 10)], 2, 'team'), cell('t3', [...base, ...ids('n', 10)], 3, 'team'),
    ];
    expect([...choosePublished(cells, 10)].sort()).toEqual(['t0', 't2', 't3']);
  });
});

/** Random views: several cell families over a small population, across periods with churn. */
const scenario = fc.record({
  k: fc.integer({ min: 2, max: 10 }),
  people: fc.integer({ min: 5, max: 60 }),
  periods: fc.integer({ min: 1, max: 3 }),
  families: fc.array(fc.record({
    kind: fc.constantFrom('partition', 'subset', 'nested'),
    parts: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 70, maxLength: 70 }),
  }), { minLength: 1, maxLength: 4 }),
  churn: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 70, maxLength: 70 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function buildCells(s: Scenario): SetCell[] {
  const cells: SetCell[] = [];
  for (let p = 0; p < s.periods; p++) {
    const present = ids('u', s.people).filter((_, i) => (s.churn[i] + p * 7) % 9 !== 0 || p === 0);
    cells.push(cell(`all@${p}`, present, p, 'all'));
    s.families.forEach((f, fi) => {
      for (let part = 0; part < f.parts; part++) {
        const members = present.filter((id) => {
          const x = f.seed[Number(id.slice(1))];
          if (f.kind === 'partition') return x % f.parts === part;
          if (f.kind === 'nested') return x % (part + 2) === 0;
          return (x >> part) % 2 === 1;
        });
        cells.push(cell(`f${fi}.${part}@${p}`, members, p, `f${fi}.${part}`));
      }
    });
  }
  return cells;
}

describe('suppression invariants (property-based)', () => {
  it('no published cell has fewer than k members, and within a period no two differ by 1..k-1 people', () => {
    fc.assert(fc.property(scenario, (s) => {
      const cells = buildCells(s);
      const shown = cells.filter((c) => choosePublished(cells, s.k).has(c.id));
      for (const c of shown) expect(c.members.size).toBeGreaterThanOrEqual(s.k);
      for (const a of shown) for (const b of shown) {
        if (a.periodIndex !== b.periodIndex || a === b) continue;
        const d = symmetricDifference(a.members, b.members);
        expect(d === 0 || d >= s.k).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('every atom of the published cells has at least k people, so no linear combination isolates anyone', () => {
    fc.assert(fc.property(scenario, fc.array(fc.double({ min: 0, max: 40, noNaN: true }), { minLength: 60, maxLength: 60 }), (s, values) => {
      const cells = buildCells(s);
      const published = choosePublished(cells, s.k);
      for (let p = 0; p < s.periods; p++) {
        const live = cells.filter((c) => c.periodIndex === p && published.has(c.id));
        for (const atom of atomsOf(live).values()) expect(atom.size).toBeGreaterThanOrEqual(s.k);
        const value = (id: string) => values[Number(id.slice(1))];
        const recovered = linearAttack(live.map((c) => ({ members: [...c.members], sum: [...c.members].reduce((t, id) => t + value(id), 0) })));
        expect(recovered.size).toBe(0);
      }
    }), { numRuns: 200 });
  });

  it('consecutive published periods of a group differ by 0 or at least k people', () => {
    fc.assert(fc.property(scenario, (s) => {
      const cells = buildCells(s);
      const published = choosePublished(cells, s.k);
      const byGroup = new Map<string, SetCell[]>();
      for (const c of cells) if (published.has(c.id)) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
      for (const list of byGroup.values()) {
        list.sort((a, b) => a.periodIndex - b.periodIndex);
        for (let i = 1; i < list.length; i++) {
          const d = symmetricDifference(list[i - 1].members, list[i].members);
          expect(d === 0 || d >= s.k).toBe(true);
        }
      }
    }), { numRuns: 300 });
  });

  it('publishes every cell when nothing needs protecting (the rules do not over-reach on a clean partition)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 10, max: 40 }), { minLength: 1, maxLength: 6 }), (sizes) => {
      let next = 0;
      const parts = sizes.map((n, i) => cell(`d${i}`, ids('u', n, (next += n) - n)));
      const cells = [cell('all', parts.flatMap((c) => [...c.members])), ...parts];
      expect(choosePublished(cells, 10).size).toBe(cells.length);
    }));
  });
});
