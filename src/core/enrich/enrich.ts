// Fills `ip_geo` for every IP in `events` not looked up yet, and `country_geo` with the reference points.

import type { Engine, Value } from '../engine.ts';
import type { CountryGeo } from './countries.ts';
import type { GeoDb } from './geo-db.ts';
import { ensureEnrichTables } from './tables.ts';

export interface EnrichResult { ips: number; located: number; withAsn: number }

/**
 * Without a database (`db` null) only the sources' own countries are used. Where a source names the country of an IP
 * (GitHub actor_location, Entra location), that country wins over the database's for every event with that IP,
 * so one IP never sits in two countries.
 */
export async function enrichIps(engine: Engine, db: GeoDb | null, countries: readonly CountryGeo[] = db?.countries ?? []): Promise<EnrichResult> {
  await ensureEnrichTables(engine);
  if (countries.length) await loadCountries(engine, countries);
  const rows = await engine.query(`SELECT DISTINCT ip FROM events WHERE ip IS NOT NULL AND ip NOT IN (SELECT ip FROM ip_geo)`);
  const found = rows.map((r) => db?.lookup(String(r.ip)) ?? { ip: String(r.ip), country: null, asn: null, asOrg: null, lat: null, lon: null, radiusKm: null });
  await insertRows(engine, 'INSERT INTO ip_geo VALUES', 7, found.map((g) => [g.ip, g.country, g.asn, g.asOrg, g.lat, g.lon, g.radiusKm]));
  await engine.query(`UPDATE ip_geo SET country = s.c FROM (
      SELECT ip, mode(country) AS c FROM events WHERE ip IS NOT NULL AND country IS NOT NULL GROUP BY ip) s
    WHERE ip_geo.ip = s.ip AND ip_geo.country IS DISTINCT FROM s.c`);
  await engine.query(`UPDATE ip_geo SET lat = c.lat, lon = c.lon, radius_km = c.radius_km FROM country_geo c
    WHERE c.country = ip_geo.country AND ip_geo.lat IS DISTINCT FROM c.lat`);
  const [stats] = await engine.query('SELECT count(*) FILTER (WHERE country IS NOT NULL) AS located, count(*) FILTER (WHERE asn IS NOT NULL) AS asn FROM ip_geo');
  return { ips: found.length, located: Number(stats.located), withAsn: Number(stats.asn) };
}

export async function loadCountries(engine: Engine, countries: readonly CountryGeo[]): Promise<void> {
  await ensureEnrichTables(engine);
  await engine.query('DELETE FROM country_geo');
  await insertRows(engine, 'INSERT INTO country_geo VALUES', 4, countries.map((c) => [c.country, c.lat, c.lon, c.radiusKm]));
}

const CHUNK = 400;

/** Multi-row INSERT with every value bound as a parameter (both engines, no appender type coercion). */
async function insertRows(engine: Engine, head: string, width: number, rows: Value[][]): Promise<void> {
  const tuple = `(${Array(width).fill('?').join(', ')})`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await engine.query(`${head} ${part.map(() => tuple).join(', ')}`, part.flat());
  }
}
