import { describe, expect, it } from 'vitest';
import { githubAuditCsv } from '../../../src/core/ingest/formats/github-audit-csv.ts';
import { githubAuditJson } from '../../../src/core/ingest/formats/github-audit-json.ts';
import { byId, load } from './load.ts';

describe('github-audit-json', async () => {
  const { rows, errors } = await load('github-audit.json');

  it('reads epoch-ms numbers, ISO strings and the rule engine\'s at_sign_timestamp; @timestamp wins', () => {
    expect(rows.map((r) => r.ts)).toEqual([1674454840535, 1674454040515, 1674454840535, 1660669009309]);
  });

  it('maps a visibility change with country, IP, UA and the rest as dotted attrs', () => {
    const r = byId(rows, 'doc-0001');
    expect(r).toMatchObject({
      source: 'github', workload: 'repo', category: 'repository', action: 'repo.access', outcome: 'unknown',
      actor: 'octo-admin', ip: '203.0.113.40', country: 'DE', target: 'acme/secret-sauce', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    });
    expect(r.attrs).toMatchObject({ visibility: 'public', previous_visibility: 'private', operation_type: 'modify', org: 'acme' });
    expect(r.attrs).not.toHaveProperty('@timestamp');
  });

  it('keeps token fields for clones by bots; unwraps a mapped IPv6 address', () => {
    const r = byId(rows, 'doc-0002');
    expect(r).toMatchObject({ actorType: 'service', ip: '198.51.100.12', category: 'repository' });
    expect(r.attrs).toMatchObject({ hashed_token: 'Jx1zVQ0+abc=', programmatic_access_type: 'GitHub App server-to-server token' });
  });

  it('maps role changes with the target user, rejected pushes as failures, lower-case countries', () => {
    expect(byId(rows, 'doc-0003')).toMatchObject({ category: 'role', targetUser: 'new-owner', ts: 1674454840535 });
    expect(rows[3]).toMatchObject({ outcome: 'failure', country: 'US', recordId: null });
  });

  it('refuses an entry without any time field', () => {
    expect(errors).toEqual([{ line: 61, message: 'no time field (@timestamp, at_sign_timestamp, created_at, timestamp)' }]);
  });

  it('reads NDJSON with string epochs and ignores rule-engine p_* fields', async () => {
    const nd = await load('github-audit.ndjson');
    expect(nd.rows[0]).toMatchObject({ ts: 1671111111111, category: 'policy', action: 'org.disable_two_factor_requirement' });
    expect(nd.rows[1].attrs).not.toHaveProperty('p_log_type');
  });

  it('refuses entries without an action', () => {
    expect(() => githubAuditJson.read({ actor: 'x', created_at: 1671111111111 })).toThrow('no action in the audit entry');
  });
});

describe('github-audit-csv', () => {
  it('reads dotted columns, either time column, and refuses unparseable times', async () => {
    const { rows, errors } = await load('github-audit.csv');
    expect(byId(rows, 'csv-0001')).toMatchObject({ ts: 1674454840535, country: 'GB', category: 'application', ip: '203.0.113.40' });
    expect(byId(rows, 'csv-0001').attrs['data.hook_id']).toBe('12345');
    expect(byId(rows, 'csv-0002')).toMatchObject({ ts: 1674454860000, category: 'account', targetUser: 'newbie' });
    expect(errors).toEqual([{ line: 4, message: "no valid time in created_at: 'yesterday'" }]);
  });

  it('needs action, actor and a time column in the header', () => {
    expect(githubAuditCsv.sniffHeader(['action', 'actor', 'created_at'])).toBeGreaterThan(0);
    expect(githubAuditCsv.sniffHeader(['action', 'actor'])).toBe(0);
    expect(githubAuditCsv.sniffHeader(['Action', 'Actor', '@timestamp'])).toBeGreaterThan(0);
  });
});
