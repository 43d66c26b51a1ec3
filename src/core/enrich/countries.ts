// Country reference points for distances: the dataset's latitude/longitude per ISO code and a radius
// derived from the land area (radius of a disc of that area), so "at least this far apart" can be computed.

export interface CountryGeo { country: string; lat: number; lon: number; radiusKm: number }

interface CountryRecord { cca2?: string; latlng?: number[]; area?: number }

export function countryGeoRows(records: readonly CountryRecord[]): CountryGeo[] {
  const out: CountryGeo[] = [];
  for (const r of records) {
    if (!r.cca2 || !Array.isArray(r.latlng) || r.latlng.length < 2) continue;
    const area = typeof r.area === 'number' && r.area > 0 ? r.area : 0;
    out.push({
      country: r.cca2.toUpperCase(),
      lat: round(r.latlng[0]), lon: round(r.latlng[1]),
      radiusKm: Math.max(10, Math.round(Math.sqrt(area / Math.PI))),
    });
  }
  return out;
}

const round = (x: number) => Math.round(x * 100) / 100;
