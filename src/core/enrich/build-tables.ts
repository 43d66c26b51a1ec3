// Registry CSV lines → packed range tables (run once at build time, or in memory by the CLI).

import { packTable } from './pack.ts';
import { RangeBuilder, splitRangeLine } from './ranges.ts';

export interface CountryHeader { kind: 'country'; codes: string[] }
export interface AsnHeader { kind: 'asn'; names: Record<string, string> }

/** `start,end,CC` lines (IPv4 then IPv6, numeric bounds). */
export function buildCountryTable(v4: Iterable<string>, v6: Iterable<string>): Uint8Array {
  const codes: string[] = [];
  const index = new Map<string, number>();
  const b = new RangeBuilder();
  const code = (cc: string) => {
    let i = index.get(cc);
    if (i === undefined) { i = codes.length; codes.push(cc); index.set(cc, i); }
    return i;
  };
  for (const line of v4) { const f = splitRangeLine(line); if (f && f[2]) b.addV4(Number(f[0]), Number(f[1]), code(f[2].toUpperCase())); }
  for (const line of v6) { const f = splitRangeLine(line); if (f && f[2]) b.addV6(BigInt(f[0]), BigInt(f[1]), code(f[2].toUpperCase())); }
  return packTable(b.build(), { kind: 'country', codes } satisfies CountryHeader);
}

/** `start,end,ASN,organisation` lines (IPv4 then IPv6, numeric bounds). */
export function buildAsnTable(v4: Iterable<string>, v6: Iterable<string>): Uint8Array {
  const names: Record<string, string> = {};
  const b = new RangeBuilder();
  const asn = (f: [string, string, string, string]) => {
    const n = Number(f[2]);
    if (f[3] && !(f[2] in names)) names[f[2]] = f[3];
    return n;
  };
  for (const line of v4) { const f = splitRangeLine(line); if (f && /^\d+$/.test(f[2])) b.addV4(Number(f[0]), Number(f[1]), asn(f)); }
  for (const line of v6) { const f = splitRangeLine(line); if (f && /^\d+$/.test(f[2])) b.addV6(BigInt(f[0]), BigInt(f[1]), asn(f)); }
  return packTable(b.build(), { kind: 'asn', names } satisfies AsnHeader);
}
