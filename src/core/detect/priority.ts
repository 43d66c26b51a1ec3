// Investigation priority (X10): per identity, Σ severity weight × rarity × time decay over its findings,
// explained by each finding's contribution, with the identity's percentile in the loaded data.

import type { Engine } from '../engine.ts';
import { IDENTITY } from './fields.ts';
import { sql } from './sql.ts';
import type { Finding, Severity } from './types.ts';

export const SEVERITY_WEIGHT: Record<Severity, number> = { low: 1, medium: 3, high: 6, critical: 10 };
export const HALF_LIFE_DAYS = 7;
const DAY = 86_400_000;

export interface Contribution { rule: string; when: number; points: number }

export interface UserRisk { actor: string; score: number; percentile: number; alerts: number; contributions: Contribution[] }

export interface PriorityContext {
  /** Identities in the loaded data (those without findings score 0 and count for percentiles). */
  identities: readonly string[];
  /** The dataset's last event (epoch ms): decay is measured from here, not from today. */
  lastEvent: number;
  halfLifeDays?: number;
}

/** 1 when one identity has the rule's findings, falling towards 0 as every identity has them. */
export function rarity(withRule: number, identities: number): number {
  const n = Math.max(identities, withRule, 1);
  return n <= 1 ? 1 : Math.log(1 + n / Math.max(withRule, 1)) / Math.log(1 + n);
}

export function decay(when: number, lastEvent: number, halfLifeDays = HALF_LIFE_DAYS): number {
  return 0.5 ** (Math.max(0, lastEvent - when) / (halfLifeDays * DAY));
}

export function rankIdentities(findings: readonly Finding[], ctx: PriorityContext): UserRisk[] {
  const known = new Set(ctx.identities);
  const mine = findings.filter((f) => known.has(f.actor));
  const actorsPerRule = new Map<string, Set<string>>();
  for (const f of mine) {
    if (!actorsPerRule.has(f.rule)) actorsPerRule.set(f.rule, new Set());
    actorsPerRule.get(f.rule)!.add(f.actor);
  }
  const byActor = new Map<string, UserRisk>();
  for (const f of mine) {
    const points = SEVERITY_WEIGHT[f.severity] * rarity(actorsPerRule.get(f.rule)!.size, known.size) * decay(f.last, ctx.lastEvent, ctx.halfLifeDays);
    const u = byActor.get(f.actor) ?? { actor: f.actor, score: 0, percentile: 0, alerts: 0, contributions: [] };
    u.score += points;
    u.alerts++;
    u.contributions.push({ rule: f.rule, when: f.last, points: round(points) });
    byActor.set(f.actor, u);
  }
  const users = [...byActor.values()];
  const scores = users.map((u) => u.score);
  const total = Math.max(known.size, users.length);
  for (const u of users) {
    const below = total - users.length + scores.filter((s) => s < u.score - 1e-9).length;
    u.percentile = Math.round((1000 * below) / total) / 10;
    u.score = round(u.score);
    u.contributions.sort((a, b) => b.points - a.points || a.when - b.when);
  }
  return users.sort((a, b) => b.score - a.score || a.actor.localeCompare(b.actor));
}

/** Ranks identities using the loaded data for the identity list and the decay reference time. */
export async function investigationPriority(engine: Engine, findings: readonly Finding[], halfLifeDays?: number): Promise<UserRisk[]> {
  const q = sql`SELECT DISTINCT ${IDENTITY} AS actor FROM events WHERE actor IS NOT NULL AND actor_type NOT IN ('system', 'anonymous')`;
  const ids = await engine.query(q.sql, q.params);
  const [{ last }] = await engine.query('SELECT epoch_ms(max(ts)) AS last FROM events');
  return rankIdentities(findings, { identities: ids.map((r) => String(r.actor)), lastEvent: Number(last ?? 0), halfLifeDays });
}

const round = (x: number) => Math.round(x * 100) / 100;
