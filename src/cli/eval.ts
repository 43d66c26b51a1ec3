// `eval`: generate the synthetic organisation (or read --dir DIR with truth.json), run the detection pack,
// and print precision/recall per planted scenario plus the benign-background rate (alert units per 1,000 users per 30 days).

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse } from '../core/detect/analyse.ts';
import { evaluate, type EvalReport, type Scenario } from '../core/detect/evaluate.ts';
import { loadGeoDbNode } from '../core/enrich/node.ts';
import { parseArgs } from './args.ts';
import { loadFiles } from './load.ts';

interface Truth { users: number; days: number; scenarios: Scenario[] }

async function generateInto(dir: string, seed: number, users: number, days: number): Promise<void> {
  const gen = await import('../../fixtures/generate/index.ts');
  const { NodeFileSink } = await import('../../fixtures/generate/node-sink.ts');
  gen.generate({ seed, users, days, sources: [...gen.ALL_SOURCES], scenarios: 'all' }, new NodeFileSink(dir));
}

export async function runEval(args: string[]): Promise<number> {
  const { flags } = parseArgs(args, ['dir', 'seed', 'users', 'days']);
  const given = flags.get('dir');
  const dir = typeof given === 'string' ? given : mkdtempSync(join(tmpdir(), 'auditlens-eval-'));
  try {
    if (typeof given !== 'string') {
      const num = (k: string, d: number) => (typeof flags.get(k) === 'string' ? Number(flags.get(k)) : d);
      await generateInto(dir, num('seed', 1), num('users', 300), num('days', 21));
    }
    const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f !== 'truth.json' && /\.(json|jsonl|csv|gz|zip)$/i.test(f)).map((f) => join(dir, f));
    const { engine } = await loadFiles(files);
    try {
      const a = await analyse(engine, { geo: loadGeoDbNode('public/geo') });
      const report = evaluate(a.findings, truth.scenarios, truth);
      process.stdout.write(flags.get('json') ? `${JSON.stringify(report)}\n` : table(report, a.findings.length, Boolean(flags.get('verbose'))));
      return 0;
    } finally { await engine.close(); }
  } finally {
    if (typeof given !== 'string') rmSync(dir, { recursive: true, force: true });
  }
}

function table(r: EvalReport, total: number, verbose: boolean): string {
  const pct = (x: number | null) => (x === null ? '   –' : `${Math.round(x * 100)}%`.padStart(4));
  const rows = r.scenarios.map((s) => `${s.id.padEnd(30)} ${s.found ? 'found ' : 'MISSED'} recall ${pct(s.recall)}  precision ${pct(s.precision)}  ${s.rules.join(', ')}`);
  const bg = r.background;
  const listed = bg.findings.map((f) => `  ${new Date(f.first).toISOString().slice(0, 16)} ${f.rule} [${f.severity}] ${f.actor}: ${f.evidence.slice(0, 120)}`);
  return [...rows, '',
    `scenarios found: ${r.found}/${r.scenarios.length}; findings: ${total}, ${Math.round(r.precision * 100)}% on planted scenarios`,
    `benign background (alert units = distinct rule, identity, day), per 1,000 users per 30 days:`,
    `  all severities: ${bg.all.units} units = ${bg.all.per1000UsersPerMonth.toFixed(1)}`,
    `  medium and up:  ${bg.mediumPlus.units} units = ${bg.mediumPlus.per1000UsersPerMonth.toFixed(1)}`,
    `  by rule: ${bg.byRule.map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none'}`,
    ...(verbose ? listed : listed.slice(0, 10)), ...(!verbose && listed.length > 10 ? [`  … ${listed.length - 10} more (--verbose)`] : []), ''].join('\n');
}
