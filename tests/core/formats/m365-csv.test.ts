import { describe, expect, it } from 'vitest';
import { m365UalCsv } from '../../../src/core/ingest/formats/m365-ual-csv.ts';
import { RowError } from '../../../src/core/ingest/formats/format.ts';
import { byId, load } from './load.ts';

describe('m365-ual-csv: Purview export', async () => {
  const { rows, errors } = await load('m365-purview.csv');

  it('takes the time from AuditData.CreationTime (UTC without Z), US CreationDate agreeing', () => {
    const r = byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000001');
    expect(r.ts).toBe(1695182703000); // 2023-09-20T04:05:03Z
    expect(byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000004').ts).toBe(1695214929000); // 1:02:09 PM
    expect(byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000006').ts).toBe(1709247600000); // leap day 11 PM
  });

  it('falls back to the quoted ISO CreationDate with 7 fraction digits and a trailing space', () => {
    expect(byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000002').ts).toBe(1769237664000); // 2026-01-24T06:54:24Z
  });

  it('maps a successful sign-in: outcome, actor, UA, session, app, device and extended properties', () => {
    const r = byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000001');
    expect(r).toMatchObject({
      source: 'm365', workload: 'AzureActiveDirectory', category: 'authentication', action: 'UserLoggedIn',
      outcome: 'success', actor: 'debrab@contoso.onmicrosoft.com', actorType: 'user', ip: '203.0.113.10',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edge/120.0', sessionId: '5a1e2b3c-0000-4000-8000-00000000abcd',
      appId: '4765445b-32c6-49b0-83e6-1d93765276ca', country: null,
    });
    expect(r.attrs).toMatchObject({
      RecordType: '15', RecordTypeName: 'AzureActiveDirectoryStsLogon', ResultStatus: 'Success', ErrorNumber: '0',
      'ExtendedProperties.RequestType': 'OAuth2:Authorize', 'ExtendedProperties.additionalDetails.Flow': 'Interactive',
      'DeviceProperties.OS': 'Windows 10', 'DeviceProperties.IsCompliant': 'False',
    });
    expect(r.attrs).not.toHaveProperty('OrganizationId');
    expect(r.attrs).not.toHaveProperty('UserKey');
    expect(r.attrs).not.toHaveProperty('ExtendedProperties.UserAgent');
  });

  it('marks a failed sign-in as failure and strips the port of a bracketed IPv6', () => {
    const r = byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000002');
    expect(r).toMatchObject({ outcome: 'failure', ip: '2001:db8::5', userAgent: 'python-requests/2.31.0' });
    expect(r.attrs).toMatchObject({ LogonError: 'InvalidUserNameOrPassword', ErrorNumber: '50126', UserType: '0' });
  });

  it('keeps inbox-rule parameters, strips the IPv4 port, admin UserType', () => {
    const r = byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000003');
    expect(r).toMatchObject({ category: 'mail', outcome: 'success', ip: '185.73.124.135', actorType: 'admin' });
    expect(r.attrs).toMatchObject({
      'Parameters.MoveToFolder': 'Conversation History', 'Parameters.MarkAsRead': 'True',
      'Parameters.StopProcessingRules': 'True', 'Parameters.Name': '.', 'Parameters.From': 'ceo@fabrikam.example',
    });
  });

  it('summarises MailItemsAccessed: mapped IPv6, delegate target, folder paths instead of message ids', () => {
    const r = byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000004');
    expect(r).toMatchObject({
      ip: '198.51.100.7', targetUser: 'boss@contoso.com', sessionId: '00aa11bb-0000-4000-8000-000000000004',
      appId: '00000002-0000-0ff1-ce00-000000000000',
    });
    expect(r.attrs).toMatchObject({
      'OperationProperties.MailAccessType': 'Sync', 'Folders.Path': '\\Inbox,\\Sent Items', 'Folders.ItemCount': '3',
      ClientAppId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    });
    expect(Object.keys(r.attrs).some((k) => k.includes('InternetMessageId'))).toBe(false);
    expect(Object.keys(r.attrs).length).toBeLessThan(20);
  });

  it('builds a SharePoint target from site, folder and file; unwraps the claims principal', () => {
    const r = byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000005');
    expect(r).toMatchObject({
      actor: 'alex@contoso.com', ip: '2001:db8::7', category: 'file', outcome: 'unknown',
      target: 'https://contoso.sharepoint.com/sites/finance/Shared Documents/Finance/budget.xlsx',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0', ts: 1704067199000,
    });
  });

  it('maps a role grant with the role name and the target user', () => {
    const r = byId(rows, '0b1d2c3e-1111-4a4a-9b9b-000000000006');
    expect(r).toMatchObject({ category: 'role', action: 'Add member to role.', targetUser: 'newadmin@contoso.com' });
    expect(r.attrs['ModifiedProperties.Role_DisplayName.NewValue']).toBe('Global Administrator');
  });

  it('refuses invalid AuditData JSON and a row without any valid time, naming why', () => {
    expect(errors).toEqual([
      { line: 8, message: expect.stringMatching(/^AuditData is not valid JSON/) },
      { line: 9, message: "no valid time in CreationDate: 'not a date'" },
    ]);
  });
});

describe('m365-ual-csv: other layouts', () => {
  it('reads the classic 4-column export, filling Operation and UserId from the columns', async () => {
    const { rows, errors } = await load('m365-classic.csv');
    expect(errors).toEqual([]);
    const mfa = byId(rows, 'c1a55e00-0000-4000-8000-000000000001');
    expect(mfa).toMatchObject({ ts: 1704445620000, category: 'account', targetUser: 'victim@contoso.com' });
    expect(mfa.attrs['ModifiedProperties.StrongAuthenticationMethod.NewValue']).toBe('[]');
    const file = byId(rows, 'c1a55e00-0000-4000-8000-000000000002');
    expect(file).toMatchObject({ ts: 1704488910000, action: 'FileAccessed', actor: 'alex@contoso.com', category: 'file' });
  });

  it('reads Search-UnifiedAuditLog Export-Csv (after #TYPE) with RecordType names and 12-hour ISO dates', async () => {
    const { rows, errors } = await load('m365-search.csv');
    expect(errors).toEqual([]);
    const share = byId(rows, '5e4c0000-0000-4000-8000-000000000001');
    expect(share).toMatchObject({ ts: 1663264162000, category: 'sharing', action: 'AnonymousLinkCreated' });
    expect(share.attrs).toMatchObject({ RecordType: '14', RecordTypeName: 'SharePointSharingOperation' });
    expect(byId(rows, '5e4c0000-0000-4000-8000-000000000002').attrs['ExtendedProperties.RequestType']).toBe('Cmsi:Cmsi');
  });

  it('reads an export with AuditData flattened into columns', async () => {
    const { rows, errors } = await load('m365-flattened.csv');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      ts: 1712044800000, action: 'FileDeleted', ip: '192.0.2.80', sessionId: 'aa00bb11-0000-4000-8000-000000000001',
      userAgent: 'OneDrive/1.0', recordId: 'f1a70000-0000-4000-8000-000000000001',
    });
    expect(rows[1].attrs).toMatchObject({ RecordType: '6', 'ExtendedProperties.Reason': 'cleanup' });
  });

  it('matches columns by name, not position, and refuses a header it cannot use', () => {
    const reader = m365UalCsv.open(['AuditData', 'Operations', 'CreationDate', 'UserIds']);
    const [row] = reader.read(['{"Id":"x1","RecordType":6}', 'FileAccessed', '3/4/2024 1:00:00 PM', 'A@B.com']);
    expect(row).toMatchObject({ ts: 1709557200000, action: 'FileAccessed', actor: 'a@b.com', recordId: 'x1' });
    expect(() => m365UalCsv.open(['Foo', 'Bar'])).toThrow(RowError);
    expect(() => reader.read(['', 'FileAccessed', '3/4/2024 1:00:00 PM', 'a@b.com'])).toThrow('AuditData is empty');
    expect(() => reader.read(['[1]', 'FileAccessed', '3/4/2024 1:00:00 PM', 'a@b.com'])).toThrow('AuditData is not a JSON object');
  });
});
