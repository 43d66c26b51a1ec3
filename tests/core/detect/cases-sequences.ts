import { expect } from 'vitest';
import * as S from '../../../src/core/detect/rules/sequences.ts';
import { DAY, ev, HOUR, login, MIN, type Case } from './factory.ts';

const A = 'alice@contoso.com';
const APP = '6f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b';
const OUTLOOK = '5d661950-3475-41cd-a2c3-d671a3162bc1';
const GEO = [
  { ip: '198.51.100.1', country: 'US', asn: 7922, org: 'Comcast Cable' },
  { ip: '203.0.113.9', country: 'RU', asn: 12389, org: 'Rostelecom' },
];

const aad = (action: string, attrs: Record<string, string>, extra = {}) =>
  ev({ source: 'm365', workload: 'AzureActiveDirectory', category: 'application', action, attrs, ...extra });
const consent = (app: string, at = 0) => aad('Consent to application.', {
  'ModifiedProperties.ConsentContext_IsAdminConsent.NewValue': 'False', 'ModifiedProperties.TargetId_ServicePrincipalNames.NewValue': app }, { at, target: 'Reader App' });
const grant = (app: string, at = 0) => aad('Add delegated permission grant.', {
  'ModifiedProperties.DelegatedPermissionGrant_Scope.NewValue': 'Mail.Read offline_access',
  'ModifiedProperties.ServicePrincipal_ObjectID.NewValue': '11111111-2222-4333-8444-555555555555',
  'ModifiedProperties.ServicePrincipal_AppId.NewValue': app }, { at, target: 'Microsoft Graph' });
const mailRead = (app: string, at: number) => ev({ source: 'm365', workload: 'Exchange', category: 'mail', action: 'MailItemsAccessed', appId: app,
  ip: '203.0.113.9', targetUser: A, at, attrs: { ClientAppId: app, MailAccessType: 'Sync' } });

const mfaRemoved = (at: number, who = A) => ev({ source: 'm365', workload: 'AzureActiveDirectory', category: 'account', action: 'Update user.', at,
  actor: who, targetUser: who, attrs: { 'ModifiedProperties.StrongAuthenticationMethod.NewValue': '[]',
    'ModifiedProperties.StrongAuthenticationMethod.OldValue': '[{"MethodType":7}]' } });
const usHistory = (who = A) => [login(who, -2 * DAY, '198.51.100.1'), login(who, -DAY, '198.51.100.1')];

const GUEST = 'eve_evil.example#ext#@contoso.onmicrosoft.com';
const memberAdded = (upn: string, at = 0) => ev({ source: 'm365', workload: 'MicrosoftTeams', category: 'collaboration', action: 'MemberAdded', at,
  attrs: { TeamName: 'Finance', 'Members.0.UPN': upn, 'Members.0.Role': '3' } });
const upload = (who: string, at: number) => ev({ source: 'm365', workload: 'SharePoint', category: 'file', action: 'FileUploaded', actor: who, at,
  actorType: who.includes('#ext#') ? 'guest' : 'user', target: 'https://contoso.sharepoint.com/sites/Finance/Shared Documents/Invoice.html' });

export const SEQUENCE_CASES: Case[] = [
  {
    rule: S.consentThenAccess,
    fire: [consent(APP), grant(APP, 2_000), mailRead(APP, 3 * HOUR), mailRead(APP, 4 * HOUR)],
    // a first-party client (Outlook) reading mail after a consent; another app's access; access a day and a half later
    miss: [consent(OUTLOOK), mailRead(OUTLOOK, HOUR), consent(APP), mailRead('0f0f0f0f-1111-4222-8333-444444444444', HOUR), mailRead(APP, 36 * HOUR)],
    check: (f) => {
      expect(f[0].target).toBe(APP);
      expect(f[0].evidence).toContain('Reader App');
      expect(f[0].count).toBe(2);
    },
  },
  {
    rule: S.mfaThenNewCountry, geo: GEO,
    fire: [...usHistory(), login(A, 10 * HOUR, '203.0.113.9'), mfaRemoved(10 * HOUR + 8 * MIN)],
    // the Russian sign-in is two days after the change; bob's MFA change comes with no new country
    miss: [...usHistory(), mfaRemoved(10 * HOUR), login(A, 60 * HOUR, '203.0.113.9'),
      ...usHistory('bob@contoso.com'), mfaRemoved(10 * HOUR, 'bob@contoso.com'), login('bob@contoso.com', 11 * HOUR, '198.51.100.1')],
    check: (f) => expect(f[0].evidence).toContain('RU'),
  },
  {
    rule: S.mfaThenNewCountry, geo: GEO,
    // the country must be new on a later day: an identity first seen abroad that same day has no history to differ from
    fire: [...usHistory(), mfaRemoved(0), login(A, 20 * HOUR, '203.0.113.9')],
    miss: [login(A, 0, '203.0.113.9'), mfaRemoved(HOUR), login(A, 2 * HOUR, '198.51.100.1')],
  },
  {
    rule: S.externalMemberUpload, actor: GUEST,
    fire: [login(A, -HOUR, '198.51.100.1'), memberAdded(GUEST), upload(GUEST, 20 * MIN)],
    // uploads two hours later, and an internal member's upload right away
    miss: [login(A, -HOUR, '198.51.100.1'), memberAdded(GUEST), upload(GUEST, 2 * HOUR), memberAdded('bob@contoso.com', 3 * HOUR),
      upload('bob@contoso.com', 3 * HOUR + 5 * MIN)],
    check: (f) => expect(f[0].evidence).toMatch(/Finance.*Invoice\.html/),
  },
  {
    rule: S.externalMemberUpload, actor: 'eve@evil.example',
    // a guest that uploads under its own address rather than the #EXT# UPN
    fire: [login(A, -HOUR, '198.51.100.1'), memberAdded(GUEST), upload('eve@evil.example', 5 * MIN)],
    miss: [login(A, -HOUR, '198.51.100.1'), memberAdded(GUEST), upload('eve@other.example', 5 * MIN)],
  },
];
