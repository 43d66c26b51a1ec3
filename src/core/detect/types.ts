// Detections as data: each rule is an object whose SQL over `events` returns finding rows.

import type { Source } from '../schema/events.ts';
import type { Query } from '../queries/query.ts';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type Thresholds = Record<string, number>;

/** Credit shown with a rule whose logic comes from someone else's (DRL 1.1 asks for id, title, author, licence). */
export interface Attribution { id: string; title: string; author: string; licence: string }

export interface Rule {
  id: string;                 // 'X3.spray'
  title: string;
  description: string;
  severity: Severity;
  attack: string[];           // ATT&CK technique ids (classic, pre-v19)
  sources: Source[];
  thresholds: Thresholds;     // tunable, with defaults
  /**
   * SQL over `events` (and `ip_geo`, `country_geo`) returning rows
   * `{actor, first, last, count, evidence, ip?, target?}` with first/last as epoch ms.
   */
  sql(t: Thresholds): Query;
  /** attrs keys the rule cannot do without; missing from the loaded data → `not-evaluable`. */
  requiresAttrs?: string[];
  /** Fields the rule needs that no loaded source has (Sigma rules decided this when compiling). */
  notEvaluable?: string[];
  attribution?: Attribution;
}

export interface Finding {
  rule: string;
  title: string;
  severity: Severity;
  attack: string[];
  actor: string;
  first: number;
  last: number;
  count: number;
  evidence: string;
  ip?: string;
  target?: string;
  attribution?: Attribution;
}

export type RuleStatus =
  | { rule: string; status: 'ok'; findings: number }
  | { rule: string; status: 'not-evaluable'; fields: string[] }
  | { rule: string; status: 'errored'; error: string };

export interface DetectionRun { findings: Finding[]; rules: RuleStatus[] }
