// A stable colour per group of the shown dimension: the whole scope a neutral grey (drawn dashed), the groups
// distinct colours in roster order (they repeat past twelve groups; the legend and tooltips name them).

import { PALETTE } from '../charts/palette.ts';
import { ALL_GROUP } from './labels.ts';

export const SCOPE_COLOUR = '#7a8594';

/** Okabe–Ito without its grey (taken by the scope), colours from Paul Tol's muted scheme, the weak yellow last. */
const GROUP_COLOURS = [...PALETTE.filter((c) => c !== '#999999' && c !== '#F0E442'), '#882255', '#332288', '#117733', '#999933', '#AA4499', '#F0E442'];

export function groupColours(groups: readonly string[]): (group: string) => string {
  const others = groups.filter((g) => g !== ALL_GROUP);
  const index = new Map(others.map((g, i) => [g, i]));
  return (group) => (group === ALL_GROUP ? SCOPE_COLOUR : GROUP_COLOURS[(index.get(group) ?? 0) % GROUP_COLOURS.length]);
}
