import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const cli = (...args: string[]) => run('npx', ['tsx', 'src/cli/main.ts', 'productivity', ...args], { cwd: ROOT })
  .then((r) => ({ code: 0, ...r }), (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }));

const dir = mkdtempSync(join(tmpdir(), 'auditlens-productivity-'));
const usage = join(dir, 'EmailActivityUserDetail.csv');
writeFileSync(usage, ['\uFEFFReport Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period',
  ...Array.from({ length: 12 }, (_, i) => `2024-04-22,user${i}@x.test,User ${i},False,,2024-04-21,${i + 1},10,5,0,0,E3,7`)].join('\r\n'));

describe('productivity CLI', () => {
  it('prints only publishable cells as JSON', async () => {
    const r = await cli('--json', '--metrics', 'emails_sent,read_rate', usage);
    expect(r.code).toBe(0);
    // 12 people, sends 1..12 → 6.5; each read 5 of 10 → 0.5. No directory: everyone is in department "(none)".
    const cell = { period: '2024-04-15/P4W', members: 12, metrics: { emails_sent: 6.5, read_rate: 0.5 } };
    expect(JSON.parse(r.stdout)).toEqual({
      minGroup: 10, groups: [{ group: 'all', ...cell }, { group: 'department:(none)', ...cell }], suppressed: 0,
    });
    expect(r.stdout).not.toMatch(/user\d|@/);
  }, 60_000);

  it('refuses a minimum group size below 10 unless --allow-small-groups is given', async () => {
    const refused = await cli('--json', '--min-group', '5', usage);
    expect(refused.code).toBe(64);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/below the floor of 10.*--allow-small-groups/);
    const allowed = await cli('--json', '--min-group', '5', '--allow-small-groups', '--by', 'level', usage);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).minGroup).toBe(5);
  }, 60_000);
});
