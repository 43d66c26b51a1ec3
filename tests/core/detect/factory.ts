// Builds EventRows in code and loads them straight into `events` for rule tests.

import type { Engine } from '../../../src/core/engine.ts';
import type { EventRow } from '../../../src/core/schema/events.ts';
import { BatchWriter } from '../../../src/core/ingest/batch-writer.ts';
import { ensureSchema } from '../../../src/core/ingest/session.ts';
import { ensureEnrichTables } from '../../../src/core/enrich/tables.ts';
import { runDetections } from '../../../src/core/detect/runner.ts';
import { DEFAULT_ALLOW, setAllowList, type AllowEntry } from '../../../src/core/detect/allow-list.ts';
import type { Finding, Rule, Thresholds } from '../../../src/core/detect/types.ts';

export const T0 = Date.UTC(2024, 2, 1, 9, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export function ev(p: Partial<EventRow> & { at?: number }): EventRow {
  const { at, ...rest } = p;
  return {
    ts: T0 + (at ?? 0), source: 'm365', workload: null, category: 'other', action: 'Noop', outcome: 'success',
    actor: 'alice@contoso.com', actorType: 'user', ip: null, userAgent: null, target: null, targetUser: null,
    sessionId: null, appId: null, recordId: null, country: null, attrs: {}, ...rest,
  };
}

/** `n` copies of a row, `stepMs` apart, with `vary(i)` applied. */
export function times(n: number, base: Partial<EventRow> & { at?: number }, stepMs: number, vary: (i: number) => Partial<EventRow> = () => ({})): EventRow[] {
  return Array.from({ length: n }, (_, i) => ev({ ...base, at: (base.at ?? 0) + i * stepMs, ...vary(i) }));
}

export const login = (actor: string, at: number, ip: string, extra: Partial<EventRow> = {}): EventRow =>
  ev({ actor, at, ip, category: 'authentication', action: 'UserLoggedIn', outcome: 'success', workload: 'AzureActiveDirectory', ...extra });

export const failed = (actor: string, at: number, ip: string, extra: Partial<EventRow> = {}): EventRow =>
  ev({ actor, at, ip, category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', workload: 'AzureActiveDirectory', ...extra });

export interface GeoRow { ip: string; country: string; asn?: number; org?: string }

export async function prepare(engine: Engine): Promise<void> {
  await ensureSchema(engine);
  await ensureEnrichTables(engine);
}

export async function load(engine: Engine, rows: EventRow[], geo: GeoRow[] = [], countries: [string, number, number, number][] = COUNTRIES): Promise<void> {
  for (const t of ['events_store', 'ip_geo', 'country_geo']) await engine.query(`DELETE FROM ${t}`);
  const w = new BatchWriter(engine);
  let line = 1;
  for (const r of rows) await w.add(r, 'test', { fileId: 0, line: line++, offset: 0, length: 0 });
  await w.flush();
  for (const g of geo) await engine.query('INSERT INTO ip_geo VALUES (?, ?, ?, ?, NULL, NULL, NULL)', [g.ip, g.country, g.asn ?? null, g.org ?? null]);
  for (const [c, lat, lon, r] of countries) await engine.query('INSERT INTO country_geo VALUES (?, ?, ?, ?)', [c, lat, lon, r]);
}

/** Reference points and radii (km) used by the travel tests; hand-picked, not the shipped table. */
export const COUNTRIES: [string, number, number, number][] = [
  ['US', 39, -98, 1700], ['CA', 56, -106, 1800], ['GB', 54, -2, 260], ['FR', 46, 2, 420], ['DE', 51, 10, 340],
  ['RU', 60, 100, 2300], ['NG', 10, 8, 540], ['AU', -25, 133, 1560], ['BE', 50.8, 4.5, 100],
];

export async function findings(engine: Engine, rule: Rule, rows: EventRow[], opts: { thresholds?: Thresholds; geo?: GeoRow[]; allow?: AllowEntry[] } = {}): Promise<Finding[]> {
  await load(engine, rows, opts.geo ?? []);
  await setAllowList(engine, opts.allow ?? DEFAULT_ALLOW);
  const run = await runDetections(engine, [rule], opts.thresholds ? { [rule.id]: opts.thresholds } : undefined);
  const status = run.rules[0];
  if (status.status !== 'ok') throw new Error(`${rule.id} ${status.status}: ${JSON.stringify(status)}`);
  return run.findings;
}

export interface Case {
  rule: Rule;
  fire: EventRow[];
  miss: EventRow[];
  /** Who the finding must name (actor), when it is not the default actor. */
  actor?: string;
  geo?: GeoRow[];
  thresholds?: Thresholds;
  /** The allow-list for the case (default: the shipped first-party apps). */
  allow?: AllowEntry[];
  check?: (f: Finding[]) => void;
}
