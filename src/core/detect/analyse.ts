// One call for the whole security analysis of loaded data: rules, coverage findings, investigation priority.

import type { Engine } from '../engine.ts';
import { enrichIps, type EnrichResult } from '../enrich/enrich.ts';
import type { GeoDb } from '../enrich/geo-db.ts';
import { setAllowList, type AllowEntry } from './allow-list.ts';
import { coverageFindings, type FileCount } from './coverage.ts';
import { investigationPriority, type UserRisk } from './priority.ts';
import { RULES } from './rules/index.ts';
import { runDetections, type ThresholdOverrides } from './runner.ts';
import type { Finding, Rule, RuleStatus } from './types.ts';

export interface Analysis { findings: Finding[]; coverage: Finding[]; users: UserRisk[]; rules: RuleStatus[]; enrichment: EnrichResult }

export interface AnalyseOptions {
  geo?: GeoDb | null; files?: FileCount[]; rules?: readonly Rule[]; thresholds?: ThresholdOverrides;
  /** Replaces the allow-list (known egress networks, first-party apps); the stored one (or the defaults) otherwise. */
  allow?: readonly AllowEntry[];
}

export async function analyse(engine: Engine, opts: AnalyseOptions = {}): Promise<Analysis> {
  const enrichment = await enrichIps(engine, opts.geo ?? null);
  if (opts.allow) await setAllowList(engine, opts.allow);
  const run = await runDetections(engine, opts.rules ?? RULES, opts.thresholds);
  const coverage = await coverageFindings(engine, opts.files ?? []);
  const users = await investigationPriority(engine, run.findings);
  return { findings: run.findings, coverage, users, rules: run.rules, enrichment };
}
