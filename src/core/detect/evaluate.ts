// Scores findings against planted scenarios (the synthetic organisation's truth.json).
// A scenario is found when a finding carries one of its ATT&CK ids (or a sub-technique of the same parent),
// names one of its actors (as actor, in the target list, or as the IP), and overlaps its time window (± 1 h).
// Everything that names no planted actor in a planted window is benign background; its rate is counted in
// alert units — distinct (rule, identity, UTC day) — per 1,000 users per 30 days, at all severities and at medium+.

import type { Finding, Severity } from './types.ts';

export interface Scenario { id: string; title?: string; actors: string[]; start: string; end: string; attack: string[] }

export interface ScenarioScore {
  id: string;
  found: boolean;
  /** Share of the scenario's actors named by a finding that found it. */
  recall: number;
  /** Of the findings carrying one of its techniques, the share about this scenario (other scenarios' findings left out); null when none. */
  precision: number | null;
  rules: string[];
  findings: number;
}

export interface BackgroundRate { units: number; per1000UsersPerMonth: number }

export interface EvalReport {
  scenarios: ScenarioScore[];
  found: number;
  /** Share of all findings that are about a planted scenario (its technique, actor and window). */
  precision: number;
  background: {
    all: BackgroundRate;
    mediumPlus: BackgroundRate;
    /** Alert units per rule, most first. */
    byRule: [string, number][];
    /** One finding per alert unit, in time order. */
    findings: Finding[];
  };
}

const SLACK = 60 * 60_000;
const DAY = 86_400_000;
const parent = (t: string) => t.split('.')[0];
const MEDIUM_PLUS: ReadonlySet<Severity> = new Set(['medium', 'high', 'critical']);

export const sharesTechnique = (f: Finding, s: Scenario) =>
  f.attack.some((a) => s.attack.includes(a) || s.attack.some((b) => parent(b) === parent(a)));

/** Every actor of the scenario the finding names: as its actor, in its target list, or as its IP. */
export function namedActors(f: Finding, s: Scenario): string[] {
  const targets = (f.target ?? '').toLowerCase().split(/,\s*/);
  const actor = f.actor.toLowerCase();
  return s.actors.filter((a) => {
    const x = a.toLowerCase();
    return actor === x || targets.includes(x) || f.ip === a || actor.startsWith(`${x} `);
  });
}

export const namesActor = (f: Finding, s: Scenario): string | null => namedActors(f, s)[0] ?? null;

export const inWindow = (f: Finding, s: Scenario) => f.last >= Date.parse(s.start) - SLACK && f.first <= Date.parse(s.end) + SLACK;

const about = (f: Finding, s: Scenario) => namesActor(f, s) !== null && inWindow(f, s);

/** The alert unit a finding counts as: rule, identity, UTC day of its start. */
export const alertUnit = (f: Finding) => `${f.rule}\u0000${f.actor.toLowerCase()}\u0000${Math.floor(f.first / DAY)}`;

function rate(units: number, org: { users: number; days: number }): BackgroundRate {
  return { units, per1000UsersPerMonth: org.users && org.days ? units / (org.users / 1000) / (org.days / 30) : 0 };
}

export function evaluate(findings: readonly Finding[], scenarios: readonly Scenario[], org: { users: number; days: number }): EvalReport {
  const planted = (f: Finding) => scenarios.some((s) => about(f, s));
  const noise = findings.filter((f) => !planted(f));
  const scores = scenarios.map((s): ScenarioScore => {
    const withTechnique = findings.filter((f) => sharesTechnique(f, s));
    const hits = withTechnique.filter((f) => about(f, s));
    const named = new Set(hits.flatMap((f) => namedActors(f, s)));
    const falseHits = withTechnique.filter((f) => !planted(f)).length;
    return {
      id: s.id, found: hits.length > 0, recall: s.actors.length ? named.size / s.actors.length : 0,
      precision: hits.length + falseHits ? hits.length / (hits.length + falseHits) : null,
      rules: [...new Set(hits.map((f) => f.rule))].sort(), findings: hits.length,
    };
  });
  const matched = findings.filter((f) => scenarios.some((s) => sharesTechnique(f, s) && about(f, s)));

  const units = new Map<string, Finding>();
  for (const f of [...noise].sort((a, b) => a.first - b.first)) if (!units.has(alertUnit(f))) units.set(alertUnit(f), f);
  const kept = [...units.values()];
  const byRule = new Map<string, number>();
  for (const f of kept) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  return {
    scenarios: scores, found: scores.filter((s) => s.found).length,
    precision: findings.length ? matched.length / findings.length : 0,
    background: {
      all: rate(kept.length, org),
      mediumPlus: rate(kept.filter((f) => MEDIUM_PLUS.has(f.severity)).length, org),
      byRule: [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      findings: kept,
    },
  };
}
