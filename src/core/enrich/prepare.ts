// Build step (no Vite): writes the offline IP database into public/geo/ from the registry packages.
// Usage: npx tsx src/core/enrich/prepare.ts [OUT_DIR]

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGeoFiles } from './node.ts';
import { GEO_FILES } from './sources.ts';

export function prepareGeo(out: string): string[] {
  const files = buildGeoFiles();
  if (!files) throw new Error('IP database packages are not installed (npm install)');
  mkdirSync(out, { recursive: true });
  const written: [string, Uint8Array | string][] = [
    [GEO_FILES.country, files.country], [GEO_FILES.asn, files.asn],
    [GEO_FILES.countries, JSON.stringify(files.countries)], [GEO_FILES.info, JSON.stringify(files.info, null, 2)],
  ];
  for (const [name, data] of written) writeFileSync(join(out, name), data);
  return written.map(([name, data]) => `${name} ${(data.length / 1e6).toFixed(1)} MB`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? 'public/geo');
  for (const line of prepareGeo(out)) process.stdout.write(`${line}\n`);
}
