// The Overview's SQL on both engines: hand-counted answers over a few events, the pre-aggregate agreeing with
// `events` for every filter it can answer, and filter values bound as parameters (never spliced).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { ensureSchema } from '../../../src/core/ingest/session.ts';
import { BatchWriter } from '../../../src/core/ingest/batch-writer.ts';
import type { EventRow } from '../../../src/core/schema/events.ts';
import { buildAggregates } from '../../../src/core/queries/aggregates.ts';
import { emptyFilters, snapRange, where, type Filters } from '../../../src/core/queries/filters.ts';
import { breakdown, breakdowns, categoryDays, summary, timeline, weekdayHour } from '../../../src/core/queries/overview.ts';
import { eventCount, eventPage } from '../../../src/core/queries/schema.ts';
import { ENGINES } from '../../helpers/engines.ts';

const H = 3_600_000;
const MON = Date.UTC(2024, 2, 4); // Monday 4 March 2024, 00:00 UTC

function ev(at: number, source: EventRow['source'], category: EventRow['category'], action: string, outcome: EventRow['outcome'], actor: string): EventRow {
  return { ts: at, source, workload: null, category, action, outcome, actor, actorType: 'user', ip: '203.0.113.7', userAgent: null,
    target: null, targetUser: null, sessionId: null, appId: null, recordId: null, country: null, attrs: {} };
}

// 7 events: Monday 09:xx (3), Monday 10:15 (1), Tuesday 09:30 (2), Sunday 23:59 (1)
const EVENTS: EventRow[] = [
  ev(MON + 9 * H + 60_000, 'm365', 'file', 'FileAccessed', 'success', 'ann@x'),
  ev(MON + 9 * H + 120_000, 'm365', 'file', 'FileAccessed', 'success', 'bob@x'),
  ev(MON + 9 * H + 180_000, 'entra', 'authentication', 'Sign-in activity', 'failure', 'ann@x'),
  ev(MON + 10 * H + 15 * 60_000, 'gws', 'file', 'download', 'success', 'cat@x'),
  ev(MON + 24 * H + 9 * H + 30 * 60_000, 'entra', 'authentication', 'Sign-in activity', 'failure', 'bob@x'),
  ev(MON + 24 * H + 9 * H + 31 * 60_000, 'm365', 'mail', "Send'); DROP TABLE events; --", 'unknown', 'ann@x'),
  ev(MON + 6 * 24 * H + 23 * H + 59 * 60_000, 'github', 'repository', 'git.clone', 'success', 'dev'),
];

const f = (over: Partial<Filters>): Filters => ({ ...emptyFilters(), ...over });
const num = (rows: Record<string, unknown>[], key = 'n') => rows.map((r) => Number(r[key]));

describe.each(ENGINES)('overview queries on $name', ({ open }) => {
  let engine: Engine;
  const run = async (q: { sql: string; params: unknown[] }) => engine.query(q.sql, q.params as never[]);

  beforeAll(async () => {
    engine = await open();
    await ensureSchema(engine);
    const writer = new BatchWriter(engine);
    for (const [i, e] of EVENTS.entries()) await writer.add(e, 'test', { fileId: 0, line: i + 1, offset: i * 100, length: 100 });
    await writer.flush();
    for (const q of buildAggregates()) await run(q);
  });
  afterAll(async () => { await engine.close(); });

  it('counts events, identities and failures under a filter', async () => {
    const [all] = await run(summary(emptyFilters()));
    expect([all.events, all.actors, all.sources, all.failures]).toEqual([7, 4, 4, 2]);
    const [monday] = await run(summary(f({ from: MON, to: MON + 24 * H })));
    expect([monday.events, monday.actors, monday.failures]).toEqual([4, 3, 1]);
    const [entraOrGws] = await run(summary(f({ source: ['entra', 'gws'] })));
    expect([entraOrGws.events, entraOrGws.actors]).toEqual([3, 3]);
  });

  it('binds hostile filter values as data', async () => {
    const [row] = await run(summary(f({ action: ["Send'); DROP TABLE events; --"] })));
    expect(row.events).toBe(1);
    const [none] = await run(summary(f({ actor: ["' OR 1=1 --"] })));
    expect(none.events).toBe(0);
    expect((await run(summary(emptyFilters())))[0].events).toBe(7);
  });

  for (const aggregated of [false, true]) {
    it(`breaks down by a key, ignoring that key's own filter (aggregated: ${aggregated})`, async () => {
      const rows = await run(breakdown(f({ category: ['file'], outcome: ['success'] }), 'category', aggregated));
      expect(rows.map((r) => [r.key, r.n])).toEqual([['file', 3], ['repository', 1]]);
      const out = await run(breakdown(f({ category: ['authentication'] }), 'outcome', aggregated));
      expect(out.map((r) => [r.key, r.n, r.failures])).toEqual([['failure', 2, 2]]);
    });

    it(`buckets the timeline by day and ignores the time filter (aggregated: ${aggregated})`, async () => {
      const rows = await run(timeline(f({ from: MON, to: MON + H, source: ['m365'] }), 'day', aggregated));
      expect(rows.map((r) => [r.x, r.series, r.n])).toEqual([[MON, 'm365', 2], [MON + 24 * H, 'm365', 1]]);
    });

    it(`counts by ISO weekday and UTC hour (aggregated: ${aggregated})`, async () => {
      const rows = await run(weekdayHour(emptyFilters(), aggregated));
      expect(rows.map((r) => [r.weekday, r.hour, r.n])).toEqual([[1, 9, 3], [1, 10, 1], [2, 9, 2], [7, 23, 1]]);
    });
  }

  it('gives the same numbers from the pre-aggregate and from events for hour-aligned filters', async () => {
    const cases: Filters[] = [emptyFilters(), f({ from: MON + 9 * H, to: MON + 34 * H }), f({ source: ['m365'], outcome: ['success', 'unknown'] }), f({ action: ['Sign-in activity'] })];
    for (const c of cases) {
      for (const key of ['source', 'category', 'outcome', 'action'] as const)
        expect(await run(breakdown(c, key, true))).toEqual(await run(breakdown(c, key, false)));
      expect(await run(categoryDays(c, true))).toEqual(await run(categoryDays(c, false)));
    }
  });

  it('answers several breakdowns in one query exactly as one query each', async () => {
    const cases: Filters[] = [emptyFilters(), f({ outcome: ['failure'], from: MON, to: MON + 48 * H }), f({ source: ['m365', 'entra'], category: ['file'] }),
      f({ action: ['Sign-in activity'] }), f({ actor: ['ann@x', 'bob@x'] })];
    const charts = [['source', 15], ['outcome', 15], ['category', 1]] as const;
    for (const c of cases) for (const aggregated of [false, true]) {
      const one = await run(breakdowns(c, charts, aggregated));
      for (const [key, limit] of charts) {
        const alone = await run(breakdown(c, key, aggregated, limit));
        expect(one.filter((r) => r.dim === key).map(({ dim: _dim, ...r }) => r)).toEqual(alone);
      }
      expect(one.length).toBeGreaterThan(0);
    }
  });

  it('gives the same headline from the actor bitstrings as from events, and reads events when they cannot answer', async () => {
    const cases: Filters[] = [emptyFilters(), f({ from: MON + 9 * H, to: MON + 34 * H }), f({ source: ['m365'], outcome: ['success', 'unknown'] }),
      f({ category: ['authentication'] }), f({ from: MON + 40 * H, to: MON + 41 * H })];
    for (const c of cases) {
      const q = summary(c, true);
      expect(q.sql).toContain('FROM agg_hour ');
      expect(await run(q)).toEqual(await run(summary(c, false)));
    }
    const [monday] = await run(summary(f({ from: MON, to: MON + 24 * H }), true));
    expect([monday.events, monday.actors, monday.failures, monday.first]).toEqual([4, 3, 1, MON + 9 * H + 60_000]);
    for (const c of [f({ action: ['download'] }), f({ actor: ['ann@x'] })]) expect(summary(c, true).sql).toContain('FROM events ');
  });

  it('falls back to events for filters the pre-aggregate cannot answer', async () => {
    const q = breakdown(f({ actor: ['ann@x'] }), 'source', true);
    expect(q.sql).toContain('FROM events');
    expect(breakdown(emptyFilters(), 'source', true).sql).toContain('FROM agg_hour ');
    expect(breakdown(f({ action: ['x'] }), 'source', true).sql).toContain('FROM agg_hour_action ');
    expect((await run(q)).map((r) => [r.key, r.n])).toEqual([['m365', 2], ['entra', 1]]);
  });

  it('pages events in time order with a count that matches', async () => {
    const filter = f({ source: ['m365', 'entra'] });
    expect(num(await run(eventCount(filter)))).toEqual([5]);
    const first = await run(eventPage(filter, 0, 2));
    const rest = await run(eventPage(filter, 2, 10));
    expect([...first, ...rest].map((r) => r.ts)).toEqual(EVENTS.filter((e) => e.source !== 'gws' && e.source !== 'github').map((e) => e.ts).sort((a, b) => a - b).map((t) => Math.floor(t / 1000) * 1000));
  });
});

describe('filters', () => {
  it('snaps a brushed range outwards to whole hours, whichever way it was dragged', () => {
    expect(snapRange(MON + 9 * H + 10, MON + 7 * H + 5)).toEqual([MON + 7 * H, MON + 10 * H]);
    expect(snapRange(MON + 5, MON + 6)).toEqual([MON, MON + H]);
  });

  it('builds a predicate with one placeholder per value and no value in the text', () => {
    const w = where(f({ from: 10, source: ['a', "b'c"], ip: ['1.2.3.4'] }));
    expect(w.sql).toBe('WHERE "ts" >= epoch_ms(CAST(? AS BIGINT)) AND "source" IN (?, ?) AND "ip" IN (?)');
    expect(w.params).toEqual([10, 'a', "b'c", '1.2.3.4']);
  });
});

describe.each(ENGINES)('pre-aggregates without any actor on $name', ({ open }) => {
  it('still build, and the headline counts no identities', async () => {
    const engine = await open();
    try {
      await ensureSchema(engine);
      const writer = new BatchWriter(engine);
      await writer.add({ ...EVENTS[0], actor: null }, 'test', { fileId: 0, line: 1, offset: 0, length: 10 });
      await writer.flush();
      for (const q of buildAggregates()) await engine.query(q.sql, q.params);
      const q = summary(emptyFilters(), true);
      expect(q.sql).toContain('FROM agg_hour ');
      const [row] = await engine.query(q.sql, q.params);
      expect([row.events, row.actors]).toEqual([1, 0]);
    } finally { await engine.close(); }
  });
});
