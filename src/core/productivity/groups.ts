// Which groups a view shows and who is in them. Group keys come from the roster (public to the viewer),
// never from activity, and never carry a person's name: reporting trees get neutral ids (T01, T02, …).

import type { MergedWeek } from './person-weeks.ts';
import type { Staff } from './directory.ts';

export type Dimension = 'department' | 'manager' | 'level';
export const DIMENSIONS: readonly Dimension[] = ['department', 'manager', 'level'];

export const ALL = 'all';

export interface View {
  /** Group keys in display order; the first is the whole scope. */
  groups: string[];
  inScope(identity: string): boolean;
  groupsOf(week: MergedWeek): string[];
}

export interface ViewOptions { by: Dimension; minGroup: number; viewer: string | null }

export function planView(
  weeks: readonly MergedWeek[], staff: ReadonlyMap<string, Staff>, trees: ReadonlyMap<string, Set<string>>, opts: ViewOptions,
): View {
  const scope = opts.viewer ? trees.get(opts.viewer) ?? new Set<string>() : null;
  const inScope = (id: string) => (scope ? scope.has(id) : id !== opts.viewer);
  const label = (w: Pick<MergedWeek, 'department' | 'level'>) =>
    opts.by === 'department' ? `department:${w.department ?? '(none)'}` : `level:${w.level ?? '(none)'}`;

  if (opts.by === 'manager') {
    const ids = treeIds(trees);
    const eligible = [...trees.entries()]
      .filter(([m, members]) => members.size >= opts.minGroup && (!scope || scope.has(m)))
      .map(([m]) => m).sort((a, b) => ids.get(a)!.localeCompare(ids.get(b)!));
    const containing = new Map<string, string[]>();
    for (const m of eligible) for (const p of trees.get(m)!) containing.set(p, [...(containing.get(p) ?? []), `tree:${ids.get(m)}`]);
    return {
      groups: [ALL, ...eligible.map((m) => `tree:${ids.get(m)}`)],
      inScope,
      groupsOf: (w) => [ALL, ...(containing.get(w.identity) ?? [])],
    };
  }
  const keys = new Set<string>();
  for (const p of staff.values()) if (inScope(p.email)) keys.add(label(p));
  for (const w of weeks) if (inScope(w.identity)) keys.add(label(w));
  return { groups: [ALL, ...[...keys].sort()], inScope, groupsOf: (w) => [ALL, label(w)] };
}

/** Neutral, stable ids for every reporting tree of the whole organisation: biggest first, then by address. */
export function treeIds(trees: ReadonlyMap<string, Set<string>>): Map<string, string> {
  const order = [...trees.entries()].sort(([a, x], [b, y]) => y.size - x.size || (a < b ? -1 : 1));
  const width = Math.max(2, String(order.length).length);
  return new Map(order.map(([m], i) => [m, `T${String(i + 1).padStart(width, '0')}`]));
}

/** Several dimensions released together: one list of groups (the scope once), membership the union. */
export function planViews(
  weeks: readonly MergedWeek[], staff: ReadonlyMap<string, Staff>, trees: ReadonlyMap<string, Set<string>>,
  by: readonly Dimension[], minGroup: number, viewer: string | null,
): View {
  const views = [...new Set(by)].map((d) => planView(weeks, staff, trees, { by: d, minGroup, viewer }));
  if (!views.length) throw new Error('at least one dimension is needed');
  return {
    groups: [...new Set(views.flatMap((v) => v.groups))],
    inScope: views[0].inScope,
    groupsOf: (w) => [...new Set(views.flatMap((v) => v.groupsOf(w)))],
  };
}
