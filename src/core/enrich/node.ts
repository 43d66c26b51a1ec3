// Node (CLI, tests): the IP database from public/geo/ when it was prepared, else built in memory from the
// registry packages in node_modules. Never touches the network.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildAsnTable, buildCountryTable } from './build-tables.ts';
import { countryGeoRows } from './countries.ts';
import { GeoDb, type GeoFiles, type GeoInfo } from './geo-db.ts';
import { GEO_FILES, GEO_PACKAGES, geoSource } from './sources.ts';

const require = createRequire(import.meta.url);

export function packageDir(name: string): string | null {
  try { return dirname(require.resolve(`${name}/package.json`)); } catch { return null; }
}

function* lines(path: string): Generator<string> {
  const text = readFileSync(path, 'utf8');
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    if (end > at) yield text.slice(at, end).replace(/\r$/, '');
    at = end + 1;
  }
}

/** Reads the registry packages and builds the files (what the prepare script writes to public/geo/). */
export function buildGeoFiles(): GeoFiles | null {
  const dirs = { country: packageDir(GEO_PACKAGES.country.package), asn: packageDir(GEO_PACKAGES.asn.package), countries: packageDir(GEO_PACKAGES.countries.package) };
  if (!dirs.country || !dirs.asn || !dirs.countries) return null;
  const version = (dir: string) => String(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version);
  const c = GEO_PACKAGES.country, a = GEO_PACKAGES.asn;
  const info: GeoInfo = { sources: [geoSource('country', version(dirs.country)), geoSource('asn', version(dirs.asn)), geoSource('countries', version(dirs.countries))] };
  return {
    country: buildCountryTable(lines(join(dirs.country, c.v4)), lines(join(dirs.country, c.v6))),
    asn: buildAsnTable(lines(join(dirs.asn, a.v4)), lines(join(dirs.asn, a.v6))),
    countries: countryGeoRows(JSON.parse(readFileSync(join(dirs.countries, GEO_PACKAGES.countries.file), 'utf8'))),
    info,
  };
}

export function readGeoFiles(dir: string): GeoFiles | null {
  const path = (k: keyof typeof GEO_FILES) => join(dir, GEO_FILES[k]);
  if (!Object.keys(GEO_FILES).every((k) => existsSync(path(k as keyof typeof GEO_FILES)))) return null;
  return {
    country: new Uint8Array(readFileSync(path('country'))),
    asn: new Uint8Array(readFileSync(path('asn'))),
    countries: JSON.parse(readFileSync(path('countries'), 'utf8')),
    info: JSON.parse(readFileSync(path('info'), 'utf8')),
  };
}

/** The database, or null when neither public/geo/ nor the packages are there (detections then use source countries only). */
export function loadGeoDbNode(preparedDir?: string): GeoDb | null {
  const files = (preparedDir ? readGeoFiles(preparedDir) : null) ?? buildGeoFiles();
  return files ? new GeoDb(files) : null;
}
