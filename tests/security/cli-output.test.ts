// The CLI prints file names and row-error reasons that quote log content; a terminal must never receive
// control sequences planted in a log (escape injection: clearing the screen, retitling it, fake hyperlinks).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLine, m365Csv } from '../../fixtures/hostile/content.ts';

const root = resolve(import.meta.dirname, '../..');
const ESCAPES = '\u001b]0;owned\u001b\\\u001b[2J\u001b[31mred\u009b0m';

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
}

describe('CLI output with log-planted control characters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-esc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'escapes.csv');
  // 20 good rows first so the sniffer sees a normal export; the bad time on line 22 is quoted in the reason.
  writeFileSync(file, `${m365Csv(20, 'esc')}${csvLine(['esc-x', ESCAPES, '6', 'FileAccessed', 'a@contoso.example', '{"Operation":"x"}'])}\r\n`);

  // JSON.stringify escapes C0 controls only; C1 (U+0080–U+009F) stays raw in --json output (noted in SECURITY.md).
  it('--json escapes C0 controls (JSON text)', () => {
    const r = cli('ingest', '--json', file);
    expect(r.stdout.trimEnd()).not.toMatch(/[\u0000-\u001f]/);
    const report = JSON.parse(r.stdout).files[0];
    expect(report).toMatchObject({ read: 21, loaded: 20, rejected: 1 });
    expect(report.errors[0].line).toBe(22);
  });

  // Bug (src/cli/ingest.ts table()): reasons such as "no valid time in CreationDate: '<value>'" (from
  // formats/fields.ts requireTime) are written to the terminal raw, ESC sequences included. Fix: in table(),
  // show C0/C1 controls visibly, e.g. s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).
  it('the table output never writes a control character other than tab and newline', () => {
    const r = cli('ingest', file);
    expect(r.stdout).toMatch(/line 22: /);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
