import { describe, expect, it } from 'vitest';
import type { Engine, Row, Value } from '../../src/core/engine.ts';
import { latestRunner, STALE } from '../../workers/engine/latest.ts';

/** An engine that answers with a counter, so a remembered result is told apart from a fresh one. */
function countingEngine(withWrites = true) {
  let calls = 0;
  const engine = {
    writes: withWrites ? 0 : undefined,
    async query(_sql: string, params: readonly Value[] = []): Promise<Row[]> { calls++; return [{ call: calls, p: params[0] ?? null }]; },
    async append() {}, async close() {},
  } as unknown as Engine & { writes?: number };
  return { engine, calls: () => calls };
}

describe('latestRunner', () => {
  it('answers a repeated query from memory until the engine reports a write', async () => {
    const { engine, calls } = countingEngine();
    const run = latestRunner(async () => engine);
    const a = await run({ channel: 'v', seq: 1 }, 'SELECT ?', [1]);
    const b = await run({ channel: 'v', seq: 2 }, 'SELECT ?', [1]);
    const c = await run({ channel: 'v', seq: 3 }, 'SELECT ?', [2]);
    expect([a[0].call, b[0].call, c[0].call]).toEqual([1, 1, 2]);
    (engine as { writes: number }).writes++;
    const d = await run({ channel: 'v', seq: 4 }, 'SELECT ?', [1]);
    expect(d[0].call).toBe(3);
    expect(calls()).toBe(3);
  });

  it('never remembers for an engine that does not count writes, and still drops superseded queries', async () => {
    const { engine, calls } = countingEngine(false);
    const run = latestRunner(async () => engine);
    const first = run({ channel: 'v', seq: 1 }, 'SELECT ?', [1]);
    const second = run({ channel: 'v', seq: 1 }, 'SELECT ?', [1]);
    const stale = run({ channel: 'v', seq: 0 }, 'SELECT ?', [1]);
    expect((await first)[0].call).toBe(1);
    expect((await second)[0].call).toBe(2);
    await expect(stale).rejects.toThrow(STALE);
    expect(calls()).toBe(2);
  });
});
