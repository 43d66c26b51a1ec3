// Compiles every SigmaHQ rule for our log sources from ../shared/sigma (test material, not shipped) and runs the
// compiled SQL; skipped with a message when that folder is absent.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDetections } from '../../../src/core/detect/runner.ts';
import { compileSigma, type SigmaResult } from '../../../src/core/sigma/compile.ts';
import { openNative } from '../../../workers/engine/native.ts';
import { ev, load, prepare } from '../detect/factory.ts';

const DIR = [resolve('../shared/sigma'), '/work/shared/sigma'].find((d) => existsSync(d));
if (!DIR) console.warn('shared Sigma rules not found (../shared/sigma): skipping the SigmaHQ compile report');

describe.skipIf(!DIR)('SigmaHQ rules for M365, Entra, Google Workspace and GitHub', () => {
  const files = DIR ? (readdirSync(DIR, { recursive: true }) as string[]).filter((f) => f.endsWith('.yml')).sort() : [];
  const results: [string, SigmaResult][] = files.map((f) => [f, compileSigma(readFileSync(join(DIR!, f), 'utf8'))]);

  it('every rule compiles or says why not', () => {
    const counts = { compiled: 0, 'not-evaluable': 0, unsupported: 0 };
    for (const [f, r] of results) {
      counts[r.status]++;
      if (r.status !== 'compiled') expect(r.reason.length, f).toBeGreaterThan(10);
      if (r.status === 'not-evaluable') expect(r.fields.length, f).toBeGreaterThan(0);
    }
    const needs = results.filter(([, r]) => r.status === 'compiled' && r.requires.length).length;
    console.info(`Sigma: ${files.length} rules, ${counts.compiled} compiled (${needs} need fields present only in some exports), `
      + `${counts['not-evaluable']} not evaluable, ${counts.unsupported} unsupported`);
    for (const [f, r] of results) if (r.status !== 'compiled') console.info(`  ${r.status}: ${f}: ${r.reason}`);
    expect(counts.compiled).toBeGreaterThan(files.length * 0.8);
  });

  it('the compiled SQL runs, and known rules fire on matching records', async () => {
    const engine = await openNative();
    try {
      await prepare(engine);
      await load(engine, [
        ev({ workload: 'AzureActiveDirectory', action: 'Delete conditional access policy.' }),
        ev({ source: 'github', action: 'repo.destroy', target: 'org/app' }),
      ]);
      const rules = results.flatMap(([, r]) => (r.status === 'compiled' ? [r.rule] : []));
      const run = await runDetections(engine, rules);
      expect(run.rules.filter((s) => s.status === 'errored')).toEqual([]);
      const titles = new Set(run.findings.map((f) => f.title));
      expect(titles).toContain('CA Policy Removed by Non Approved Actor');
      expect([...titles].some((t) => /delete/i.test(t))).toBe(true);
      expect(run.findings.every((f) => f.attribution?.licence === 'DRL 1.1' && f.attribution.author)).toBe(true);
    } finally { await engine.close(); }
  });
});
