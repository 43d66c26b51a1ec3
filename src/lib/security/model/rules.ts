// The rules panel's reading of a run: each rule's status in words, and threshold edits turned back into overrides.

import type { ThresholdOverrides } from '../../../core/detect/runner.ts';
import type { Thresholds } from '../../../core/detect/types.ts';
import type { RuleInfo } from '../run/types.ts';

export type StatusKind = 'hits' | 'no-hits' | 'not-evaluable' | 'errored';

export function statusKind(r: RuleInfo): StatusKind {
  const s = r.status;
  if (s.status === 'ok') return s.findings > 0 ? 'hits' : 'no-hits';
  return s.status;
}

/** Never "no hits" for a rule that could not look: not-evaluable names the missing fields, errored the error. */
export function statusText(r: RuleInfo): string {
  const s = r.status;
  if (s.status === 'ok') return s.findings > 0 ? `Ran: ${s.findings} finding${s.findings === 1 ? '' : 's'}` : 'Ran: no hits';
  if (s.status === 'not-evaluable') return `Not evaluable on this data: missing ${s.fields.join(', ')}`;
  return `Failed: ${s.error}`;
}

export type Draft = Record<string, Record<string, string>>;

/**
 * Overrides after editing: every rule's values that differ from its defaults. Blank or non-numeric fields keep the
 * value in force; `errors` names them so the form can say so.
 */
export function applyDraft(rules: readonly RuleInfo[], current: ThresholdOverrides, draft: Draft): { overrides: ThresholdOverrides; errors: string[] } {
  const overrides: ThresholdOverrides = {};
  const errors: string[] = [];
  for (const r of rules) {
    const values: Thresholds = { ...r.defaults, ...(current[r.id] ?? {}) };
    for (const [k, text] of Object.entries(draft[r.id] ?? {})) {
      if (!(k in r.defaults)) continue;
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || n < 0) errors.push(`${r.id} ${k}`);
      else values[k] = n;
    }
    const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => r.defaults[k] !== v));
    if (Object.keys(changed).length) overrides[r.id] = changed;
  }
  return { overrides, errors };
}
