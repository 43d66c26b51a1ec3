// `detect [--json] FILE...`: load exports, enrich IPs offline, run the detection pack, rank identities.

import { analyse, type Analysis } from '../core/detect/analyse.ts';
import type { FileCount } from '../core/detect/coverage.ts';
import type { Finding } from '../core/detect/types.ts';
import { loadGeoDbNode } from '../core/enrich/node.ts';
import { parseArgs } from './args.ts';
import { loadFiles } from './load.ts';

export async function runDetect(args: string[]): Promise<number> {
  const { flags, files } = parseArgs(args, ['geo-dir']);
  if (!files.length) throw new Error('detect needs at least one FILE');
  const { engine, result } = await loadFiles(files);
  try {
    const counts: FileCount[] = result.files.map((f) => ({ file: f.file, rows: f.read, first: f.first ? Date.parse(f.first) : null, last: f.last ? Date.parse(f.last) : null }));
    const geoDir = flags.get('geo-dir');
    const a = await analyse(engine, { geo: loadGeoDbNode(typeof geoDir === 'string' ? geoDir : 'public/geo'), files: counts });
    process.stdout.write(flags.get('json') ? `${JSON.stringify(toJson(a))}\n` : text(a));
    return a.rules.some((r) => r.status === 'errored') ? 2 : 0;
  } finally {
    await engine.close();
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function alert(f: Finding) {
  return { rule: f.rule, title: f.title, severity: f.severity, attack: f.attack, actor: f.actor, first: iso(f.first), last: iso(f.last), count: f.count };
}

export function toJson(a: Analysis) {
  return {
    alerts: [...a.findings, ...a.coverage].map(alert),
    users: a.users.map((u) => ({ actor: u.actor, score: u.score, alerts: u.alerts })),
  };
}

function text(a: Analysis): string {
  const lines = [...a.findings, ...a.coverage].map((f) =>
    `${iso(f.first).slice(0, 16)}  ${f.severity.padEnd(8)} ${f.rule.padEnd(22)} ${f.actor}  ${f.evidence}`);
  const users = a.users.slice(0, 20).map((u) => `  ${u.score.toFixed(2).padStart(7)}  p${u.percentile}  ${u.actor} (${u.alerts} alerts)`);
  const bad = a.rules.filter((r) => r.status !== 'ok').map((r) => `  ${r.rule}: ${r.status}${'error' in r ? ` ${r.error}` : ''}${'fields' in r ? ` (${r.fields.join(', ')})` : ''}`);
  return [`${a.findings.length} findings, ${a.coverage.length} coverage notes`, ...lines, '', 'investigation priority:', ...users,
    ...(bad.length ? ['', 'rules not run:', ...bad] : []), ''].join('\n');
}
