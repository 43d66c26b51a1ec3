import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import {
  DEFAULT_ALLOW, ensureAllowList, firstPartyApp, invalidEntry, ipv4Range, knownEgress, readAllowList, setAllowList,
} from '../../../src/core/detect/allow-list.ts';
import { raw, sql } from '../../../src/core/detect/sql.ts';
import { ENGINES, extensionRequests } from '../../helpers/engines.ts';

describe('allow-list entries', () => {
  it('turns IPv4 addresses and ranges into inclusive numeric ranges', () => {
    expect(ipv4Range('10.0.0.0/8')).toEqual([167772160, 184549375]);
    expect(ipv4Range('198.51.100.7')).toEqual([3325256711, 3325256711]);
    expect(ipv4Range('198.51.100.77/24')).toEqual([3325256704, 3325256959]); // host bits ignored
    expect(ipv4Range('300.1.1.1')).toBeNull();
    expect(ipv4Range('2001:db8::1')).toBeNull();
  });

  it('says what is wrong with an unusable entry', () => {
    expect(invalidEntry({ kind: 'egress-asn', value: 'AS16509' })).toBeNull();
    expect(invalidEntry({ kind: 'egress-asn', value: 'Amazon' })).toMatch(/AS number/);
    expect(invalidEntry({ kind: 'egress-ip', value: '2001:db8::1' })).toBeNull();
    expect(invalidEntry({ kind: 'egress-ip', value: 'vpn.example.com' })).toMatch(/IP address/);
    expect(invalidEntry({ kind: 'first-party-app', value: 'Outlook' })).toMatch(/GUID/);
  });

  it('ships only first-party application ids by default, each a GUID with a name', () => {
    expect(DEFAULT_ALLOW.length).toBeGreaterThan(10);
    expect(DEFAULT_ALLOW.every((e) => e.kind === 'first-party-app' && invalidEntry(e) === null && (e.note ?? '').length > 0)).toBe(true);
  });
});

describe.each(ENGINES)('allow_list table on $name', ({ open }) => {
  let engine: Engine;
  beforeAll(async () => { engine = await open(); });
  afterAll(async () => { await engine.close(); });

  const check = async (q: ReturnType<typeof sql>) => (await engine.query(`SELECT ${q.sql} AS hit`, q.params))[0].hit;

  it('is created with the defaults once, and an analyst\'s list is kept', async () => {
    await ensureAllowList(engine);
    expect((await readAllowList(engine)).length).toBe(DEFAULT_ALLOW.length);
    const skipped = await setAllowList(engine, [{ kind: 'egress-ip', value: '198.51.100.0/24', note: 'office' }, { kind: 'egress-asn', value: 'AS64500' },
      { kind: 'egress-ip', value: '2001:DB8::1' }, { kind: 'egress-asn', value: 'nope' }]);
    expect(skipped).toEqual([{ kind: 'egress-asn', value: 'nope' }]);
    await ensureAllowList(engine);
    expect(await readAllowList(engine)).toEqual([
      { kind: 'egress-asn', value: '64500' },
      { kind: 'egress-ip', value: '198.51.100.0/24', note: 'office' },
      { kind: 'egress-ip', value: '2001:db8::1' },
    ]);
  });

  it('matches IPs in a declared range, exact IPv6 addresses and declared AS numbers', async () => {
    expect(await check(knownEgress(sql`${'198.51.100.200'}`))).toBe(true);
    expect(await check(knownEgress(sql`${'198.51.101.1'}`))).toBe(false);
    expect(await check(knownEgress(sql`${'2001:db8::1'}`))).toBe(true);
    expect(await check(knownEgress(sql`${'203.0.113.5'}`, raw('64500')))).toBe(true);
    expect(await check(knownEgress(sql`${'203.0.113.5'}`, raw('64501')))).toBe(false);
    expect(await check(firstPartyApp(sql`${'5D661950-3475-41CD-A2C3-D671A3162BC1'}`))).toBe(false); // replaced by the analyst's list
    await setAllowList(engine, DEFAULT_ALLOW);
    expect(await check(firstPartyApp(sql`${'5D661950-3475-41CD-A2C3-D671A3162BC1'}`))).toBe(true);
    expect(extensionRequests).toEqual([]);
  });
});
