// The security views' SQL on both engines: an identity across sources, an address, a finding's records, sign-ins.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { emptyFilters } from '../../../src/core/queries/filters.ts';
import type { Finding } from '../../../src/core/detect/types.ts';
import { IDENTITY } from '../../../src/core/detect/fields.ts';
import { addressIs, countEvents, findingEvents, identityIs, pageEvents } from '../../../src/lib/security/queries/events.ts';
import { addresses, agents, countries, identities, place, timelineBy, totals } from '../../../src/lib/security/queries/profile.ts';
import { signinsByAddress, signinsByAgent, signinsByCountry, signinTimeline, signinTotals } from '../../../src/lib/security/queries/signins.ts';
import { ENGINES, extensionRequests } from '../../helpers/engines.ts';
import { DAY, ev, failed, HOUR, load, login, MIN, prepare, T0 } from '../../core/detect/factory.ts';

const rows = [
  login('alice@contoso.com', 0, '203.0.113.5', { userAgent: 'Mozilla/5.0' }),
  failed('alice@contoso.com', 5 * MIN, '198.51.100.9', { userAgent: 'python-requests/2.31' }),
  failed('bob@contoso.com', 6 * MIN, '198.51.100.9', { userAgent: 'python-requests/2.31' }),
  login('bob@contoso.com', DAY, '203.0.113.5', { userAgent: 'Mozilla/5.0' }),
  // GitHub names alice by her login; the SAML identity makes her the same person
  ev({ source: 'github', actor: 'alice-gh', at: 2 * HOUR, action: 'repo.create', category: 'repository', ip: '192.0.2.77', country: 'FR',
    attrs: { external_identity_nameid: 'Alice@contoso.com' } }),
  ev({ actor: 'carol@contoso.com', at: 3 * HOUR, action: 'FileDownloaded', category: 'file', ip: '203.0.113.5' }),
];
const geo = [{ ip: '203.0.113.5', country: 'GB', asn: 64500, org: 'Example Net' }, { ip: '198.51.100.9', country: 'RU', asn: 64501, org: 'Hosting' }];
const all = { from: null, to: null };

describe.each(ENGINES)('security view queries on $name', ({ open }) => {
  let engine: Engine;
  const run = async (q: { sql: string; params: unknown[] }) => engine.query(q.sql, q.params as never);
  beforeAll(async () => { engine = await open(); await prepare(engine); await load(engine, rows, geo); });
  afterAll(async () => { await engine.close(); expect(extensionRequests).toEqual([]); });

  it('follows one identity across sources', async () => {
    const who = identityIs('alice@contoso.com');
    const [t] = await run(totals(who, all));
    expect(t).toMatchObject({ events: 3, failures: 1, ips: 3, countries: 3, sources: 'github,m365', first: T0, last: T0 + 2 * HOUR });
    const ips = await run(addresses(who, all));
    expect(ips.map((r) => [r.ip, r.country, r.n, r.failures])).toEqual([
      ['192.0.2.77', 'FR', 1, 0], ['198.51.100.9', 'RU', 1, 1], ['203.0.113.5', 'GB', 1, 0]]);
    expect((await run(countries(who, all))).map((r) => r.key).sort()).toEqual(['FR', 'GB', 'RU']);
    expect((await run(agents(who, all))).map((r) => [r.agent, r.n])).toEqual([['Mozilla/5.0', 1], ['python-requests/2.31', 1]]);
    const line = await run(timelineBy(who, all, 'day', 'source'));
    expect(line).toEqual([{ x: T0 - (T0 % DAY), series: 'github', n: 1 }, { x: T0 - (T0 % DAY), series: 'm365', n: 2 }]);
  });

  it('keeps to the time range', async () => {
    const [t] = await run(totals(identityIs('bob@contoso.com'), { from: T0 + HOUR, to: null }));
    expect(t.events).toBe(1);
    const [none] = await run(totals(identityIs('bob@contoso.com'), { from: null, to: T0 }));
    expect(none.events).toBe(0);
  });

  it('lists who used an address and what the database says about it', async () => {
    const who = addressIs('203.0.113.5');
    const ids = await run(identities(who, all, IDENTITY));
    expect(ids.map((r) => r.identity)).toEqual(['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com']);
    expect(await run(place('198.51.100.9'))).toEqual([{ country: 'RU', asn: 64501, as_org: 'Hosting' }]);
  });

  it('reads the events behind a finding, with their record pointers', async () => {
    const f: Finding = { rule: 'X', title: 'x', severity: 'low', attack: [], actor: 'alice@contoso.com', first: T0, last: T0 + 2 * HOUR, count: 1, evidence: '' };
    const cond = findingEvents(f);
    expect((await run(countEvents(cond)))[0].n).toBe(3);
    const page = await run(pageEvents(cond, 1, 5));
    expect(page.map((r) => r.action)).toEqual(['UserLoginFailed', 'repo.create']);
    expect(page[0]).toHaveProperty('byte_offset');
    const spray = { ...f, actor: '198.51.100.9', last: T0 + 10 * MIN };
    expect((await run(countEvents(findingEvents(spray))))[0].n).toBe(2);
  });

  it('summarises sign-ins by outcome, address, country and client, following the filter', async () => {
    const f = emptyFilters();
    expect((await run(signinTotals(f)))[0]).toMatchObject({ success: 2, failure: 2, identities: 2, ips: 2, countries: 2 });
    expect((await run(signinsByAddress(f))).map((r) => [r.key, r.success, r.failure, r.identities])).toEqual([
      ['198.51.100.9', 0, 2, 2], ['203.0.113.5', 2, 0, 2]]);
    expect((await run(signinsByCountry(f))).map((r) => r.key)).toEqual(['GB', 'RU']);
    expect((await run(signinsByAgent(f))).map((r) => [r.key, r.failure])).toEqual([['Mozilla/5.0', 0], ['python-requests/2.31', 2]]);
    const failures = { ...f, outcome: ['failure'] };
    expect((await run(signinTimeline(failures, 'day'))).map((r) => [r.series, r.n])).toEqual([['failure', 2]]);
    const bob = { ...f, actor: ['bob@contoso.com'], from: T0 + HOUR };
    expect((await run(signinTotals(bob)))[0]).toMatchObject({ success: 1, failure: 0 });
  });
});
