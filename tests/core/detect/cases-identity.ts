import { expect } from 'vitest';
import * as R from '../../../src/core/detect/rules/identity.ts';
import { DAY, ev, failed, HOUR, login, MIN, times, type Case } from './factory.ts';

const A = 'alice@contoso.com';
const GEO = [
  { ip: '198.51.100.1', country: 'US', asn: 7922, org: 'Comcast Cable' },
  { ip: '203.0.113.9', country: 'RU', asn: 12389, org: 'Rostelecom' },
  { ip: '203.0.113.10', country: 'CA', asn: 812, org: 'Rogers' },
  { ip: '192.0.2.50', country: 'DE', asn: 24940, org: 'Hetzner Online GmbH' },
  { ip: '192.0.2.60', country: 'DE', asn: 3320, org: 'Deutsche Telekom' },
];

/** Two weeks of ordinary US sign-ins, then the case's own events. */
const history = (actor = A) => times(15, { actor, category: 'authentication', action: 'UserLoggedIn', ip: '198.51.100.1' }, DAY);

/** Five colleagues each in the US and in Germany (Deutsche Telekom): both are countries the organisation works from. */
const colleagues = () => [0, 1, 2, 3, 4].flatMap((i) => [login(`us${i}@contoso.com`, i * HOUR, '198.51.100.1'), login(`de${i}@contoso.com`, i * HOUR, '192.0.2.60')]);

/** A credential failure as UAL and Entra both log it (same second), with an Entra-style error code. */
const badPassword = (at: number, code = '50126') => [failed(A, at, '203.0.113.9', { attrs: { ErrorNumber: code } }),
  failed(A, at + 400, '203.0.113.9', { source: 'entra', action: 'Sign-in activity', attrs: { errorCode: code } })];

export const IDENTITY_CASES: Case[] = [
  {
    rule: R.impossibleTravel, geo: GEO,
    fire: [login(A, 0, '198.51.100.1'), login(A, 2 * HOUR, '203.0.113.9')],
    // US → Canada in 2 h: the countries touch, so the smallest possible distance is 0.
    miss: [login(A, 0, '198.51.100.1'), login(A, 2 * HOUR, '203.0.113.10'), login(A, 40 * HOUR, '203.0.113.9')],
    check: (f) => expect(f[0].evidence).toMatch(/^US → RU/),
  },
  {
    rule: R.impossibleTravel,
    // GitHub events carry their own country (actor_location), no IP database needed.
    fire: [ev({ source: 'github', action: 'repo.create', country: 'GB' }), ev({ source: 'github', action: 'git.push', country: 'AU', at: 3 * HOUR })],
    miss: [ev({ source: 'github', action: 'repo.create', country: 'GB' }), ev({ source: 'github', action: 'git.push', country: 'FR', at: 3 * HOUR })],
  },
  {
    rule: R.impossibleTravel, geo: GEO,
    // between two countries the organisation works from, only an anonymising network (Hetzner hosting) is news
    fire: [...colleagues(), login(A, 6 * HOUR, '198.51.100.1'), login(A, 6 * HOUR + 20 * MIN, '192.0.2.50')],
    miss: [...colleagues(), login(A, 6 * HOUR, '198.51.100.1'), login(A, 6 * HOUR + 20 * MIN, '192.0.2.60')],
    check: (f) => expect(f.filter((x) => x.actor === A)).toHaveLength(1),
  },
  {
    rule: R.impossibleTravel, geo: [...GEO, { ip: '203.0.113.11', country: 'RU', asn: 8359, org: 'MTS PJSC' }],
    // a declared egress network (the company's VPN exit, AS12389) places no one; another Russian network still does
    fire: [login(A, 0, '198.51.100.1'), login(A, 2 * HOUR, '203.0.113.11')],
    miss: [login(A, 0, '198.51.100.1'), login(A, 2 * HOUR, '203.0.113.9'), login(A, 3 * HOUR, '198.51.100.1')],
    allow: [{ kind: 'egress-asn', value: 'AS12389' }],
  },
  {
    rule: R.newCountry, geo: GEO,
    fire: [...history(), login(A, 16 * DAY, '203.0.113.9')],
    // the same new country inside the baseline is not "new"; and an identity with no baseline is not judged.
    miss: [...history(), login(A, 3 * DAY, '203.0.113.9'), login(A, 16 * DAY, '203.0.113.9'), login('bob@contoso.com', 16 * DAY, '203.0.113.9')],
    check: (f) => expect(f[0].evidence).toContain('RU'),
  },
  {
    rule: R.newCountry, geo: GEO,
    // 10 days of data: the 7-day minimum history applies.
    fire: [...history().slice(0, 9), login(A, 9 * DAY + HOUR, '203.0.113.9')],
    // 5 days of data: too little history to call anything new.
    miss: [...history().slice(0, 5), login(A, 5 * DAY, '203.0.113.9')],
  },
  {
    rule: R.newCountry, geo: GEO,
    // Germany is where five colleagues work: not news, unless reached through a hosting network
    fire: [...history(), ...colleagues(), login(A, 16 * DAY, '192.0.2.50')],
    miss: [...history(), ...colleagues(), login(A, 16 * DAY, '192.0.2.60')],
    check: (f) => expect(f.find((x) => x.actor === A)?.evidence).toContain('DE'),
  },
  {
    rule: R.newAsn, geo: GEO,
    fire: [...history(), login(A, 16 * DAY, '192.0.2.60')],
    miss: [...history(), login(A, 16 * DAY, '198.51.100.1')],
  },
  {
    rule: R.newUserAgent,
    fire: [...times(15, { category: 'authentication', action: 'UserLoggedIn', userAgent: 'Mozilla/5.0 Chrome/120.0.1' }, DAY),
      login(A, 16 * DAY, '198.51.100.1', { userAgent: 'python-requests/2.31' })],
    // a browser update only changes version digits
    miss: [...times(15, { category: 'authentication', action: 'UserLoggedIn', userAgent: 'Mozilla/5.0 Chrome/120.0.1' }, DAY),
      login(A, 16 * DAY, '198.51.100.1', { userAgent: 'Mozilla/5.0 Chrome/121.0.7' })],
  },
  {
    rule: R.newTokenIp,
    fire: [...times(15, { source: 'github', action: 'git.clone', ip: '198.51.100.1', attrs: { hashed_token: 'tok1' } }, DAY),
      ev({ source: 'github', action: 'git.clone', ip: '203.0.113.9', attrs: { hashed_token: 'tok1' }, at: 16 * DAY })],
    miss: [...times(15, { source: 'github', action: 'git.clone', ip: '198.51.100.1', attrs: { hashed_token: 'tok1' } }, DAY),
      ev({ source: 'github', action: 'git.clone', ip: '198.51.100.1', attrs: { hashed_token: 'tok1' }, at: 16 * DAY })],
  },
  {
    rule: R.spray, actor: '203.0.113.9',
    fire: times(10, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', ip: '203.0.113.9' }, 5 * MIN, (i) => ({ actor: `u${i}@contoso.com` })),
    // nine users in the hour, the tenth an hour later
    miss: [...times(9, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', ip: '203.0.113.9' }, 5 * MIN, (i) => ({ actor: `u${i}@contoso.com` })),
      failed('u9@contoso.com', 2 * HOUR, '203.0.113.9')],
    check: (f) => expect(f[0].target).toContain('u0@contoso.com'),
  },
  {
    rule: R.brute,
    fire: times(20, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', ip: '203.0.113.9' }, 2 * MIN),
    miss: times(19, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', ip: '203.0.113.9' }, 2 * MIN),
  },
  {
    rule: R.mfaFatigue,
    fire: times(10, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', attrs: { ErrorNumber: '500121' } }, 30_000),
    miss: times(10, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', attrs: { ErrorNumber: '50126' } }, 30_000),
  },
  {
    rule: R.successAfterFailures,
    fire: [...times(5, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', ip: '203.0.113.9' }, MIN, (i) => ({ actor: i === 0 ? A : `u${i}@contoso.com` })),
      login(A, 10 * MIN, '203.0.113.9')],
    // success from another IP, and failures by others only
    miss: [...times(5, { category: 'authentication', action: 'UserLoginFailed', outcome: 'failure', ip: '203.0.113.9' }, MIN, (i) => ({ actor: `u${i}@contoso.com` })),
      login(A, 10 * MIN, '203.0.113.9'), login('u1@contoso.com', 10 * MIN, '198.51.100.1')],
  },
  {
    rule: R.successAfterFailures,
    fire: [...[0, 1, 2, 3, 4].flatMap((i) => badPassword(i * MIN)), login(A, 10 * MIN, '203.0.113.9')],
    // MFA prompts (50074) mean the password was right; three bad passwords logged twice are still three
    miss: [...[0, 1, 2, 3, 4].flatMap((i) => badPassword(i * MIN, '50074')), ...[6, 7, 8].flatMap((i) => badPassword(i * MIN)),
      login(A, 10 * MIN, '203.0.113.9')],
    check: (f) => expect(f[0].evidence).toContain('5 as this identity'),
  },
  {
    rule: R.toolAgent,
    fire: [login(A, 0, '203.0.113.9', { userAgent: 'AADInternals' })],
    miss: [login(A, 0, '203.0.113.9', { userAgent: 'Mozilla/5.0' }), failed(A, 0, '203.0.113.9', { userAgent: 'python-requests/2.31' })],
  },
  {
    rule: R.hostingNetwork, geo: GEO,
    fire: [login(A, 0, '192.0.2.50')],
    miss: [login(A, 0, '192.0.2.60'), failed(A, 0, '192.0.2.50')],
  },
  {
    rule: R.hostingNetwork, geo: [...GEO, { ip: '192.0.2.70', country: 'DE', asn: 24940, org: 'Hetzner Online GmbH' },
      { ip: '192.0.2.80', country: 'DE', asn: 60729, org: 'Stiftung Erneuerbare Freiheit' }],
    // the company VPN exits at Hetzner from one declared address; the rest of Hetzner and a Tor exit operator are still reported
    fire: [login(A, 0, '192.0.2.70'), login(A, DAY, '192.0.2.80')],
    miss: [login(A, 0, '192.0.2.50')],
    allow: [{ kind: 'egress-ip', value: '192.0.2.48/29' }],
    check: (f) => expect(f).toHaveLength(2),
  },
];

