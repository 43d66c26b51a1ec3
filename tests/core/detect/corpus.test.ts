// Replays the labelled Panther test events (../shared/corpus) through our real parsers and the mapped detections in
// per-event mode, and reports agreement per Panther rule. Skipped with a message when the corpus is absent.

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { PANTHER_MAP, predicateThresholds } from '../../../src/core/detect/panther-map.ts';
import { RULES } from '../../../src/core/detect/rules/index.ts';
import { runDetections } from '../../../src/core/detect/runner.ts';
import { FORMATS } from '../../../src/core/ingest/formats/index.ts';
import { ingest } from '../../../src/core/ingest/session.ts';
import { openNative } from '../../../workers/engine/native.ts';
import { prepare } from './factory.ts';
import { githubEntry, gwsActivity, passThrough } from './panther-adapt.ts';

const DIR = [resolve('../shared/corpus'), '/work/shared/corpus'].find((d) => existsSync(join(d, 'MANIFEST.tsv')));
if (!DIR) console.warn('shared corpus not found (../shared/corpus): skipping the Panther replay');

const FILES: [string, (log: Record<string, unknown>) => Record<string, unknown>][] = [
  ['m365_ual/panther_Microsoft365.Audit_tests.jsonl', passThrough],
  ['entra_id/panther_Azure.Audit_tests.jsonl', passThrough],
  ['github/panther_GitHub.Audit_tests.jsonl', githubEntry],
  ['google_workspace/panther_GSuite.ActivityEvent_tests.jsonl', gwsActivity],
];

interface Case { file: string; rule: string; name: string; expected: boolean; log: Record<string, unknown>; adapt: (l: Record<string, unknown>) => Record<string, unknown> }
interface Row { rule: string; ours: string; tests: number; agree: number; fp: number; fn: number; unparsed: number }

describe.skipIf(!DIR)('Panther labelled events replayed through our parsers and detections', () => {
  const cases: Case[] = DIR ? FILES.flatMap(([file, adapt]) => readFileSync(join(DIR, file), 'utf8').split('\n').filter(Boolean).map((l) => {
    const d = JSON.parse(l);
    return { file, rule: d._rule_id, name: d._test_name, expected: d._expected === true, log: d.log, adapt };
  })) : [];
  let engine: Engine;
  const rows = new Map<string, Row>();
  beforeAll(async () => { engine = await openNative(); await prepare(engine); });
  afterAll(async () => { await engine.close(); });

  it('agrees with the labels of the mapped Panther rules', async () => {
    const overrides = Object.fromEntries(RULES.map((r) => [r.id, predicateThresholds(r.thresholds)]));
    for (const c of cases) {
      const ours = PANTHER_MAP[c.rule];
      if (!ours) continue;
      const row = rows.get(c.rule) ?? { rule: c.rule, ours: ours.join(', '), tests: 0, agree: 0, fp: 0, fn: 0, unparsed: 0 };
      rows.set(c.rule, row);
      row.tests++;
      await engine.query('DELETE FROM events_store');
      const text = JSON.stringify(c.adapt(c.log));
      const res = await ingest(engine, [{ blob: new Blob([text]), name: 'event.json' }], { formats: FORMATS, retentionMonths: 1200 });
      if (res.events === 0) { row.unparsed++; if (c.expected) row.fn++; else row.agree++; continue; }
      const run = await runDetections(engine, RULES.filter((r) => ours.includes(r.id)), overrides);
      const fired = run.findings.length > 0;
      if (fired === c.expected) row.agree++; else if (fired) row.fp++; else row.fn++;
    }
    const table = [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule));
    const total = table.reduce((s, r) => ({ tests: s.tests + r.tests, agree: s.agree + r.agree, unparsed: s.unparsed + r.unparsed }), { tests: 0, agree: 0, unparsed: 0 });
    const unmapped = [...new Set(cases.map((c) => c.rule).filter((r) => !PANTHER_MAP[r]))].sort();
    console.info(['| Panther rule | our detection(s) | tests | agree | false pos. | false neg. | not parsed |', '|---|---|---|---|---|---|---|',
      ...table.map((r) => `| ${r.rule} | ${r.ours} | ${r.tests} | ${r.agree} | ${r.fp} | ${r.fn} | ${r.unparsed} |`),
      `| **total** | | ${total.tests} | ${total.agree} (${Math.round((100 * total.agree) / total.tests)}%) | | | ${total.unparsed} |`,
      '', `unmapped Panther rules (coverage gaps): ${unmapped.join(', ')}`].join('\n'));
    expect(total.tests).toBeGreaterThan(150);
    // A floor to catch regressions; deliberate deviations are documented in docs/detections.md.
    expect(total.agree / total.tests).toBeGreaterThan(0.8);
  }, 120_000);
});
