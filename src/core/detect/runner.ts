// Runs a rule pack. One bad rule never stops the others: it is reported as errored (or not evaluable).

import type { Engine, Row } from '../engine.ts';
import { ensureEnrichTables } from '../enrich/tables.ts';
import { ensureAllowList } from './allow-list.ts';
import type { DetectionRun, Finding, Rule, RuleStatus, Thresholds } from './types.ts';

/** Per-rule overrides: `{ 'X3.spray': { minUsers: 5 } }`. */
export type ThresholdOverrides = Record<string, Thresholds>;

export function thresholdsFor(rule: Rule, overrides?: ThresholdOverrides): Thresholds {
  return { ...rule.thresholds, ...(overrides?.[rule.id] ?? {}) };
}

export async function runDetections(engine: Engine, rules: readonly Rule[], overrides?: ThresholdOverrides): Promise<DetectionRun> {
  await ensureEnrichTables(engine);
  await ensureAllowList(engine);
  const present = rules.some((r) => r.requiresAttrs?.length) ? await attrKeys(engine) : new Set<string>();
  const findings: Finding[] = [];
  const statuses: RuleStatus[] = [];
  for (const rule of rules) {
    if (rule.notEvaluable?.length) { statuses.push({ rule: rule.id, status: 'not-evaluable', fields: rule.notEvaluable }); continue; }
    const missing = (rule.requiresAttrs ?? []).filter((k) => !present.has(k));
    if (missing.length) { statuses.push({ rule: rule.id, status: 'not-evaluable', fields: missing }); continue; }
    try {
      const q = rule.sql(thresholdsFor(rule, overrides));
      const rows = await engine.query(q.sql, q.params);
      const mine = rows.map((r) => toFinding(rule, r));
      findings.push(...mine);
      statuses.push({ rule: rule.id, status: 'ok', findings: mine.length });
    } catch (e) {
      statuses.push({ rule: rule.id, status: 'errored', error: e instanceof Error ? e.message : String(e) });
    }
  }
  findings.sort((a, b) => a.first - b.first || a.rule.localeCompare(b.rule) || a.actor.localeCompare(b.actor));
  return { findings, rules: statuses };
}

async function attrKeys(engine: Engine): Promise<Set<string>> {
  const rows = await engine.query('SELECT DISTINCT unnest(map_keys(attrs)) AS k FROM events');
  return new Set(rows.map((r) => String(r.k)));
}

function toFinding(rule: Rule, r: Row): Finding {
  const f: Finding = {
    rule: rule.id, title: rule.title, severity: rule.severity, attack: rule.attack,
    actor: String(r.actor ?? '(unknown)'),
    first: Number(r.first), last: Number(r.last ?? r.first),
    count: Number(r.count ?? 1),
    evidence: String(r.evidence ?? ''),
  };
  if (r.ip !== null && r.ip !== undefined) f.ip = String(r.ip);
  if (r.target !== null && r.target !== undefined) f.target = String(r.target);
  if (rule.attribution) f.attribution = rule.attribution;
  return f;
}
