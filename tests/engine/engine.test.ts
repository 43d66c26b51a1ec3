import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.ts';
import { ENGINES, extensionRequests } from '../helpers/engines.ts';

describe.each(ENGINES)('engine contract on $name', ({ open }) => {
  let engine: Engine;
  beforeAll(async () => { engine = await open(); });
  afterAll(async () => { await engine.close(); });

  it('binds parameters instead of splicing text', async () => {
    const hostile = "o'brien'); DROP TABLE x; --";
    const [row] = await engine.query('SELECT ? AS v, length(?) AS n', [hostile, hostile]);
    expect(row).toEqual({ v: hostile, n: hostile.length });
  });

  it('returns TIMESTAMP as epoch ms, BIGINT as number, MAP as object, LIST as array', async () => {
    const [row] = await engine.query(
      "SELECT epoch_ms(1700000000123::BIGINT) AS t, 42::BIGINT AS b, map(['k'], ['v']) AS m, [1, 2] AS l, NULL AS z");
    expect(row).toEqual({ t: 1700000000123, b: 42, m: { k: 'v' }, l: [1, 2], z: null });
  });

  it('appends a columnar batch with nulls', async () => {
    await engine.query('CREATE TABLE t (s VARCHAR, d DOUBLE, i INTEGER)');
    await engine.append('t', { length: 3, columns: [
      { name: 's', kind: 'string', values: ['a', null, 'ü\u202e<b>'] },
      { name: 'd', kind: 'double', values: Float64Array.from([1.5, NaN, -2]) },
      { name: 'i', kind: 'integer', values: Int32Array.from([1, 2, 3]) },
    ] });
    expect(await engine.query('SELECT * FROM t ORDER BY i')).toEqual([
      { s: 'a', d: 1.5, i: 1 }, { s: null, d: null, i: 2 }, { s: 'ü\u202e<b>', d: -2, i: 3 },
    ]);
  });

  it('a repeated parameterised query sees tables replaced in between, and many shapes in turn stay correct', async () => {
    const sql = 'SELECT * FROM k WHERE a >= ? ORDER BY a';
    await engine.query('CREATE TABLE k AS SELECT 1 AS a');
    expect(await engine.query(sql, [0])).toEqual([{ a: 1 }]);
    await engine.query("CREATE OR REPLACE TABLE k AS SELECT 2 AS a, 'x' AS b UNION ALL SELECT 5, 'y'");
    expect(await engine.query(sql, [3])).toEqual([{ a: 5, b: 'y' }]);
    const shapes = Array.from({ length: 120 }, (_, i) => `SELECT ? + ${i % 70} AS v`);
    const got = [];
    for (let i = 0; i < shapes.length; i++) got.push((await engine.query(shapes[i], [i]))[0].v);
    expect(got).toEqual(shapes.map((_, i) => i + (i % 70)));
  });

  it('time bucketing on UTC TIMESTAMP needs no extension', async () => {
    const rows = await engine.query("SELECT date_trunc('day', epoch_ms(1700000000000::BIGINT)) AS d, strftime(epoch_ms(0::BIGINT), '%Y') AS y");
    expect(rows[0]).toEqual({ d: Date.UTC(2023, 10, 14), y: '1970' });
    expect(extensionRequests).toEqual([]);
  });
});
