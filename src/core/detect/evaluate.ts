// Scores findings against planted scenarios (the synthetic organisation's truth.json).
// A scenario is found when a finding carries one of its ATT&CK ids (or a sub-technique of the same parent),
// names one of its actors (as actor, in the target list, or as the IP), and overlaps its time window.

import type { Finding } from './types.ts';

export interface Scenario { id: string; title?: string; actors: string[]; start: string; end: string; attack: string[] }

export interface ScenarioScore { id: string; found: boolean; recall: number; precision: number | null; rules: string[]; findings: number }

export interface EvalReport {
  scenarios: ScenarioScore[];
  found: number;
  precision: number;
  background: number;
  backgroundPer1000UsersPerMonth: number;
  /** Background findings per rule, most first. */
  backgroundByRule: [string, number][];
}

const SLACK = 60 * 60_000;
const parent = (t: string) => t.split('.')[0];

export const sharesTechnique = (f: Finding, s: Scenario) =>
  f.attack.some((a) => s.attack.includes(a) || s.attack.some((b) => parent(b) === parent(a)));

export function namesActor(f: Finding, s: Scenario): string | null {
  const targets = (f.target ?? '').toLowerCase().split(/,\s*/);
  return s.actors.find((a) => {
    const x = a.toLowerCase();
    return f.actor.toLowerCase() === x || targets.includes(x) || f.ip === a || f.actor.toLowerCase().startsWith(`${x} `);
  }) ?? null;
}

export const inWindow = (f: Finding, s: Scenario) => f.last >= Date.parse(s.start) - SLACK && f.first <= Date.parse(s.end) + SLACK;

export function evaluate(findings: readonly Finding[], scenarios: readonly Scenario[], org: { users: number; days: number }): EvalReport {
  const scores = scenarios.map((s) => {
    const withTechnique = findings.filter((f) => sharesTechnique(f, s));
    const hits = withTechnique.filter((f) => namesActor(f, s) && inWindow(f, s));
    const named = new Set(hits.map((f) => namesActor(f, s)));
    return {
      id: s.id, found: hits.length > 0, recall: s.actors.length ? named.size / s.actors.length : 0,
      precision: withTechnique.length ? hits.length / withTechnique.length : null,
      rules: [...new Set(hits.map((f) => f.rule))].sort(), findings: hits.length,
    };
  });
  const matched = findings.filter((f) => scenarios.some((s) => sharesTechnique(f, s) && namesActor(f, s) && inWindow(f, s)));
  const noise = findings.filter((f) => !scenarios.some((s) => namesActor(f, s) && inWindow(f, s)));
  const byRule = new Map<string, number>();
  for (const f of noise) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  const background = noise.length;
  return {
    scenarios: scores, found: scores.filter((s) => s.found).length,
    precision: findings.length ? matched.length / findings.length : 0,
    background,
    backgroundPer1000UsersPerMonth: org.users && org.days ? background / (org.users / 1000) / (org.days / 30) : 0,
    backgroundByRule: [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  };
}
