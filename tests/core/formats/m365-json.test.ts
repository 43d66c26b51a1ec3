import { describe, expect, it } from 'vitest';
import { m365UalJson } from '../../../src/core/ingest/formats/m365-ual-json.ts';
import { RowError } from '../../../src/core/ingest/formats/format.ts';
import { byId, load } from './load.ts';

describe('m365-ual-json: Management Activity API records', async () => {
  const { rows, errors } = await load('m365-activity.json');

  it('reads every record without refusals', () => {
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.ts)).toEqual([1710081000000, 1710081060000, 1710081312000, 1710144000000, 1710147600000, 1710151200000]);
  });

  it('keeps consent scopes and admin-consent flags as ModifiedProperties attrs', () => {
    const r = byId(rows, 'a0000000-0000-4000-8000-000000000001');
    expect(r).toMatchObject({ category: 'application', action: 'Consent to application.', outcome: 'success', target: 'ServicePrincipal_9b1c' });
    expect(r.attrs['ModifiedProperties.ConsentContext_IsAdminConsent.NewValue']).toBe('False');
    expect(r.attrs['ModifiedProperties.ConsentAction_Permissions.NewValue']).toContain('Mail.Read Mail.Send offline_access');
  });

  it('classifies audit tampering and keeps the parameter; bracketed IPv6 without port', () => {
    const r = byId(rows, 'a0000000-0000-4000-8000-000000000002');
    expect(r).toMatchObject({ category: 'audit', ip: '2001:db8::44', actorType: 'admin' });
    expect(r.attrs['Parameters.UnifiedAuditLogIngestionEnabled']).toBe('False');
  });

  it('passes alerts through with their JSON-in-JSON Data flattened', () => {
    const r = byId(rows, 'a0000000-0000-4000-8000-000000000003');
    expect(r).toMatchObject({ category: 'alert', actorType: 'system' });
    expect(r.attrs).toMatchObject({ Name: 'Creation of forwarding/redirect rule', Severity: 'Informational', 'Data.op': 'New-InboxRule' });
  });

  it('keeps long member lists lean: five entries and a count', () => {
    const r = byId(rows, 'a0000000-0000-4000-8000-000000000004');
    expect(r).toMatchObject({ category: 'collaboration', target: 'Finance' });
    expect(r.attrs['Members.count']).toBe('7');
    expect(r.attrs['Members.4.UPN']).toBe('user4@contoso.com');
    expect(r.attrs).not.toHaveProperty('Members.5.UPN');
  });

  it('keeps message subjects out of target (attrs only) and owners equal to the actor out of targetUser', () => {
    const r = byId(rows, 'a0000000-0000-4000-8000-000000000005');
    expect(r).toMatchObject({ category: 'mail', target: null, targetUser: null, ip: '192.0.2.34' });
    expect(r.attrs['Item.Subject']).toBe('Quarterly numbers');
    expect(r.attrs).not.toHaveProperty('Item.Id');
  });

  it('recognises anonymous link users', () => {
    expect(byId(rows, 'a0000000-0000-4000-8000-000000000006')).toMatchObject({ actorType: 'anonymous', category: 'sharing' });
  });
});

describe('m365-ual-json: other emitters', () => {
  it('reads lower-cased keys as the documented ones', async () => {
    const { rows, errors } = await load('m365-lowercase.jsonl');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      ts: 1670883540000, action: 'Set-Mailbox', actor: 'homer.simpson@simpsons.example', targetUser: 'homer.simpson@simpsons.example',
      recordId: 'lc-0001', workload: 'Exchange', actorType: 'admin', outcome: 'success',
    });
    expect(rows[0].attrs).toMatchObject({ 'Parameters.ForwardingSmtpAddress': 'smtp:peter@familyguy.example', RecordType: '1' });
    expect(rows[1]).toMatchObject({ ts: 1670883630000, ip: '1.2.3.4', outcome: 'failure' });
    expect(rows[1].attrs['Parameters.ForwardTo']).toBe('drop@evil.example');
  });

  it('reads ConvertTo-Json objects: AuditData as a string, /Date(ms)/ creation dates, bad AuditData refused', async () => {
    const { rows, errors } = await load('m365-search.json');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ts: 1663264162000, action: 'UserLoggedIn', outcome: 'success', ip: '192.0.2.7' });
    expect(errors).toEqual([{ line: 15, message: expect.stringMatching(/^AuditData is not valid JSON/) }]);
  });

  it('reads Graph audit search records from a {"value":[…]} download', async () => {
    const { rows, errors } = await load('m365-graph.json');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      ts: 1709288130000, action: 'HardDelete', actor: 'carol@contoso.com', workload: 'Exchange', category: 'mail', ip: '192.0.2.44',
    });
    expect(rows[0].attrs).toMatchObject({ RecordType: '3', RecordTypeName: 'ExchangeItemGroup', 'AffectedItems.0.Subject': 'MFA code' });
    expect(rows[0].attrs).not.toHaveProperty('@odata.type');
    expect(rows[1]).toMatchObject({ ts: 1709288160000, category: 'application', actorType: 'admin', outcome: 'success' });
  });

  it('refuses records without a usable time or operation', () => {
    expect(() => m365UalJson.read({ Operation: 'FileAccessed', CreationTime: 'soon' })).toThrow("no valid time in CreationTime: 'soon'");
    expect(() => m365UalJson.read({ Operation: 'FileAccessed', UserId: 'a@b.c' })).toThrow('no time field (CreationTime, TimeGenerated)');
    expect(() => m365UalJson.read({ CreationTime: '2024-01-01T00:00:00' })).toThrow(RowError);
    expect(() => m365UalJson.read('text')).toThrow(RowError);
  });

  it('uses a missing Workload from the RecordType and maps UserType names', () => {
    const [r] = m365UalJson.read({ CreationTime: '2024-01-01T00:00:00', Operation: 'UserLoggedIn', RecordType: 15, UserType: 'Guest', UserId: 'x@y.z' });
    expect(r).toMatchObject({ workload: 'AzureActiveDirectory', actorType: 'guest', ts: 1704067200000 });
  });
});
