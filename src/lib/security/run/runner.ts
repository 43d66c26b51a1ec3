// The worker's side of security analysis: one run at a time (a new one cancels the previous), the IP database
// fetched from our own origin once, when first needed, and kept for later runs.

import type { Engine } from '../../../core/engine.ts';
import type { GeoDb } from '../../../core/enrich/geo-db.ts';
import { runSecurity } from './detect.ts';
import { checkSigma } from './sigma.ts';
import type { DetectProgress, DetectRequest, DetectResult, SigmaCheck } from './types.ts';

export interface SecurityRunner {
  detect(req: DetectRequest, onProgress?: (p: DetectProgress) => void): Promise<DetectResult>;
  cancel(): void;
  compile(yamlText: string): SigmaCheck;
}

export function securityRunner(engine: () => Promise<Engine>, loadGeo: () => Promise<GeoDb | null>): SecurityRunner {
  let current: AbortController | null = null;
  let geo: Promise<GeoDb | null> | null = null;
  let known: GeoDb | null = null;
  const geoOnce = () => (geo ??= loadGeo().then((db) => {
    if (!db) geo = null; // a failed load is tried again on the next run
    known = db ?? known;
    return db;
  }));

  return {
    async detect(req, onProgress) {
      current?.abort();
      const mine = (current = new AbortController());
      try {
        const result = await runSecurity(await engine(), req, { signal: mine.signal, onProgress, geo: geoOnce });
        return { ...result, geo: result.geo ?? known?.info.sources ?? null };
      } finally {
        if (current === mine) current = null;
      }
    },
    cancel() { current?.abort(); },
    compile: (yamlText) => checkSigma(yamlText),
  };
}
