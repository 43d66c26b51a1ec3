import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnBatch, Engine } from '../../src/core/engine.ts';
import { batchToIPC, joinIpcStreams } from '../../workers/engine/arrow-batch.ts';
import { openWasmNode } from '../../workers/engine/wasm-node.ts';

const batch = (from: number, n: number, texts: (string | null)[]): ColumnBatch => ({
  length: n,
  columns: [
    { name: 'i', kind: 'integer', values: Int32Array.from({ length: n }, (_, k) => from + k) },
    { name: 's', kind: 'string', values: Array.from({ length: n }, (_, k) => texts[k % texts.length]) },
    { name: 'x', kind: 'double', values: Float64Array.from({ length: n }, (_, k) => (k % 3 ? k / 2 : NaN)) },
  ],
});

describe('Arrow IPC batches (DuckDB-WASM)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openWasmNode();
    await engine.query('CREATE TABLE t (i INTEGER, s VARCHAR, x DOUBLE)');
  });
  afterAll(() => engine.close());

  it('encodes text of any script, nulls and NaN as null, and joins streams into one append', async () => {
    const texts = ['plain', null, '', 'Zoë → 東京 🚀', 'x'.repeat(5000), 'ünïcödé'.repeat(300)];
    const parts = [batch(0, 7, texts), batch(7, 1, texts), batch(8, 2000, texts)];
    await engine.appendEncoded!('t', parts.map((b) => ({ ipc: batchToIPC(b), length: b.length })));
    const rows = await engine.query('SELECT i, s, x FROM t ORDER BY i');
    expect(rows.length).toBe(2008);
    const want = parts.flatMap((b) => Array.from({ length: b.length }, (_, k) => ({
      i: (b.columns[0].values as Int32Array)[k], s: b.columns[1].values[k], x: k % 3 ? k / 2 : null,
    })));
    expect(rows).toEqual(want);
  });

  it('refuses to join streams of different schemas or bytes that are not a stream', () => {
    const a = batchToIPC(batch(0, 2, ['a']));
    const other = batchToIPC({ length: 1, columns: [{ name: 'y', kind: 'integer', values: Int32Array.from([1]) }] });
    expect(() => joinIpcStreams([a, other])).toThrow(/different schemas/);
    expect(() => joinIpcStreams([a, new Uint8Array(32)])).toThrow(/not an Arrow IPC stream/);
    expect(joinIpcStreams([a])).toBe(a);
  });
});
