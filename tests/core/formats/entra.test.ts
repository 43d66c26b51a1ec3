import { describe, expect, it } from 'vitest';
import { entraSigninJson } from '../../../src/core/ingest/formats/entra-signin-json.ts';
import { byId, load } from './load.ts';

describe('entra-signin-json: diagnostic sign-in records', async () => {
  const { rows, errors } = await load('entra-signins.json');

  it('unwraps {"records":[…]} and prefers properties.createdDateTime (7 fraction digits, offset) over time', () => {
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.ts)).toEqual([1571391948072, 1717243200000, 1690412310983]);
  });

  it('maps a successful interactive sign-in with device, location and country', () => {
    const r = byId(rows, 'si-0001');
    expect(r).toMatchObject({
      source: 'entra', workload: 'SignInLogs', category: 'authentication', action: 'Sign-in activity', outcome: 'success',
      actor: 'debrab@contoso.com', actorType: 'user', ip: '203.0.113.50', sessionId: 'sess-0001', country: 'NL',
      appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
    });
    expect(r.attrs).toMatchObject({
      errorCode: '0', appDisplayName: 'Azure Portal', clientAppUsed: 'Browser', isInteractive: 'true',
      conditionalAccessStatus: 'success', authenticationRequirement: 'multiFactorAuthentication',
      'deviceDetail.operatingSystem': 'Windows 10', 'deviceDetail.isCompliant': 'false', 'location.city': 'Amsterdam',
      'location.geoCoordinates.latitude': '52.37', 'location.geoCoordinates.longitude': '4.89', category: 'SignInLogs',
      authenticationMethods: 'Password,Mobile app notification',
    });
    expect(r.attrs).not.toHaveProperty('deviceDetail.deviceId');
  });

  it('marks error codes as failures and keeps the reason and risk types', () => {
    const r = byId(rows, 'si-0002');
    expect(r).toMatchObject({ outcome: 'failure', workload: 'NonInteractiveUserSignInLogs', country: 'RU', userAgent: 'python-requests/2.31.0' });
    expect(r.attrs).toMatchObject({ errorCode: '50126', riskEventTypes: 'unfamiliarFeatures,anonymizedIPAddress', authenticationProtocol: 'ropc' });
    expect(r.attrs.failureReason).toMatch(/^Invalid username or password/);
  });

  it('reads lower-cased envelope keys and service-principal sign-ins', () => {
    expect(byId(rows, 'si-0003')).toMatchObject({
      outcome: 'failure', actor: 'backup-robot', actorType: 'service', ip: '12.12.12.12', target: 'Azure Storage',
    });
  });
});

describe('entra-signin-json: Graph and audit records', () => {
  it('reads Graph signIn objects: offset converted to UTC, guest, bracketed IPv6 with port', async () => {
    const { rows, errors } = await load('entra-graph-signins.json');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      ts: 1715347800000, outcome: 'failure', actorType: 'guest', ip: '2001:db8::99', country: 'US', workload: 'SignInLogs',
    });
    expect(rows[0].attrs).toMatchObject({ errorCode: '500121', additionalDetails: 'MFA denied; user declined the authentication' });
  });

  it('maps directory audit records to role/account/application with initiators and changes', async () => {
    const { rows, errors } = await load('entra-audit.jsonl');
    expect(errors).toEqual([]);
    const role = byId(rows, 'Directory_a1');
    expect(role).toMatchObject({
      ts: 1736933420500, category: 'role', action: 'Add member to role', outcome: 'success', actor: 'admin@contoso.com',
      actorType: 'user', ip: '192.0.2.200', targetUser: 'newadmin@contoso.com', userAgent: 'Mozilla/5.0 (Macintosh) Safari/605',
      workload: 'AuditLogs',
    });
    expect(role.attrs).toMatchObject({ 'ModifiedProperties.Role_DisplayName.NewValue': 'Global Administrator', auditCategory: 'RoleManagement' });
    const mfa = byId(rows, 'Directory_a2');
    expect(mfa).toMatchObject({ category: 'account', actorType: 'service', actor: 'azure mfa strongauthenticationservice', targetUser: 'victim@contoso.com' });
    expect(mfa.attrs['ModifiedProperties.StrongAuthenticationMethod.NewValue']).toBe('[]');
    const consent = byId(rows, 'Directory_a3');
    expect(consent).toMatchObject({ category: 'application', outcome: 'failure', target: 'Evil Mail App' });
    expect(consent.attrs['ModifiedProperties.ConsentContext_IsAdminConsent.NewValue']).toBe('False');
  });

  it('refuses records without a time and objects that are not Entra records', () => {
    expect(() => entraSigninJson.read({ operationName: 'Sign-in activity', category: 'SignInLogs', tenantId: 't', properties: { userPrincipalName: 'a@b.c' } }))
      .toThrow('no time field (properties.createdDateTime, time, TimeGenerated)');
    expect(() => entraSigninJson.read({ operationName: 'Sign-in activity', category: 'SignInLogs', time: 'never', properties: {} }))
      .toThrow("no valid time in time: 'never'");
    expect(() => entraSigninJson.read({ hello: 'world' })).toThrow(/not an Entra ID sign-in or audit record/);
  });
});
