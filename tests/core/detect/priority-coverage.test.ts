import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { coverageFindings, truncationFindings } from '../../../src/core/detect/coverage.ts';
import { decay, investigationPriority, rankIdentities, rarity } from '../../../src/core/detect/priority.ts';
import type { Finding } from '../../../src/core/detect/types.ts';
import { openNative } from '../../../workers/engine/native.ts';
import { DAY, ev, HOUR, load, prepare, T0, times } from './factory.ts';

const f = (rule: string, actor: string, severity: Finding['severity'], last: number): Finding =>
  ({ rule, title: rule, severity, attack: ['T1078'], actor, first: last, last, count: 1, evidence: 'x' });

describe('investigation priority', () => {
  it('weights rarity: 1 for a rule only one identity has, lower the more identities share it', () => {
    expect(rarity(1, 100)).toBeCloseTo(1, 1);
    expect(rarity(100, 100)).toBeCloseTo(Math.log(2) / Math.log(101), 6);
    expect(rarity(10, 100)).toBeGreaterThan(rarity(50, 100));
  });

  it('halves a finding every 7 days before the last event', () => {
    expect(decay(T0, T0)).toBe(1);
    expect(decay(T0 - 7 * DAY, T0)).toBeCloseTo(0.5, 9);
    expect(decay(T0 - 14 * DAY, T0)).toBeCloseTo(0.25, 9);
  });

  it('sums severity × rarity × decay per identity, explains it, and ranks with percentiles', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const risks = rankIdentities([
      f('R1', 'a', 'critical', T0), f('R2', 'a', 'low', T0 - 7 * DAY),
      f('R2', 'b', 'low', T0), f('R2', 'c', 'low', T0), f('R1', 'ip:1.2.3.4', 'high', T0),
    ], { identities: ids, lastEvent: T0 });
    expect(risks.map((r) => r.actor)).toEqual(['a', 'b', 'c']);
    const r1 = 10 * rarity(1, 4);
    const r2 = 1 * rarity(3, 4);
    expect(risks[0].score).toBeCloseTo(r1 + r2 * 0.5, 2);
    expect(risks[0].contributions).toEqual([{ rule: 'R1', when: T0, points: Math.round(r1 * 100) / 100 }, { rule: 'R2', when: T0 - 7 * DAY, points: Math.round(r2 * 50) / 100 }]);
    expect(risks[0].alerts).toBe(2);
    // 'a' beats 3 of 4 identities; 'b' and 'c' tie and beat only 'd' (score 0)
    expect(risks.map((r) => r.percentile)).toEqual([75, 25, 25]);
  });
});

describe('coverage findings', () => {
  let engine: Engine;
  beforeAll(async () => { engine = await openNative(); await prepare(engine); });
  afterAll(async () => { await engine.close(); });

  it('flags files that hold exactly a known export cap', () => {
    const out = truncationFindings([{ file: 'a.csv', rows: 5000 }, { file: 'b.csv', rows: 5001 }, { file: 'c.json', rows: 50_000 }]);
    expect(out.map((x) => [x.rule, x.actor, x.count])).toEqual([['X11.truncated', 'a.csv', 5000], ['X11.truncated', 'c.json', 50_000]]);
  });

  it('names missing workloads and quiet periods of one source while others continue', async () => {
    await load(engine, [
      ...times(6, { source: 'm365', workload: 'Exchange', action: 'MailItemsAccessed' }, 12 * HOUR),
      ev({ source: 'm365', workload: 'SharePoint', action: 'FileAccessed' }),
      ...times(3, { source: 'github', action: 'repo.create' }, 40 * HOUR),
      ev({ source: 'gws', workload: 'login', action: 'login_success' }), ev({ source: 'gws', workload: 'drive', action: 'view' }),
      ev({ source: 'gws', workload: 'token', action: 'authorize' }),
    ]);
    const out = await coverageFindings(engine, []);
    const missing = out.filter((x) => x.rule === 'X11.missing');
    expect(missing.map((x) => [x.actor, x.evidence.replace(/:.*/, '')])).toEqual([
      ['m365', 'm365 loaded without workload azureactivedirectory'], ['github', 'github loaded without git events git.*']]);
    const gaps = out.filter((x) => x.rule === 'X11.gap');
    // github is quiet for 40 h twice while m365 keeps logging for the first 60 h
    expect(gaps.map((x) => [x.actor, x.count, x.first - T0])).toEqual([['github', 40, 0], ['github', 40, 40 * HOUR]]);
  });

  it('ranks identities from the loaded data', async () => {
    await load(engine, [ev({ actor: 'a@x.com' }), ev({ actor: 'b@x.com', at: DAY }), ev({ actor: 'nt authority\\system', actorType: 'system' })]);
    const risks = await investigationPriority(engine, [f('R', 'a@x.com', 'high', T0), f('R', 'nt authority\\system', 'high', T0)]);
    expect(risks).toHaveLength(1);
    expect(risks[0]).toMatchObject({ actor: 'a@x.com', percentile: 50 });
    expect(risks[0].score).toBeCloseTo(6 * rarity(1, 2) * 0.5 ** (1 / 7), 2);
  });
});
