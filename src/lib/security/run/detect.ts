// One security analysis of the loaded data, rule by rule so it can report progress and stop when cancelled:
// IP enrichment (the offline database is fetched only when there are IPs it has not seen), the pack and the
// analyst's Sigma rules, coverage notes, investigation priority.

import type { Engine } from '../../../core/engine.ts';
import { coverageFindings } from '../../../core/detect/coverage.ts';
import { investigationPriority } from '../../../core/detect/priority.ts';
import { RULES } from '../../../core/detect/rules/index.ts';
import { runDetections, thresholdsFor, type ThresholdOverrides } from '../../../core/detect/runner.ts';
import type { Finding, Rule, RuleStatus } from '../../../core/detect/types.ts';
import { enrichIps } from '../../../core/enrich/enrich.ts';
import type { GeoDb } from '../../../core/enrich/geo-db.ts';
import { ensureEnrichTables } from '../../../core/enrich/tables.ts';
import { userRules } from './sigma.ts';
import { CANCELLED, type DetectProgress, type DetectRequest, type DetectResult, type RuleInfo } from './types.ts';

export { CANCELLED } from './types.ts';

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: DetectProgress) => void;
  /** Loads the offline IP database; called only when some IP has not been looked up yet. */
  geo: () => Promise<GeoDb | null>;
  pack?: readonly Rule[];
}

/** Keeps only the thresholds a rule has, as finite numbers: the page's inputs never reach SQL as anything else. */
export function cleanOverrides(rules: readonly Rule[], overrides: ThresholdOverrides): ThresholdOverrides {
  const out: ThresholdOverrides = {};
  for (const rule of rules) {
    const given = overrides[rule.id];
    if (!given) continue;
    const kept = Object.entries(given).filter(([k, v]) => k in rule.thresholds && typeof v === 'number' && Number.isFinite(v));
    if (kept.length) out[rule.id] = Object.fromEntries(kept);
  }
  return out;
}

async function needsGeo(engine: Engine): Promise<boolean> {
  const [r] = await engine.query(`SELECT
      EXISTS (SELECT 1 FROM events WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM ip_geo)) AS unseen,
      NOT EXISTS (SELECT 1 FROM country_geo) AND EXISTS (SELECT 1 FROM events WHERE country IS NOT NULL) AS unplaced`);
  return r.unseen === true || r.unplaced === true;
}

export async function runSecurity(engine: Engine, req: DetectRequest, opts: RunOptions): Promise<DetectResult> {
  const started = performance.now();
  const stop = () => { if (opts.signal?.aborted) throw new Error(CANCELLED); };
  const tell = (p: DetectProgress) => opts.onProgress?.(p);

  await ensureEnrichTables(engine);
  let geo: GeoDb | null = null;
  if (await needsGeo(engine)) {
    tell({ phase: 'ip-database', done: 0, total: 1 });
    geo = await opts.geo();
    stop();
    tell({ phase: 'enrich', done: 0, total: 1 });
    await enrichIps(engine, geo);
    stop();
  }
  const enrichment = await enrichmentStats(engine);

  const pack = opts.pack ?? RULES;
  const own = userRules(req.userRules, new Set(pack.map((r) => r.id)));
  const rules = [...pack, ...own.runnable];
  const overrides = cleanOverrides(rules, req.thresholds);
  const findings: Finding[] = [];
  const statuses = new Map<string, RuleStatus>();
  for (const [i, rule] of rules.entries()) {
    stop();
    tell({ phase: 'rules', done: i, total: rules.length, rule: rule.id });
    const run = await runDetections(engine, [rule], overrides);
    findings.push(...run.findings);
    statuses.set(rule.id, run.rules[0]);
  }
  findings.sort((a, b) => a.first - b.first || a.rule.localeCompare(b.rule) || a.actor.localeCompare(b.actor));
  stop();

  tell({ phase: 'coverage', done: 0, total: 1 });
  const coverage = await coverageFindings(engine, req.files);
  stop();
  tell({ phase: 'priority', done: 0, total: 1 });
  const users = await investigationPriority(engine, findings);

  const info: RuleInfo[] = rules.map((rule) => ({
    id: rule.id, title: rule.title, description: rule.description, severity: rule.severity, attack: [...rule.attack],
    sources: [...rule.sources], thresholds: thresholdsFor(rule, overrides), defaults: { ...rule.thresholds },
    origin: own.runnable.includes(rule) ? 'sigma' : 'pack',
    ...(rule.attribution ? { attribution: { ...rule.attribution } } : {}),
    status: statuses.get(rule.id)!,
  }));
  return { findings, coverage, users, rules: [...info, ...own.refused], enrichment, geo: geo?.info.sources ?? null, ms: performance.now() - started };
}

async function enrichmentStats(engine: Engine): Promise<DetectResult['enrichment']> {
  const [r] = await engine.query(`SELECT count(*)::DOUBLE AS ips, count(*) FILTER (WHERE country IS NOT NULL)::DOUBLE AS located,
    count(*) FILTER (WHERE asn IS NOT NULL)::DOUBLE AS asn FROM ip_geo`);
  return { ips: Number(r.ips), located: Number(r.located), withAsn: Number(r.asn) };
}
