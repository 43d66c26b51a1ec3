// Runs must-fire / near-miss cases for rules on one engine (native by default, to keep CI quick).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { openNative } from '../../../workers/engine/native.ts';
import { findings, prepare, type Case } from './factory.ts';

export function runCases(title: string, cases: Case[], open: () => Promise<Engine> = () => openNative()): void {
  describe(title, () => {
    let engine: Engine;
    beforeAll(async () => { engine = await open(); await prepare(engine); });
    afterAll(async () => { await engine.close(); });
    for (const c of cases) {
      it(`${c.rule.id} fires`, async () => {
        const f = await findings(engine, c.rule, c.fire, c);
        expect(f.length).toBeGreaterThan(0);
        expect(f.map((x) => x.actor)).toContain(c.actor ?? 'alice@contoso.com');
        expect(f.every((x) => x.rule === c.rule.id && x.first <= x.last && x.evidence.length > 0)).toBe(true);
        c.check?.(f);
      });
      it(`${c.rule.id} stays quiet on the near miss`, async () => {
        expect(await findings(engine, c.rule, c.miss, c)).toEqual([]);
      });
    }
  });
}
