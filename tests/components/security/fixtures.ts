// Findings and rule descriptions for the security component tests, written by hand.

import type { Finding } from '../../../src/core/detect/types.ts';
import type { DetectResult, RuleInfo } from '../../../src/lib/security/run/types.ts';

export const T = Date.UTC(2026, 8, 10, 12);
export const H = 3_600_000;

export const finding = (p: Partial<Finding>): Finding => ({
  rule: 'X3.brute', title: 'Brute force against one identity', severity: 'medium', attack: ['T1110.001'],
  actor: 'alice@contoso.com', first: T, last: T + H, count: 25, evidence: 'failed sign-ins: 25 in 60 min', ...p,
});

export const FINDINGS: Finding[] = [
  finding({}),
  finding({ rule: 'X3.spray', title: 'Password spray from one IP', severity: 'high', attack: ['T1110.003'], actor: '198.51.100.9', ip: '198.51.100.9', target: 'alice@contoso.com, bob@contoso.com', first: T + 2 * H, last: T + 3 * H }),
  finding({ rule: 'M4.audit', title: 'Audit logging disabled or bypassed', severity: 'critical', attack: ['T1562.008'], actor: 'bob@contoso.com', first: T + 30 * H, last: T + 30 * H, count: 1, evidence: 'Set-AdminAuditLogConfig', ip: '203.0.113.5' }),
  finding({ rule: 'G3.exposure', title: 'Drive item exposed', severity: 'medium', attack: ['T1567', 'T1537'], actor: 'carol@contoso.com', first: T + 50 * H, last: T + 51 * H }),
];

export const rule = (p: Partial<RuleInfo> & { id: string }): RuleInfo => ({
  title: p.id, description: `What ${p.id} looks for.`, severity: 'medium', attack: [], sources: ['m365'], thresholds: {}, defaults: {},
  origin: 'pack', status: { rule: p.id, status: 'ok', findings: 0 }, ...p,
});

export const RULES: RuleInfo[] = [
  rule({ id: 'X3.brute', sources: ['m365', 'gws'], thresholds: { minFailures: 20 }, defaults: { minFailures: 20 }, status: { rule: 'X3.brute', status: 'ok', findings: 1 } }),
  rule({ id: 'X3.spray', sources: ['m365', 'gws'], status: { rule: 'X3.spray', status: 'ok', findings: 1 } }),
  rule({ id: 'M4.audit', sources: ['m365'], status: { rule: 'M4.audit', status: 'ok', findings: 1 } }),
  rule({ id: 'G3.exposure', sources: ['gws'], status: { rule: 'G3.exposure', status: 'ok', findings: 1 } }),
  rule({ id: 'M7.sync', status: { rule: 'M7.sync', status: 'not-evaluable', fields: ['ClientInfoString'] } }),
  rule({ id: 'H1.burst', sources: ['github'], status: { rule: 'H1.burst', status: 'errored', error: 'Binder Error: nope' } }),
];

export const RESULT: DetectResult = {
  findings: FINDINGS, coverage: [], rules: RULES, enrichment: { ips: 2, located: 2, withAsn: 1 }, geo: null, ms: 5,
  users: [
    { actor: 'bob@contoso.com', score: 10, percentile: 99, alerts: 1, contributions: [{ rule: 'M4.audit', when: T + 30 * H, points: 10 }] },
    { actor: 'alice@contoso.com', score: 3, percentile: 98, alerts: 1, contributions: [{ rule: 'X3.brute', when: T + H, points: 3 }] },
    { actor: 'carol@contoso.com', score: 2, percentile: 97, alerts: 1, contributions: [{ rule: 'G3.exposure', when: T + 51 * H, points: 2 }] },
  ],
};
