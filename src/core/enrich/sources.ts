// The registry packages the offline IP database is built from, with the credit their licences ask for.

import { versionDate, type GeoSource } from './geo-db.ts';

export const GEO_PACKAGES = {
  country: {
    name: 'IP to country (GeoFeed + Whois + ASN)', package: '@ip-location-db/geo-whois-asn-country',
    v4: 'geo-whois-asn-country-ipv4-num.csv', v6: 'geo-whois-asn-country-ipv6-num.csv',
    licence: 'CC BY 4.0', attribution: 'IP country data: ip-location-db (sapics), from NRO statistics (nro.net), CC BY 4.0.',
  },
  asn: {
    name: 'IP to ASN (RouteViews + DB-IP)', package: '@ip-location-db/asn',
    v4: 'asn-ipv4-num.csv', v6: 'asn-ipv6-num.csv',
    licence: 'CC BY 4.0', attribution: 'IP to ASN data: RouteViews (routeviews.org) and IP Geolocation by DB-IP (db-ip.com), CC BY 4.0.',
  },
  countries: {
    name: 'Country reference points and areas', package: 'world-countries', file: 'countries.json',
    licence: 'ODbL 1.0', attribution: 'Country coordinates and areas: world-countries (mledoze), Open Database License 1.0.',
  },
} as const;

export function geoSource(key: keyof typeof GEO_PACKAGES, version: string): GeoSource {
  const p = GEO_PACKAGES[key];
  return { name: p.name, package: p.package, version, date: versionDate(version), licence: p.licence, attribution: p.attribution };
}

/** File names under public/geo/ (served from our own origin). */
export const GEO_FILES = { country: 'ip-country.bin', asn: 'ip-asn.bin', countries: 'countries.json', info: 'info.json' } as const;
