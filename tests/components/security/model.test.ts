// The pure pieces behind the security views: ranking and matching findings, coverage grouping, rule statuses and
// threshold edits, the page's hash keys, and the text helpers that make log text safe to read.

import { describe, expect, it } from 'vitest';
import { countBySeverity, facets, findingsPerDay, hasTechnique, isAddress, matches, noFindingFilter, rankFindings } from '../../../src/lib/security/model/findings.ts';
import { groupCoverage } from '../../../src/lib/security/model/coverage.ts';
import { applyDraft, statusKind, statusText } from '../../../src/lib/security/model/rules.ts';
import { emptyView, parseView, viewQuery } from '../../../src/lib/security/model/view.ts';
import { csvFields, prettyRecord, reveal } from '../../../src/lib/security/text.ts';
import { finding, FINDINGS, H, RULES, T } from './fixtures.ts';

const rules = new Map(RULES.map((r) => [r.id, r]));

describe('findings model', () => {
  it('ranks equal severity and priority by recency', () => {
    const a = finding({ actor: 'a@x', last: T }), b = finding({ actor: 'b@x', last: T + H });
    expect(rankFindings([a, b], []).map((f) => f.actor)).toEqual(['b@x', 'a@x']);
    expect(rankFindings([a, b], [{ actor: 'a@x', score: 1, percentile: 50, alerts: 1, contributions: [] }]).map((f) => f.actor)).toEqual(['a@x', 'b@x']);
  });

  it('matches a time range by overlap, and an IP by the finding\'s address or subject', () => {
    const f = finding({ first: T, last: T + 2 * H, ip: '203.0.113.5' });
    expect(matches(f, { ...noFindingFilter(), from: T + H, to: T + 5 * H }, rules)).toBe(true);
    expect(matches(f, { ...noFindingFilter(), from: T + 3 * H }, rules)).toBe(false);
    expect(matches(f, { ...noFindingFilter(), to: T }, rules)).toBe(false);
    expect(matches(f, { ...noFindingFilter(), ip: ['203.0.113.5'] }, rules)).toBe(true);
    expect(matches(FINDINGS[1], { ...noFindingFilter(), ip: ['198.51.100.9'] }, rules)).toBe(true);
    expect(matches(f, { ...noFindingFilter(), source: ['github'] }, rules)).toBe(false);
  });

  it('treats a technique as covering its sub-techniques only', () => {
    expect(hasTechnique(finding({ attack: ['T1110.003'] }), 'T1110')).toBe(true);
    expect(hasTechnique(finding({ attack: ['T11100'] }), 'T1110')).toBe(false);
    expect(hasTechnique(finding({ attack: ['T1110'] }), 'T1110.003')).toBe(false);
  });

  it('counts severities, facets and findings per day', () => {
    expect(countBySeverity(FINDINGS)).toEqual({ low: 0, medium: 2, high: 1, critical: 1 });
    const f = facets(FINDINGS);
    expect(f.rules.map((r) => r.key)).toEqual(['G3.exposure', 'M4.audit', 'X3.brute', 'X3.spray']);
    expect(f.techniques.find((t) => t.key === 'T1537')!.n).toBe(1);
    const day = Date.UTC(2026, 8, 10);
    expect(findingsPerDay(FINDINGS)).toEqual([
      { x: day, series: 'high', n: 1 }, { x: day, series: 'medium', n: 1 },
      { x: day + 24 * H, series: 'critical', n: 1 }, { x: day + 48 * H, series: 'medium', n: 1 }]);
  });

  it('recognises addresses', () => {
    expect(['198.51.100.9', '2001:db8::1', '::ffff:1.2.3.4'].every(isAddress)).toBe(true);
    expect(['alice@contoso.com', 'abc', 'cafe', 'T1110'].some(isAddress)).toBe(false);
  });
});

describe('coverage and rule statuses', () => {
  it('summarises gaps per source and keeps truncation and missing data on their own', () => {
    const gap = (actor: string, hours: number) => finding({ rule: 'X11.gap', actor, count: hours });
    const g = groupCoverage([gap('github', 41), finding({ rule: 'X11.missing', actor: 'gws' }), gap('github', 57), gap('anypoint', 150), finding({ rule: 'X11.truncated', actor: 'a.csv' })]);
    expect(g.gapsBySource).toEqual([{ source: 'anypoint', gaps: 1, longestHours: 150 }, { source: 'github', gaps: 2, longestHours: 57 }]);
    expect([g.truncated.length, g.missing.length, g.gaps.length, g.other.length]).toEqual([1, 1, 3, 0]);
  });

  it('never calls a rule that could not look "no hits"', () => {
    expect(RULES.map(statusKind)).toEqual(['hits', 'hits', 'hits', 'hits', 'not-evaluable', 'errored']);
    expect(statusText(RULES[4])).toBe('Not evaluable on this data: missing ClientInfoString');
    expect(statusText(RULES[5])).toBe('Failed: Binder Error: nope');
    expect(statusText({ ...RULES[0], status: { rule: 'X3.brute', status: 'ok', findings: 0 } })).toBe('Ran: no hits');
  });

  it('turns threshold edits into overrides against the defaults, refusing non-numbers', () => {
    expect(applyDraft(RULES, {}, { 'X3.brute': { minFailures: '35' } })).toEqual({ overrides: { 'X3.brute': { minFailures: 35 } }, errors: [] });
    expect(applyDraft(RULES, { 'X3.brute': { minFailures: 35 } }, { 'X3.brute': { minFailures: '20' } }).overrides).toEqual({});
    expect(applyDraft(RULES, {}, { 'X3.brute': { minFailures: 'many' } }).errors).toEqual(['X3.brute minFailures']);
    expect(applyDraft(RULES, {}, { 'X3.brute': { bogus: '3' } }).overrides).toEqual({});
  });
});

describe('security hash keys', () => {
  it('round-trips the list filters and the tab, and prefers a user page over the rest', () => {
    const v = { ...emptyView(), tab: 'rules' as const, severity: ['high' as const, 'critical' as const], rule: 'X3.spray', technique: 'T1110' };
    expect(parseView(`#/security?from=2026-09-01T00:00Z&${viewQuery(v)}`)).toEqual({ ...v, severity: ['high', 'critical'] });
    expect(viewQuery({ ...v, user: 'a@b.c' })).toBe('user=a%40b.c');
    expect(parseView('#/security?user=a%40b.c').user).toBe('a@b.c');
  });

  it('ignores unknown tabs and severities and over-long values', () => {
    expect(parseView(`#/security?view=admin&severity=urgent&user=${'x'.repeat(400)}`)).toEqual(emptyView());
  });
});

describe('text helpers', () => {
  it('makes hidden and direction-changing characters visible', () => {
    expect(reveal('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
    expect(reveal('ad\u200Bmin\u0000')).toBe('ad⟨U+200B⟩min⟨U+0000⟩');
    expect(reveal('a\nb\tc', true)).toBe('a ⏎ b⇥c');
    expect(reveal('a\nb')).toBe('a\nb');
  });

  it('splits CSV records with quotes, commas and newlines in fields', () => {
    expect(csvFields('a,"b,c","say ""hi""","x\ny",\r\n')).toEqual(['a', 'b,c', 'say "hi"', 'x\ny', '']);
  });

  it('indents JSON, and names CSV columns from the header with embedded JSON indented', () => {
    expect(prettyRecord('{"a":1,"b":[2]}')).toBe('{\n  "a": 1,\n  "b": [\n    2\n  ]\n}');
    expect(prettyRecord('2026-09-01,"{""Operation"":""Send""}"', '\uFEFFCreationDate,AuditData'))
      .toBe('CreationDate: 2026-09-01\nAuditData:\n  {\n    "Operation": "Send"\n  }');
    expect(prettyRecord('x,y')).toBe('column 1: x\ncolumn 2: y');
    expect(prettyRecord('plain text')).toBe('plain text');
  });
});
