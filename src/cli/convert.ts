import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from './args.ts';
import { loadFiles } from './load.ts';
import { writeParquet } from './parquet.ts';

export async function runConvert(args: string[]): Promise<number> {
  const { flags, files } = parseArgs(args, ['out']);
  const out = flags.get('out');
  if (typeof out !== 'string' || !files.length) throw new Error('usage: convert --out DIR FILE...');
  await mkdir(out, { recursive: true });
  const { engine, result, unreadable } = await loadFiles(files);
  const target = resolve(join(out, 'events.parquet'));
  const n = await writeParquet(engine, target);
  await engine.close();
  const all = [...result.files, ...unreadable];
  process.stdout.write(`${JSON.stringify({ out: target, events: n, files: all.map((f) => ({ file: f.file, format: f.format, read: f.read, loaded: f.loaded, rejected: f.rejected, duplicates: f.duplicates, fatal: f.fatal })) })}\n`);
  return all.some((f) => f.fatal) ? 2 : 0;
}
