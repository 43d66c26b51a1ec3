// `npm run bench [-- --sizes 100k,1m,5m]`: ours (built app in headless Chromium) beside native DuckDB on the same files.

import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../scripts/build.mjs';
import { dataset } from './data.ts';
import { runNative } from './native.ts';
import { runOurs } from './browser.ts';
import { markdown } from './table.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function sizes(argv: string[]): number[] {
  const i = argv.indexOf('--sizes');
  const text = i >= 0 ? argv[i + 1] : '100k,1m';
  return text.split(',').map((s) => {
    const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim());
    if (!m) throw new Error(`bad size: ${s}`);
    return Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2].toLowerCase()] ?? 1));
  });
}

interface Saved { events: number; bytes: number; date?: string; commit?: string; [field: string]: unknown }

/** Rows of the last results for sizes this run does not measure: `--sizes 1m` updates one row, keeps the others. */
function previousRuns(file: string, measuring: number[]): Saved[] {
  if (!existsSync(file)) return [];
  const old = JSON.parse(readFileSync(file, 'utf8')) as { date: string; runs: Saved[] };
  const near = (a: number, b: number) => Math.abs(a - b) / b < 0.2;
  return old.runs.filter((r) => !measuring.some((m) => near(r.events, m))).map((r) => ({ ...r, date: r.date ?? old.date }));
}

async function main() {
  if (build() !== 0) throw new Error('build failed');
  const targets = sizes(process.argv.slice(2));
  const resultsFile = join(root, 'bench/results.json');
  const kept = previousRuns(resultsFile, targets);
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const date = new Date().toISOString();
  const runs: Saved[] = [];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, Chromium (Debian)`;
  const save = () => {
    const all = [...kept, ...runs].sort((a, b) => a.events - b.events);
    const results = { machine, date, runs: all };
    mkdirSync(join(root, 'bench'), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    const md = markdown(results as unknown as Parameters<typeof markdown>[0]);
    writeFileSync(join(root, 'bench/results.md'), md);
    return md;
  };
  for (const target of targets) {
    const data = dataset(root, target);
    // A size that fails (out of memory, a timeout) is written down as such and the next size still runs.
    try {
      process.stderr.write(`bench: ${data.events} events, ${(data.bytes / 1e6).toFixed(0)} MB — native…\n`);
      // Loads of up to 2M events are timed three times and the median kept: this shared machine's speed drifts.
      const repeats = data.events <= 2_000_000 ? 3 : 1;
      const native = await runNative(data.file, repeats);
      process.stderr.write('bench: ours in headless Chromium…\n');
      const ours = await runOurs(data.file, repeats);
      const ingest_ratio = (ours.loaded / ours.ingest_s) / (native.rows / native.ingest_s);
      runs.push({ events: ours.loaded, bytes: data.bytes, date, commit, ours, native: { ingest_s: native.ingest_s, ingest_runs_s: native.ingest_runs_s, detect_s: native.detect_s }, ingest_ratio });
    } catch (e) {
      runs.push({ events: data.events, bytes: data.bytes, date, commit, error: (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200) });
    }
    process.stderr.write(`${JSON.stringify(runs.at(-1))}\n`);
    save();
  }
  process.stdout.write(save());
}

main().catch((e) => { process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`); process.exit(1); });
