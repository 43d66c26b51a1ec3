// `npm test`: unit and engine tests (vitest), then the built app in headless Chromium (vitest + playwright-core).
// Ends with one plain `N passed, N failed, N skipped` line for CI.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const vitest = join(root, 'node_modules/vitest/vitest.mjs');

function run(label, args) {
  process.stdout.write(`\n== ${label} ==\n`);
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, TZ: process.env.TZ ?? 'America/Los_Angeles' } }).status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
function count(file) {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  return true;
}

let failed = 0;
const unitJson = join(out, 'unit.json');
failed |= run('unit and engine tests', [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
if (!count(unitJson)) { totals.failed++; failed = 1; }

const buildStatus = run('build', [join(root, 'scripts/build.mjs')]);
if (buildStatus !== 0) { totals.failed++; failed = 1; }
else {
  const e2eJson = join(out, 'e2e.json');
  failed |= run('end-to-end tests in headless Chromium', [vitest, 'run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eJson}`]);
  if (!count(e2eJson)) { totals.failed++; failed = 1; }
}

process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failed || totals.failed ? 1 : 0);
