// The data that crosses between the page and the engine worker for a security analysis. Plain data only:
// compiled rules stay in the worker, the page gets their description and status.

import type { FileCount } from '../../../core/detect/coverage.ts';
import type { UserRisk } from '../../../core/detect/priority.ts';
import type { ThresholdOverrides } from '../../../core/detect/runner.ts';
import type { Attribution, Finding, RuleStatus, Severity, Thresholds } from '../../../core/detect/types.ts';
import type { GeoSource } from '../../../core/enrich/geo-db.ts';
import type { Source } from '../../../core/schema/events.ts';

/** The message a cancelled run rejects with (it crosses the worker boundary as text). */
export const CANCELLED = 'detection run cancelled';

export interface DetectRequest {
  thresholds: ThresholdOverrides;
  /** Sigma YAML texts the analyst added; compiled in the worker on every run. */
  userRules: string[];
  /** Rows per loaded file, for the truncation check. */
  files: FileCount[];
}

export type DetectPhase = 'ip-database' | 'enrich' | 'rules' | 'coverage' | 'priority';

export interface DetectProgress { phase: DetectPhase; done: number; total: number; rule?: string }

/** A rule as the page shows it: what it looks for, how it is tuned, and what happened when it ran. */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  attack: string[];
  sources: Source[];
  /** Thresholds used in this run (defaults with the analyst's overrides). */
  thresholds: Thresholds;
  defaults: Thresholds;
  origin: 'pack' | 'sigma';
  attribution?: Attribution;
  status: RuleStatus;
}

export interface DetectResult {
  findings: Finding[];
  coverage: Finding[];
  users: UserRisk[];
  rules: RuleInfo[];
  enrichment: { ips: number; located: number; withAsn: number };
  /** Where the IP database came from and how old it is; null when it was not needed or could not be loaded. */
  geo: GeoSource[] | null;
  ms: number;
}

/** The outcome of compiling one Sigma rule, for the "add your own rule" form. */
export interface SigmaCheck {
  status: 'compiled' | 'not-evaluable' | 'unsupported';
  id: string;
  title: string;
  level: string;
  logsource: string;
  attack: string[];
  /** Why it cannot run (unsupported) or which fields are missing (not-evaluable). */
  reason?: string;
  fields?: string[];
}
