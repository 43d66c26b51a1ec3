// What crosses between the productivity page and the engine worker: settings in, released cells out. Nothing
// person-level ever crosses: no ids, no addresses, no per-person values.

import type { LedgerSummary } from '../../../core/privacy/ledger.ts';
import type { PublishedCell } from '../../../core/privacy/release.ts';
import type { Resolution } from '../../../core/privacy/periods.ts';
import type { MetricId } from '../../../core/productivity/catalogue.ts';
import type { Dimension } from '../../../core/productivity/groups.ts';

export type Population = 'auto' | 'directory' | 'viva';

export interface ProductivityRequest {
  /** Every dimension the viewer may see: they are released together, so none can be differenced against another. */
  by: Dimension[];
  metrics: MetricId[];
  minGroup: number;
  allowSmallGroups: boolean;
  /** The viewer's own address: their scope is their reporting tree and they are left out of it. Never stored. */
  viewer: string | null;
  resolution: Resolution;
  population: Population;
  dp: { epsilon: number; budgetPerPeriod: number } | null;
  /** Also release the weekday × hour activity cells (not with differential privacy). */
  heatmap: boolean;
}

/** One released weekday × hour cell set: the group's mean share of timestamped actions per local hour slot. */
export interface HeatmapCell {
  group: string;
  period: string;
  members: number;
  /** 7 × 24 shares, Monday 00:00 first (index (weekday − 1) × 24 + hour); null where the slot is withheld. */
  shares: (number | null)[];
}

export interface HeatmapRelease {
  cells: HeatmapCell[];
  /** Why there is no heatmap at all (no timestamps, Viva population, noise on); null when cells were computed. */
  unavailable: string | null;
}

export interface ProductivityResult {
  /** Exactly the core's release (what the CLI prints with --json). */
  release: { minGroup: number; resolution: Resolution; groups: PublishedCell[]; suppressed: number; dp?: LedgerSummary };
  /** Every group key of the view (from the roster, in display order) and every period from first to last week. */
  groupKeys: string[];
  periods: string[];
  heatmap: HeatmapRelease;
  /** Periods the loaded audit events cover only in part (the edges of the data), with the days covered. */
  partial: { period: string; days: number; of: number }[];
  /** First and last day (UTC) with audit events, for shading the rest of the periods; null without events. */
  span: { first: string; last: string } | null;
  /** Remarks for the reviewer (rows left out, …). */
  notes: string[];
}
