// `verify-trail FILE [--head HASH]`: checks an exported reviewer trail; prints one JSON line, exits 0 if intact.

import { readFile } from 'node:fs/promises';
import { verifyTrail } from '../core/trail/verify.ts';
import { parseArgs } from './args.ts';

export async function runVerifyTrail(args: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  const { flags, files } = parseArgs(args, ['head']);
  if (files.length !== 1) throw new Error('verify-trail needs exactly one FILE');
  const head = flags.get('head');
  const check = await verifyTrail(await readFile(files[0], 'utf8'), { head: typeof head === 'string' ? head : undefined });
  out(`${JSON.stringify(check.ok ? { ok: true, entries: check.entries } : { ok: false, line: check.line, reason: check.reason })}\n`);
  return check.ok ? 0 : 1;
}
