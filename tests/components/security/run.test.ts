// The worker's security run: the pack and the analyst's Sigma rules side by side, statuses for every rule,
// thresholds as numbers only, cancel between rules, and the IP database fetched only when an IP is new.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { brute, spray } from '../../../src/core/detect/rules/identity.ts';
import { raw } from '../../../src/core/detect/sql.ts';
import type { Rule } from '../../../src/core/detect/types.ts';
import { CANCELLED, cleanOverrides, runSecurity } from '../../../src/lib/security/run/detect.ts';
import { checkSigma } from '../../../src/lib/security/run/sigma.ts';
import { securityRunner } from '../../../src/lib/security/run/runner.ts';
import { BatchWriter } from '../../../src/core/ingest/batch-writer.ts';
import { openNative } from '../../../workers/engine/native.ts';
import { failed, load, MIN, prepare, times } from '../../core/detect/factory.ts';

const SIGMA = `title: Failed sign-in as alice
id: 5a1c0f5e-0000-4000-8000-000000000001
status: experimental
author: test
level: high
tags: [attack.t1110.001]
logsource: { product: m365, service: audit }
detection:
  sel: { Operation: UserLoginFailed }
  condition: sel
`;
const broken: Rule = { ...brute, id: 'T.broken', sql: () => raw('SELECT nope FROM events') };
const pack = [brute, spray, broken];
const noGeo = async () => null;

describe('security run (native DuckDB)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openNative();
    await prepare(engine);
    await load(engine, times(25, failed('alice@contoso.com', 0, '198.51.100.9'), MIN));
  });
  afterAll(async () => { await engine.close(); });

  it('runs the pack and a pasted Sigma rule, and reports every rule with its status', async () => {
    const r = await runSecurity(engine, { thresholds: {}, userRules: [SIGMA, 'title: [unclosed'], files: [{ file: 'x.csv', rows: 5000 }] }, { geo: noGeo, pack });
    expect(r.rules.map((x) => [x.id, x.status.status])).toEqual([
      ['X3.brute', 'ok'], ['X3.spray', 'ok'], ['T.broken', 'errored'],
      ['sigma:5a1c0f5e-0000-4000-8000-000000000001', 'ok'], ['sigma:(untitled)', 'errored']]);
    expect(r.rules.find((x) => x.id === 'X3.spray')!.status).toEqual({ rule: 'X3.spray', status: 'ok', findings: 0 });
    expect(r.rules[4].status).toMatchObject({ error: expect.stringMatching(/not valid YAML/) });
    const sigma = r.findings.filter((f) => f.rule.startsWith('sigma:'));
    expect(sigma).toHaveLength(1);
    expect(sigma[0]).toMatchObject({ actor: 'alice@contoso.com', count: 25, severity: 'high', attack: ['T1110.001'] });
    expect(sigma[0].attribution).toMatchObject({ licence: 'DRL 1.1', author: 'test' });
    expect(r.findings.filter((f) => f.rule === 'X3.brute')).toHaveLength(1);
    expect(r.coverage.map((c) => c.rule)).toContain('X11.truncated');
    expect(r.users[0]).toMatchObject({ actor: 'alice@contoso.com', alerts: 2 });
    expect(r.rules.find((x) => x.origin === 'sigma' && x.status.status === 'ok')!.attribution?.licence).toBe('DRL 1.1');
  });

  it('applies threshold overrides, and drops any that are not a number the rule has', async () => {
    expect(cleanOverrides(pack, { 'X3.brute': { minFailures: 30, bogus: 1, windowMinutes: Number.NaN }, 'nope': { a: 1 } }))
      .toEqual({ 'X3.brute': { minFailures: 30 } });
    const r = await runSecurity(engine, { thresholds: { 'X3.brute': { minFailures: 30 } }, userRules: [], files: [] }, { geo: noGeo, pack: [brute] });
    expect(r.findings).toHaveLength(0);
    expect(r.rules[0]).toMatchObject({ thresholds: { minFailures: 30, windowMinutes: 60 }, defaults: { minFailures: 20, windowMinutes: 60 } });
  });

  it('stops between rules when cancelled', async () => {
    const ctl = new AbortController();
    const seen: string[] = [];
    const run = runSecurity(engine, { thresholds: {}, userRules: [], files: [] }, {
      geo: noGeo, pack, signal: ctl.signal,
      onProgress: (p) => { if (p.rule) seen.push(p.rule); if (p.rule === 'X3.spray') ctl.abort(); },
    });
    await expect(run).rejects.toThrow(CANCELLED);
    expect(seen).toEqual(['X3.brute', 'X3.spray']);
  });

  it('fetches the IP database only while some address is not looked up yet', async () => {
    await load(engine, times(3, failed('bob@contoso.com', 0, '198.51.100.10'), MIN));
    const loadGeo = vi.fn(noGeo);
    const runner = securityRunner(async () => engine, loadGeo);
    await runner.detect({ thresholds: {}, userRules: [], files: [] });
    expect(loadGeo).toHaveBeenCalledTimes(1);
    await runner.detect({ thresholds: {}, userRules: [], files: [] });
    expect(loadGeo).toHaveBeenCalledTimes(1);
    const w = new BatchWriter(engine);
    await w.add(failed('bob@contoso.com', 9 * MIN, '198.51.100.11'), 'test', { fileId: 0, line: 9, offset: 0, length: 0 });
    await w.flush();
    await runner.detect({ thresholds: {}, userRules: [], files: [] });
    expect(loadGeo).toHaveBeenCalledTimes(2);
  });

  it('says why a Sigma rule cannot run', () => {
    expect(checkSigma('title: x\nlogsource: { product: windows }\ndetection: { s: { a: 1 }, condition: s }')).toMatchObject({ status: 'unsupported', reason: expect.stringMatching(/no field map/) });
    expect(checkSigma(SIGMA)).toMatchObject({ status: 'compiled', title: 'Failed sign-in as alice', attack: ['T1110.001'] });
  });
});
