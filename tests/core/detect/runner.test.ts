import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { runDetections } from '../../../src/core/detect/runner.ts';
import { brute } from '../../../src/core/detect/rules/identity.ts';
import { raw } from '../../../src/core/detect/sql.ts';
import type { Rule } from '../../../src/core/detect/types.ts';
import { openNative } from '../../../workers/engine/native.ts';
import { load, MIN, prepare, times } from './factory.ts';

const broken: Rule = { ...brute, id: 'T.broken', sql: () => raw('SELECT no_such_column FROM events') };
const needsField: Rule = { ...brute, id: 'T.needs', requiresAttrs: ['NoSuchKey'] };
const declared: Rule = { ...brute, id: 'T.declared', notEvaluable: ['DeviceDetail.trustType'] };

describe('runDetections', () => {
  let engine: Engine;
  beforeAll(async () => { engine = await openNative(); await prepare(engine); });
  afterAll(async () => { await engine.close(); });

  it('reports a failing rule as errored and still runs the others', async () => {
    await load(engine, times(20, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure' }, MIN));
    const run = await runDetections(engine, [broken, brute, needsField, declared]);
    expect(run.rules.map((r) => r.status)).toEqual(['errored', 'ok', 'not-evaluable', 'not-evaluable']);
    expect(run.rules[2]).toMatchObject({ fields: ['NoSuchKey'] });
    expect(run.findings.map((f) => f.rule)).toEqual(['X3.brute']);
  });

  it('applies per-rule threshold overrides', async () => {
    await load(engine, times(5, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure' }, MIN));
    expect((await runDetections(engine, [brute])).findings).toHaveLength(0);
    const run = await runDetections(engine, [brute], { 'X3.brute': { minFailures: 5 } });
    expect(run.findings).toHaveLength(1);
    expect(run.findings[0]).toMatchObject({ actor: 'alice@contoso.com', count: 5, severity: 'medium', attack: ['T1110.001'] });
  });

  it('needs no enrichment tables to exist beforehand', async () => {
    const fresh = await openNative();
    try {
      const { ensureSchema } = await import('../../../src/core/ingest/session.ts');
      await ensureSchema(fresh);
      const run = await runDetections(fresh, [brute]);
      expect(run.rules[0].status).toBe('ok');
    } finally { await fresh.close(); }
  });
});
