// `productivity`: collaboration trends by department, reporting tree or level, as the privacy layer releases
// them (docs/productivity.md). Nothing person-level is ever printed.

import { MemoryNoiseStore, PrivacyLedger } from '../core/privacy/ledger.ts';
import { POLICY, PolicyError } from '../core/privacy/policy.ts';
import { createWorkspaceKey } from '../core/privacy/pseudonym.ts';
import type { Release } from '../core/privacy/release.ts';
import { METRICS, type MetricId } from '../core/productivity/catalogue.ts';
import { DIMENSIONS, type Dimension } from '../core/productivity/groups.ts';
import { productivityTrends } from '../core/productivity/trends.ts';
import { parseArgs } from './args.ts';
import { loadFiles } from './load.ts';

const VALUED = ['by', 'min-group', 'period', 'viewer', 'epsilon', 'budget', 'metrics', 'population'];

class UsageError extends Error {}

export async function runProductivity(args: string[]): Promise<number> {
  let opts;
  try { opts = options(args); } catch (e) {
    if (!(e instanceof UsageError || e instanceof PolicyError)) throw e;
    process.stderr.write(`auditlens productivity: ${e.message}\n`);
    return 64;
  }
  const { engine, result, unreadable } = await loadFiles(opts.files);
  try {
    const reports = [...unreadable, ...result.files];
    for (const f of reports) if (f.fatal) process.stderr.write(`auditlens productivity: ${f.file}: ${f.fatal}\n`);
    const onNote = (note: string) => process.stderr.write(`auditlens productivity: note: ${note}\n`);
    const out = await productivityTrends(engine, { ...opts, key: await createWorkspaceKey(), onNote });
    process.stdout.write(opts.json ? `${JSON.stringify(exported(out))}\n` : text(out));
    return reports.some((f) => f.fatal) ? 2 : 0;
  } finally {
    await engine.close();
  }
}

function options(args: string[]) {
  let parsed;
  try { parsed = parseArgs(args, VALUED); } catch (e) { throw new UsageError((e as Error).message); }
  const { flags, files } = parsed;
  const str = (k: string) => { const v = flags.get(k); return typeof v === 'string' ? v : undefined; };
  if (!files.length) throw new UsageError('needs at least one FILE');
  const by = (str('by') ?? 'department').split(',').map((d) => d.trim()) as Dimension[];
  if (!by.every((d) => DIMENSIONS.includes(d))) throw new UsageError(`--by must be one or more of ${DIMENSIONS.join(', ')} (comma-separated)`);
  const period = str('period') ?? 'block';
  if (period !== 'block' && period !== 'week') throw new UsageError('--period must be block (4 weeks) or week');
  const minGroup = str('min-group') === undefined ? POLICY.minGroup : Number(str('min-group'));
  const allowSmallGroups = flags.get('allow-small-groups') === true;
  if (!Number.isInteger(minGroup) || minGroup < 2) throw new UsageError('--min-group must be a whole number of at least 2');
  if (minGroup < POLICY.minGroup && !allowSmallGroups) {
    throw new UsageError(`--min-group ${minGroup} is below the floor of ${POLICY.minGroup}; pass --allow-small-groups to accept the re-identification risk`);
  }
  const population = (str('population') ?? 'auto') as 'auto' | 'directory' | 'viva';
  if (!['auto', 'directory', 'viva'].includes(population)) throw new UsageError('--population must be auto, directory or viva');
  const metrics = str('metrics')?.split(',').map((m) => m.trim()) as MetricId[] | undefined;
  const unknown = metrics?.filter((m) => !METRICS.some((d) => d.id === m));
  if (unknown?.length) throw new UsageError(`unknown metric ${unknown.join(', ')}; known: ${METRICS.map((m) => m.id).join(', ')}`);
  const dp = flags.get('dp') === true
    ? { epsilon: Number(str('epsilon') ?? 1), budgetPerPeriod: Number(str('budget') ?? POLICY.maxBudgetPerPeriod), store: new MemoryNoiseStore(), ledger: new PrivacyLedger() }
    : null;
  return {
    files, by, minGroup, allowSmallGroups, metrics, dp, population, resolution: period as 'block' | 'week',
    viewer: str('viewer') ?? null, json: flags.get('json') === true,
  };
}

/** Exactly what a screen shows: no more. */
function exported(r: Release) {
  return { minGroup: r.minGroup, groups: r.groups, suppressed: r.suppressed, ...(r.dp ? { dp: r.dp } : {}) };
}

function text(r: Release): string {
  const lines = r.groups.map((c) => [c.group, c.period, `${c.members} people`,
    ...Object.entries(c.metrics).map(([k, v]) => `${k}=${v ?? '—'}`)].join('\t'));
  lines.push(`minimum group ${r.minGroup}; ${r.suppressed} group-periods not shown`);
  if (r.dp) lines.push(`ε per statistic ${r.dp.epsilonPerStatistic}, budget ${r.dp.budgetPerPeriod} per person and period, ${r.dp.refused} refused`);
  return `${lines.join('\n')}\n`;
}
