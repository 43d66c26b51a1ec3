import type { Engine } from '../src/core/engine.ts';
import { analyse } from '../src/core/detect/analyse.ts';
import { loadGeoDbNode } from '../src/core/enrich/node.ts';

/** The whole detection pack with enrichment, priority and coverage, as `detect` runs it. */
export async function timeDetections(engine: Engine): Promise<number> {
  const a = await analyse(engine, { geo: loadGeoDbNode('public/geo') });
  return a.findings.length;
}
