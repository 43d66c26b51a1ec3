// Collection coverage (X11): what the loaded exports cannot show. Truncated files, missing workloads, and gaps
// where one source goes quiet while the others continue. Reported as findings so "no findings" is never silent.

import type { Engine } from '../engine.ts';
import type { Finding, Severity } from './types.ts';

/** Row caps of common export paths: Search-UnifiedAuditLog page/session, and a frequent tool/UI ceiling. */
export const TRUNCATION_CAPS = [5_000, 50_000, 1_000_000];

export interface FileCount { file: string; rows: number; first?: number | null; last?: number | null }

const finding = (rule: string, title: string, severity: Severity, actor: string, first: number, last: number, count: number, evidence: string): Finding =>
  ({ rule, title, severity, attack: [], actor, first, last, count, evidence });

export function truncationFindings(files: readonly FileCount[]): Finding[] {
  return files.filter((f) => TRUNCATION_CAPS.includes(f.rows)).map((f) => finding(
    'X11.truncated', 'Export looks truncated', 'medium', f.file, f.first ?? 0, f.last ?? f.first ?? 0, f.rows,
    `${f.file} holds exactly ${f.rows.toLocaleString('en-US')} rows, a known export cap: later records are probably missing`));
}

const EXPECTED: { source: string; label: string; test: string; needs: string[] }[] = [
  { source: 'm365', label: 'workload', test: `lower(workload)`, needs: ['exchange', 'sharepoint', 'azureactivedirectory'] },
  { source: 'gws', label: 'application', test: `lower(workload)`, needs: ['login', 'token', 'drive'] },
  { source: 'github', label: 'git events', test: `CASE WHEN action LIKE 'git.%' THEN 'git.*' END`, needs: ['git.*'] },
];

export async function missingWorkloadFindings(engine: Engine): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const e of EXPECTED) {
    const rows = await engine.query(`SELECT DISTINCT ${e.test} AS w, epoch_ms(min(ts) OVER ()) AS f, epoch_ms(max(ts) OVER ()) AS l
      FROM events WHERE source = ?`, [e.source]);
    if (!rows.length) continue;
    const present = new Set(rows.map((r) => r.w));
    const missing = e.needs.filter((n) => !present.has(n));
    if (missing.length) out.push(finding('X11.missing', 'Expected data missing from a source', 'low', e.source,
      Number(rows[0].f), Number(rows[0].l), missing.length, `${e.source} loaded without ${e.label} ${missing.join(', ')}: detections on it cannot fire`));
  }
  return out;
}

export async function gapFindings(engine: Engine, minHours = 24): Promise<Finding[]> {
  const rows = await engine.query(`WITH s AS (SELECT source, ts, lead(ts) OVER (PARTITION BY source ORDER BY ts) AS nxt FROM events),
      g AS (SELECT source, ts AS a, nxt AS b FROM s WHERE nxt IS NOT NULL AND date_diff('second', ts, nxt) > ? * 3600)
    SELECT g.source, epoch_ms(g.a) AS a, epoch_ms(g.b) AS b,
      (SELECT count(*) FROM events o WHERE o.source <> g.source AND o.ts > g.a AND o.ts < g.b) AS others
    FROM g ORDER BY g.a`, [minHours]);
  return rows.filter((r) => Number(r.others) > 0).map((r) => {
    const hours = Math.round((Number(r.b) - Number(r.a)) / 3_600_000);
    return finding('X11.gap', 'Source went quiet while others continued', 'medium', String(r.source), Number(r.a), Number(r.b), hours,
      `no ${r.source} events for ${hours} h while ${r.others} events of other sources arrived: collection gap or logging disabled`);
  });
}

export async function coverageFindings(engine: Engine, files: readonly FileCount[] = []): Promise<Finding[]> {
  return [...truncationFindings(files), ...await missingWorkloadFindings(engine), ...await gapFindings(engine)];
}
