// The analyst's own Sigma rules: compiled in the worker, run beside the pack, reported like any other rule.

import { attackIds, compileSigma, type SigmaResult } from '../../../core/sigma/compile.ts';
import type { Rule, RuleStatus, Severity } from '../../../core/detect/types.ts';
import type { RuleInfo, SigmaCheck } from './types.ts';

const LEVELS: Record<string, Severity> = { informational: 'low', low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** Sigma ids and titles are not unique across files: a repeated id gets a suffix so statuses stay apart. */
function uniqueId(base: string, taken: Set<string>): string {
  let id = base, n = 2;
  while (taken.has(id)) id = `${base} #${n++}`;
  taken.add(id);
  return id;
}

export function checkSigma(yamlText: string): SigmaCheck {
  const r = compileSigma(yamlText);
  const base = { id: r.status === 'compiled' ? r.rule.id : `sigma:${r.meta.id || r.meta.title}`, title: r.meta.title, level: r.meta.level, logsource: r.meta.logsource, attack: attackIds(r.meta.tags) };
  if (r.status === 'compiled') return { status: 'compiled', ...base, ...(r.requires.length ? { fields: r.requires } : {}) };
  if (r.status === 'not-evaluable') return { status: 'not-evaluable', ...base, fields: r.fields, reason: r.reason };
  return { status: 'unsupported', ...base, reason: r.reason };
}

export interface UserRuleSet {
  /** Rules the runner executes. */
  runnable: Rule[];
  /** Rules that could not be compiled, already with their status. */
  refused: RuleInfo[];
}

export function userRules(texts: readonly string[], taken: Set<string>): UserRuleSet {
  const runnable: Rule[] = [];
  const refused: RuleInfo[] = [];
  for (const text of texts) {
    const r: SigmaResult = compileSigma(text);
    if (r.status === 'compiled') {
      runnable.push({ ...r.rule, id: uniqueId(r.rule.id, taken) });
      continue;
    }
    const id = uniqueId(`sigma:${r.meta.id || r.meta.title}`, taken);
    const status: RuleStatus = r.status === 'not-evaluable'
      ? { rule: id, status: 'not-evaluable', fields: r.fields }
      : { rule: id, status: 'errored', error: r.reason };
    refused.push({
      id, title: r.meta.title, description: r.meta.description, severity: LEVELS[r.meta.level] ?? 'medium',
      attack: attackIds(r.meta.tags), sources: [], thresholds: {}, defaults: {}, origin: 'sigma',
      attribution: { id: r.meta.id, title: r.meta.title, author: r.meta.author, licence: 'DRL 1.1' }, status,
    });
  }
  return { runnable, refused };
}
