// Browser/worker: the IP database from our own origin (public/geo/, written by prepare.ts), loaded only when asked.

import { GeoDb } from './geo-db.ts';
import { GEO_FILES } from './sources.ts';

export async function loadGeoDbFetch(base = '/geo/', fetcher: typeof fetch = fetch): Promise<GeoDb | null> {
  const get = async (name: string) => {
    const res = await fetcher(new URL(name, new URL(base, globalThis.location?.href ?? 'http://localhost/')).href);
    if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
    return res;
  };
  try {
    const [country, asn, countries, info] = await Promise.all([
      get(GEO_FILES.country).then((r) => r.arrayBuffer()), get(GEO_FILES.asn).then((r) => r.arrayBuffer()),
      get(GEO_FILES.countries).then((r) => r.json()), get(GEO_FILES.info).then((r) => r.json()),
    ]);
    return new GeoDb({ country: new Uint8Array(country), asn: new Uint8Array(asn), countries, info });
  } catch {
    return null;
  }
}
