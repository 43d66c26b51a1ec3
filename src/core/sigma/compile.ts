// Sigma YAML → a Rule the detection runner executes: detection → WHERE over `events` through the logsource's field map.
// Outcomes: compiled, not-evaluable (a field our data lacks, named), unsupported (a feature we do not implement, with the reason).

import { load } from 'js-yaml';
import type { Query } from '../queries/query.ts';
import { singleEvent } from '../detect/shapes.ts';
import { join, raw, sql } from '../detect/sql.ts';
import type { Rule, Severity } from '../detect/types.ts';
import { ConditionError, expandPattern, parseCondition, type Cond } from './condition.ts';
import { pipelineFor, type Pipeline } from './fieldmap.ts';
import { fieldPredicate, Unsupported, type Scalar } from './predicate.ts';

export interface SigmaMeta { id: string; title: string; author: string; level: string; status: string; tags: string[]; description: string; logsource: string }

export type SigmaResult =
  | { status: 'compiled'; meta: SigmaMeta; rule: Rule; requires: string[] }
  | { status: 'not-evaluable'; meta: SigmaMeta; fields: string[]; reason: string }
  | { status: 'unsupported'; meta: SigmaMeta; reason: string };

const LEVELS: Record<string, Severity> = { informational: 'low', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

class NotEvaluable extends Error { constructor(readonly field: string, reason: string) { super(reason); } }

export function compileSigma(yamlText: string): SigmaResult {
  let doc: Record<string, unknown>;
  try { doc = load(yamlText) as Record<string, unknown>; } catch (e) { return { status: 'unsupported', meta: metaOf({}), reason: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }; }
  if (!doc || typeof doc !== 'object') return { status: 'unsupported', meta: metaOf({}), reason: 'not a Sigma rule (no mapping)' };
  const meta = metaOf(doc);
  if (doc.correlation) return { status: 'unsupported', meta, reason: 'correlation rules are not supported' };
  const det = doc.detection as Record<string, unknown> | undefined;
  if (!det || typeof det !== 'object' || det.condition === undefined) return { status: 'unsupported', meta, reason: 'no detection/condition' };
  const ls = (doc.logsource ?? {}) as Record<string, string>;
  const pipe = pipelineFor(ls);
  if (!pipe) return { status: 'unsupported', meta, reason: `no field map for logsource ${meta.logsource}` };
  if (det.timeframe) return { status: 'unsupported', meta, reason: 'timeframe aggregation is not supported' };
  const requires = new Set<string>();
  const missing = new Set<string>();
  let where: Query;
  try {
    const names = Object.keys(det).filter((k) => k !== 'condition' && k !== 'timeframe');
    const selections = new Map<string, Query>();
    const notes: string[] = [];
    for (const n of names) {
      try { selections.set(n, selection(det[n], pipe, requires)); }
      catch (e) {
        if (!(e instanceof NotEvaluable)) throw e;
        missing.add(e.field); notes.push(e.message);
      }
    }
    if (missing.size) return { status: 'not-evaluable', meta, fields: [...missing], reason: notes.join('; ') };
    const conds = Array.isArray(det.condition) ? det.condition.map(String) : [String(det.condition)];
    where = join(conds.map((c) => condition(parseCondition(c), selections, names)), ' OR ');
  } catch (e) {
    if (e instanceof Unsupported || e instanceof ConditionError) return { status: 'unsupported', meta, reason: e.message };
    throw e;
  }
  const rule: Rule = {
    id: `sigma:${meta.id || meta.title}`, title: meta.title, description: meta.description,
    severity: LEVELS[meta.level] ?? 'medium', attack: attackIds(meta.tags), sources: [...pipe.sources], thresholds: {},
    sql: () => singleEvent({ where: sql`(${pipe.base}) AND (${where})`, evidence: sql`source || ' ' || action || coalesce(' ' || target, '')` }),
    attribution: { id: meta.id, title: meta.title, author: meta.author, licence: 'DRL 1.1' },
  };
  if (requires.size) rule.requiresAttrs = [...requires];
  return { status: 'compiled', meta, rule, requires: [...requires] };
}

function metaOf(doc: Record<string, unknown>): SigmaMeta {
  const ls = (doc.logsource ?? {}) as Record<string, unknown>;
  return {
    id: String(doc.id ?? ''), title: String(doc.title ?? '(untitled)'), author: String(doc.author ?? 'unknown'),
    level: String(doc.level ?? 'medium'), status: String(doc.status ?? ''), description: String(doc.description ?? ''),
    tags: Array.isArray(doc.tags) ? doc.tags.map(String) : [],
    logsource: ['product', 'service', 'category'].map((k) => ls[k]).filter(Boolean).join('/') || '(none)',
  };
}

/** attack.t1078.004 → T1078.004 (technique tags only). */
export function attackIds(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(t)?.[1]?.toUpperCase()).filter((x): x is string => !!x))];
}

/** A search identifier: a map (AND of fields), or a list of maps (OR). Plain lists are keywords. */
function selection(body: unknown, pipe: Pipeline, requires: Set<string>): Query {
  if (Array.isArray(body)) {
    if (body.every((b) => b && typeof b === 'object' && !Array.isArray(b))) return sql`(${join(body.map((b) => selection(b, pipe, requires)), ' OR ')})`;
    throw new Unsupported('keyword (full-text) searches are not supported');
  }
  if (!body || typeof body !== 'object') throw new Unsupported('keyword (full-text) searches are not supported');
  const parts = Object.entries(body as Record<string, unknown>).map(([key, value]) => {
    const [name, ...mods] = key.split('|');
    const field = pipe.field(name);
    if (field.kind === 'missing') throw new NotEvaluable(name, field.reason);
    if (field.kind === 'text') for (const r of field.requires ?? []) requires.add(r);
    const values = (Array.isArray(value) ? value : [value]) as Scalar[];
    if (values.some((v) => v !== null && typeof v === 'object')) throw new Unsupported(`nested value under ${name}`);
    return fieldPredicate(field, mods, values);
  });
  return parts.length ? sql`coalesce((${join(parts, ' AND ')}), FALSE)` : raw('TRUE');
}

function condition(c: Cond, sel: Map<string, Query>, names: readonly string[]): Query {
  switch (c.op) {
    case 'and': case 'or': return sql`(${join(c.args.map((a) => condition(a, sel, names)), c.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not': return sql`(NOT ${condition(c.arg, sel, names)})`;
    case 'ref': {
      const q = sel.get(c.name);
      if (!q) throw new ConditionError(`condition names "${c.name}", which the detection does not define`);
      return q;
    }
    case 'of': {
      const picked = expandPattern(c.pattern, names);
      if (!picked.length) throw new ConditionError(`"${c.pattern}" matches no search identifier`);
      return sql`(${join(picked.map((n) => sel.get(n)!), c.quant === 'all' ? ' AND ' : ' OR ')})`;
    }
  }
}
