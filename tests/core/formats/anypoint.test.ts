import { describe, expect, it } from 'vitest';
import { anypointAuditJson } from '../../../src/core/ingest/formats/anypoint-audit-json.ts';
import { byId, load } from './load.ts';

// The fixture follows our documented assumption of the query API's keys (no captured sample exists).
describe('anypoint-audit-json', async () => {
  const { rows, errors } = await load('anypoint-audit.json');

  it('unwraps {"data":[…]} and reads ISO and epoch-ms timestamps', () => {
    expect(rows.map((r) => r.ts)).toEqual([1719820800000, 1719820860000, 1719821100000, 1719824400000, 1719826200000, 1719828000000]);
  });

  it('maps logins: success by default, failure from the subaction, which joins the action', () => {
    expect(byId(rows, 'ap-0001')).toMatchObject({
      source: 'anypoint', workload: 'Access Management', category: 'authentication', action: 'Login', outcome: 'success',
      actor: 'jdoe', ip: '203.0.113.21', targetUser: null,
    });
    const failed = byId(rows, 'ap-0002');
    expect(failed).toMatchObject({ action: 'Login - Failure', outcome: 'failure', ip: '198.51.100.30' });
    expect(failed.attrs).toMatchObject({ action: 'Login', subaction: 'Failure', 'payload.message': 'Invalid credentials' });
  });

  it('categorises by object type and finds the user a role was given to', () => {
    expect(byId(rows, 'ap-0003')).toMatchObject({ category: 'role', action: 'Edit - Add user', targetUser: 'jdoe', target: 'Organization Administrators' });
    expect(byId(rows, 'ap-0004')).toMatchObject({ category: 'admin', target: 'Production' });
    expect(byId(rows, 'ap-0004').attrs.environmentName).toBe('Production');
    expect(byId(rows, 'ap-0006')).toMatchObject({ category: 'application' });
  });

  it('treats a connected app acting without a user as a service actor', () => {
    expect(byId(rows, 'ap-0005')).toMatchObject({ category: 'api', actor: 'ci-deployer', actorType: 'service', appId: 'ci-deployer', workload: 'API Manager' });
  });

  it('refuses an entry whose time is not a time', () => {
    expect(errors).toEqual([{ line: expect.any(Number), message: "no valid time in timestamp: 'not-a-time'" }]);
  });

  it('accepts alternative key spellings, case-insensitively', () => {
    const rec = { ID: 'x', CreatedAt: '2024-07-01T00:00:00Z', Product: 'Runtime Manager', Type: 'Application', Action: 'Stop', User: { username: 'Ops.Bot' } };
    expect(anypointAuditJson.sniffRecord(rec)).toBeGreaterThan(0);
    expect(anypointAuditJson.read(rec)[0]).toMatchObject({ ts: 1719792000000, workload: 'Runtime Manager', category: 'api', actor: 'ops.bot', recordId: 'x' });
  });
});
