import { describe, expect, it } from 'vitest';
import { buildAsnTable, buildCountryTable } from '../../../src/core/enrich/build-tables.ts';
import { countryGeoRows } from '../../../src/core/enrich/countries.ts';
import { enrichIps } from '../../../src/core/enrich/enrich.ts';
import { GeoDb, versionDate } from '../../../src/core/enrich/geo-db.ts';
import { ipv4Number, ipv6High } from '../../../src/core/enrich/ip-number.ts';
import { packageDir, loadGeoDbNode } from '../../../src/core/enrich/node.ts';
import { lookupRange, RangeBuilder, splitRangeLine } from '../../../src/core/enrich/ranges.ts';
import { GEO_PACKAGES } from '../../../src/core/enrich/sources.ts';
import { ENGINES } from '../../helpers/engines.ts';
import { ev, load, prepare } from '../detect/factory.ts';

const n4 = (ip: string) => String(ipv4Number(ip));
const n6 = (hex: string) => BigInt(`0x${hex}`).toString();

// 198.51.100.0/24 → US, 203.0.113.0/25 and /25 → RU (merged), 2001:db8::/32 → DE
const COUNTRY_V4 = [`${n4('198.51.100.0')},${n4('198.51.100.255')},US`, `${n4('203.0.113.0')},${n4('203.0.113.127')},RU`, `${n4('203.0.113.128')},${n4('203.0.113.255')},ru`];
const COUNTRY_V6 = [`${n6('20010db8000000000000000000000000')},${n6('20010db8ffffffffffffffffffffffff')},DE`];
const ASN_V4 = [`${n4('198.51.100.0')},${n4('198.51.100.255')},64500,"Example, ""Cable"" Inc."`, `${n4('203.0.113.0')},${n4('203.0.113.255')},64501,VPN Hosting Ltd`];
const ASN_V6 = [`${n6('20010db8000000000000000000000000')},${n6('20010db8ffffffffffffffffffffffff')},64502,Example DE`];

const db = () => new GeoDb({
  country: buildCountryTable(COUNTRY_V4, COUNTRY_V6), asn: buildAsnTable(ASN_V4, ASN_V6),
  countries: countryGeoRows([{ cca2: 'US', latlng: [38, -97], area: 9_372_610 }, { cca2: 'RU', latlng: [60, 100], area: 17_098_242 }]),
  info: { sources: [] },
});

describe('IP numbers', () => {
  it('parses IPv4 and the network half of IPv6', () => {
    expect(ipv4Number('1.2.3.4')).toBe(16909060);
    expect(ipv4Number('255.255.255.255')).toBe(4294967295);
    expect(ipv4Number('256.1.1.1')).toBeNull();
    expect(ipv6High('2001:db8::1')).toBe(0x20010db800000000n);
    expect(ipv6High('2001:db8:1:2:3:4:5:6')).toBe(0x20010db800010002n);
    expect(ipv6High('::ffff:1.2.3.4')).toBe(0n);
    expect(ipv6High('not-an-ip')).toBeNull();
  });

  it('splits registry lines with quoted organisation names', () => {
    expect(splitRangeLine('1,2,3,"A, ""B"" C"')).toEqual(['1', '2', '3', 'A, "B" C']);
    expect(splitRangeLine('1,2,US')).toEqual(['1', '2', 'US', '']);
  });
});

describe('range tables', () => {
  it('merges touching ranges with the same value and finds the holder of an IP', () => {
    const b = new RangeBuilder();
    b.addV4(10, 19, 1); b.addV4(20, 29, 1); b.addV4(40, 49, 2);
    const t = b.build();
    expect(Array.from(t.v4Start)).toEqual([10, 40]);
    expect(lookupRange(t, '0.0.0.25')).toBe(1);
    expect(lookupRange(t, '0.0.0.35')).toBeNull();
    expect(lookupRange(t, '0.0.0.49')).toBe(2);
  });

  it('looks up country, ASN, organisation and reference point from packed tables', () => {
    const g = db();
    expect(g.lookup('198.51.100.7')).toMatchObject({ country: 'US', asn: 64500, asOrg: 'Example, "Cable" Inc.', lat: 38, lon: -97 });
    expect(g.lookup('203.0.113.200')).toMatchObject({ country: 'RU', asn: 64501 });
    expect(g.lookup('2001:db8:aa::1')).toMatchObject({ country: 'DE', asn: 64502, lat: null });
    expect(g.lookup('192.0.2.1')).toMatchObject({ country: null, asn: null });
    expect(g.lookup('198.51.100.7').radiusKm).toBe(Math.round(Math.sqrt(9_372_610 / Math.PI)));
  });

  it('reads the build date from a registry version', () => {
    expect(versionDate('2.3.2026061719')).toBe('2026-06-17');
    expect(versionDate('5.1.0')).toBe('unknown');
  });
});

describe.each(ENGINES)('enrichIps on $name', ({ open }) => {
  it('fills ip_geo once per distinct IP and country_geo', async () => {
    const engine = await open();
    try {
      await prepare(engine);
      await load(engine, [ev({ ip: '198.51.100.7' }), ev({ ip: '198.51.100.7' }), ev({ ip: '203.0.113.9' }), ev({ ip: '192.0.2.1' }), ev({})], [], []);
      expect(await enrichIps(engine, db())).toEqual({ ips: 3, located: 2, withAsn: 2 });
      expect(await enrichIps(engine, db())).toEqual({ ips: 0, located: 2, withAsn: 2 });
      const rows = await engine.query('SELECT ip, country, asn, as_org FROM ip_geo ORDER BY ip');
      expect(rows).toEqual([
        { ip: '192.0.2.1', country: null, asn: null, as_org: null },
        { ip: '198.51.100.7', country: 'US', asn: 64500, as_org: 'Example, "Cable" Inc.' },
        { ip: '203.0.113.9', country: 'RU', asn: 64501, as_org: 'VPN Hosting Ltd' },
      ]);
      expect(await engine.query('SELECT country FROM country_geo ORDER BY 1')).toEqual([{ country: 'RU' }, { country: 'US' }]);
    } finally { await engine.close(); }
  });

  it('prefers the country a source gives for an IP, also without a database', async () => {
    const engine = await open();
    try {
      await prepare(engine);
      await load(engine, [ev({ ip: '198.51.100.7', country: 'CA' }), ev({ ip: '198.51.100.7' }), ev({ ip: '192.0.2.1', country: 'GB' })], [], []);
      await enrichIps(engine, db());
      expect(await engine.query('SELECT ip, country, asn FROM ip_geo ORDER BY ip')).toEqual([
        { ip: '192.0.2.1', country: 'GB', asn: null }, { ip: '198.51.100.7', country: 'CA', asn: 64500 }]);
      await engine.query('DELETE FROM ip_geo');
      await enrichIps(engine, null, [{ country: 'GB', lat: 54, lon: -2, radiusKm: 278 }]);
      expect(await engine.query('SELECT ip, country, lat FROM ip_geo ORDER BY ip')).toEqual([
        { ip: '192.0.2.1', country: 'GB', lat: 54 }, { ip: '198.51.100.7', country: 'CA', lat: null }]);
    } finally { await engine.close(); }
  });
});

describe('the shipped registry packages', () => {
  const installed = [GEO_PACKAGES.country.package, GEO_PACKAGES.asn.package, GEO_PACKAGES.countries.package].every((p) => packageDir(p));
  it.skipIf(!installed)('locate well-known addresses (skipped when the packages are not installed)', () => {
    const g = loadGeoDbNode()!;
    expect(g.lookup('8.8.8.8')).toMatchObject({ country: 'US', asn: 15169 });
    expect(g.lookup('2001:4860:4860::8888')).toMatchObject({ country: 'US', asn: 15169 });
    expect(g.lookup('10.1.2.3').country).toBeNull();
    expect(g.info.sources.map((s) => s.licence)).toEqual(['CC BY 4.0', 'CC BY 4.0', 'ODbL 1.0']);
    expect(g.countries.length).toBeGreaterThan(200);
  });
});
