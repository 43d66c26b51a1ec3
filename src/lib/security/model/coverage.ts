// Coverage notes grouped for reading: each truncated file and missing workload on its own line, the silent
// periods summarised per source (they come in runs, and one line per gap would bury everything else).

import type { Finding } from '../../../core/detect/types.ts';

export interface GapSummary { source: string; gaps: number; longestHours: number }

export interface CoverageGroups { truncated: Finding[]; missing: Finding[]; gaps: Finding[]; gapsBySource: GapSummary[]; other: Finding[] }

export function groupCoverage(coverage: readonly Finding[]): CoverageGroups {
  const pick = (rule: string) => coverage.filter((f) => f.rule === rule);
  const gaps = pick('X11.gap');
  const bySource = new Map<string, GapSummary>();
  for (const g of gaps) {
    const s = bySource.get(g.actor) ?? { source: g.actor, gaps: 0, longestHours: 0 };
    s.gaps++;
    s.longestHours = Math.max(s.longestHours, g.count);
    bySource.set(g.actor, s);
  }
  return {
    truncated: pick('X11.truncated'), missing: pick('X11.missing'), gaps,
    gapsBySource: [...bySource.values()].sort((a, b) => b.longestHours - a.longestHours || a.source.localeCompare(b.source)),
    other: coverage.filter((f) => !['X11.truncated', 'X11.missing', 'X11.gap'].includes(f.rule)),
  };
}
