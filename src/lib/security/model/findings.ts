// The findings list as the analyst reads it: filtered by the page's and the global filters, ranked so the
// most serious finding about the most suspicious identity comes first.

import { SEVERITIES, type Finding, type Severity } from '../../../core/detect/types.ts';
import type { UserRisk } from '../../../core/detect/priority.ts';
import type { RuleInfo } from '../run/types.ts';

export interface FindingFilter {
  severity: readonly Severity[];
  rule: string | null;
  technique: string | null;
  /** Global filter lists: a finding matches a source when its rule reads that source. */
  source: readonly string[];
  actor: readonly string[];
  ip: readonly string[];
  /** Global time range: a finding is shown when its first–last span overlaps [from, to). */
  from: number | null;
  to: number | null;
}

export const noFindingFilter = (): FindingFilter => ({ severity: [], rule: null, technique: null, source: [], actor: [], ip: [], from: null, to: null });

export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/** ATT&CK sub-techniques match their parent: T1110 selects T1110.003 too. */
export const hasTechnique = (f: Finding, t: string) => f.attack.some((a) => a === t || a.startsWith(`${t}.`));

export function matches(f: Finding, filter: FindingFilter, rules: ReadonlyMap<string, RuleInfo>): boolean {
  if (filter.severity.length && !filter.severity.includes(f.severity)) return false;
  if (filter.rule && f.rule !== filter.rule) return false;
  if (filter.technique && !hasTechnique(f, filter.technique)) return false;
  if (filter.actor.length && !filter.actor.includes(f.actor)) return false;
  if (filter.ip.length && !(f.ip && filter.ip.includes(f.ip)) && !filter.ip.includes(f.actor)) return false;
  if (filter.source.length) {
    const sources = rules.get(f.rule)?.sources ?? [];
    if (!sources.some((s) => filter.source.includes(s))) return false;
  }
  if (filter.from !== null && f.last < filter.from) return false;
  if (filter.to !== null && f.first >= filter.to) return false;
  return true;
}

/** Most severe first; among equals, the identity with the higher investigation priority, then the most recent. */
export function rankFindings(findings: readonly Finding[], users: readonly UserRisk[]): Finding[] {
  const score = new Map(users.map((u) => [u.actor, u.score]));
  return [...findings].sort((a, b) =>
    severityRank(b.severity) - severityRank(a.severity)
    || (score.get(b.actor) ?? 0) - (score.get(a.actor) ?? 0)
    || b.last - a.last
    || a.rule.localeCompare(b.rule) || a.actor.localeCompare(b.actor));
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

export interface Facet { key: string; label: string; n: number }

/** The rules and techniques present in the findings, most frequent first, for the filter menus. */
export function facets(findings: readonly Finding[]): { rules: Facet[]; techniques: Facet[] } {
  const rules = new Map<string, Facet>();
  const techniques = new Map<string, Facet>();
  for (const f of findings) {
    const r = rules.get(f.rule) ?? { key: f.rule, label: f.title, n: 0 };
    r.n++;
    rules.set(f.rule, r);
    for (const t of f.attack) {
      const e = techniques.get(t) ?? { key: t, label: t, n: 0 };
      e.n++;
      techniques.set(t, e);
    }
  }
  const order = (a: Facet, b: Facet) => b.n - a.n || a.key.localeCompare(b.key);
  return { rules: [...rules.values()].sort(order), techniques: [...techniques.values()].sort(order) };
}

/** A stable key for one finding (rule, identity, start), for list keys and links. */
export const findingKey = (f: Finding) => `${f.rule}|${f.actor}|${f.first}|${f.ip ?? ''}|${f.target ?? ''}`;

const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]+)$/i;

/** Some findings are about an address (password spray), not a person. */
export const isAddress = (value: string) => IP.test(value);

const DAY = 86_400_000;

/** Findings per UTC day (by their first time) and severity, for the timeline. */
export function findingsPerDay(findings: readonly Finding[]): { x: number; series: string; n: number }[] {
  const counts = new Map<string, { x: number; series: string; n: number }>();
  for (const f of findings) {
    const x = Math.floor(f.first / DAY) * DAY;
    const key = `${x}|${f.severity}`;
    const row = counts.get(key) ?? { x, series: f.severity, n: 0 };
    row.n++;
    counts.set(key, row);
  }
  return [...counts.values()].sort((a, b) => a.x - b.x || a.series.localeCompare(b.series));
}

export const CSV_COLUMNS = ['severity', 'rule', 'title', 'actor', 'first', 'last', 'count', 'attack', 'evidence', 'ip', 'target'] as const;

/** Rows for the CSV export (times as dates, so the CSV writer prints them in ISO UTC). */
export const csvRows = (findings: readonly Finding[]) => findings.map((f) => ({
  severity: f.severity, rule: f.rule, title: f.title, actor: f.actor, first: new Date(f.first), last: new Date(f.last),
  count: f.count, attack: f.attack.join(' '), evidence: f.evidence, ip: f.ip ?? '', target: f.target ?? '',
}));
