// The offline IP database: country and AS number per IP, and a reference point per country.

import type { AsnHeader, CountryHeader } from './build-tables.ts';
import type { CountryGeo } from './countries.ts';
import { unpackTable } from './pack.ts';
import { lookupRange, type RangeTable } from './ranges.ts';

export interface IpGeo { ip: string; country: string | null; asn: number | null; asOrg: string | null; lat: number | null; lon: number | null; radiusKm: number | null }

export interface GeoSource { name: string; package: string; version: string; date: string; licence: string; attribution: string }

/** What the About page shows: where the data comes from, how old it is, and the credit its licence asks for. */
export interface GeoInfo { sources: GeoSource[] }

export interface GeoFiles { country: Uint8Array; asn: Uint8Array; countries: CountryGeo[]; info: GeoInfo }

export class GeoDb {
  private readonly country: RangeTable;
  private readonly codes: string[];
  private readonly asn: RangeTable;
  private readonly names: Record<string, string>;
  private readonly places: Map<string, CountryGeo>;
  readonly info: GeoInfo;
  readonly countries: CountryGeo[];

  constructor(files: GeoFiles) {
    const c = unpackTable<CountryHeader>(files.country);
    const a = unpackTable<AsnHeader>(files.asn);
    if (c.header.kind !== 'country' || a.header.kind !== 'asn') throw new Error('IP database files are swapped or damaged');
    this.country = c.table; this.codes = c.header.codes;
    this.asn = a.table; this.names = a.header.names;
    this.countries = files.countries;
    this.places = new Map(files.countries.map((p) => [p.country, p]));
    this.info = files.info;
  }

  lookup(ip: string): IpGeo {
    const ci = lookupRange(this.country, ip);
    const country = ci === null ? null : this.codes[ci] ?? null;
    const asn = lookupRange(this.asn, ip);
    const place = country ? this.places.get(country) : undefined;
    return {
      ip, country, asn: asn || null, asOrg: asn ? this.names[String(asn)] ?? null : null,
      lat: place?.lat ?? null, lon: place?.lon ?? null, radiusKm: place?.radiusKm ?? null,
    };
  }
}

/** A registry package version like 2.3.2026061719 carries its build date. */
export function versionDate(version: string): string {
  const m = /(\d{4})(\d{2})(\d{2})\d{2}$/.exec(version);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : 'unknown';
}
