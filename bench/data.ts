// Synthetic Purview CSV exports of a target size, generated once and cached under tmp/bench/.

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, MemorySink } from '../fixtures/generate/index.ts';
import { NodeFileSink } from '../fixtures/generate/node-sink.ts';

export interface Dataset { events: number; file: string; bytes: number }

const DAYS = 30;

/** Events per user-day of the M365 stream, measured on a small organisation. */
function rate(): number {
  const r = generate({ seed: 7, users: 60, days: 7, sources: ['m365'], scenarios: [] }, new MemorySink());
  return r.events.m365 / (60 * 7);
}

export function dataset(root: string, target: number): Dataset {
  const dir = join(root, 'tmp/bench', String(target));
  const meta = join(dir, 'meta.json');
  if (existsSync(meta)) return JSON.parse(readFileSync(meta, 'utf8')) as Dataset;
  mkdirSync(dir, { recursive: true });
  const users = Math.max(20, Math.round(target / (rate() * DAYS)));
  process.stderr.write(`bench: generating ~${target} events (${users} users × ${DAYS} days)…\n`);
  const res = generate({ seed: 42, users, days: DAYS, sources: ['m365'], scenarios: 'all' }, new NodeFileSink(dir));
  const file = join(dir, 'm365/purview-audit.csv');
  const data: Dataset = { events: res.events.m365, file, bytes: statSync(file).size };
  writeFileSync(meta, JSON.stringify(data));
  return data;
}
