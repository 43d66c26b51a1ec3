// The roster from the `directory` table: who counts as staff, their department, level, manager and time zone.

import type { Engine } from '../engine.ts';

export interface Staff {
  email: string;
  department: string | null;
  level: string | null;
  manager: string | null;
  timeZone: string | null;
}

/** A person may appear in several directory files: the HR file wins, then Google, then Entra (non-empty values only). */
const best = (expr: string) =>
  `arg_min(${expr}, CASE source WHEN 'hr' THEN 0 WHEN 'gws' THEN 1 ELSE 2 END) FILTER (WHERE nullif(${expr}, '') IS NOT NULL)`;

/** Staff by e-mail; guests and service accounts are not staff. Empty when no directory was loaded. */
export async function loadStaff(engine: Engine, tables: ReadonlySet<string>): Promise<Map<string, Staff>> {
  const out = new Map<string, Staff>();
  if (!tables.has('directory')) return out;
  const rows = await engine.query(`
    SELECT lower(email) AS email, ${best('department')} AS department, ${best('level')} AS level,
           ${best('lower(manager_email)')} AS manager, ${best('time_zone')} AS time_zone
    FROM directory
    WHERE email IS NOT NULL AND coalesce(account_type, 'user') NOT IN ('guest', 'service')
    GROUP BY 1`);
  for (const r of rows) {
    const s = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
    out.set(String(r.email), { email: String(r.email), department: s(r.department), level: s(r.level), manager: s(r.manager), timeZone: s(r.time_zone) });
  }
  return out;
}

/** Each manager's reporting tree: every direct and indirect report, the manager excluded. Cycles are cut. */
export function reportingTrees(staff: ReadonlyMap<string, Staff>): Map<string, Set<string>> {
  const children = new Map<string, string[]>();
  for (const p of staff.values()) {
    if (!p.manager || p.manager === p.email || !staff.has(p.manager)) continue;
    const list = children.get(p.manager);
    if (list) list.push(p.email); else children.set(p.manager, [p.email]);
  }
  const trees = new Map<string, Set<string>>();
  for (const manager of children.keys()) {
    const seen = new Set<string>();
    const stack = [...children.get(manager)!];
    while (stack.length) {
      const e = stack.pop()!;
      if (e === manager || seen.has(e)) continue;
      seen.add(e);
      stack.push(...(children.get(e) ?? []));
    }
    trees.set(manager, seen);
  }
  return trees;
}
