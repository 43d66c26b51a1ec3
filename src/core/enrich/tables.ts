// Tables the offline IP enrichment fills; detections LEFT JOIN them, so they exist (empty) before any rule runs.

import type { Engine } from '../engine.ts';

export const ENRICH_TABLES = [
  `CREATE TABLE IF NOT EXISTS ip_geo (
    ip VARCHAR PRIMARY KEY, country VARCHAR, asn BIGINT, as_org VARCHAR, lat DOUBLE, lon DOUBLE, radius_km DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS country_geo (country VARCHAR PRIMARY KEY, lat DOUBLE, lon DOUBLE, radius_km DOUBLE)`,
];

export async function ensureEnrichTables(engine: Engine): Promise<void> {
  for (const ddl of ENRICH_TABLES) await engine.query(ddl);
}
