import { describe, expect, it } from 'vitest';
import { frameCsv, splitCsv } from '../../../src/core/ingest/records/csv-framer.ts';
import { frameJson } from '../../../src/core/ingest/records/json-framer.ts';
import { chunksOf, collect, text } from '../../helpers/chunks.ts';

describe('frameCsv', () => {
  const csv = 'a,b\r\n1,"x\r\ny"\r\n\r\n2,"he said ""hi"""\r\n3,z';
  for (const size of [1, 2, 3, 7, 1000]) {
    it(`frames records across ${size}-byte chunks with line numbers and offsets`, async () => {
      const recs = await collect(frameCsv(chunksOf(csv, size)));
      expect(recs.map((r) => text(r.bytes))).toEqual(['a,b', '1,"x\r\ny"', '2,"he said ""hi"""', '3,z']);
      expect(recs.map((r) => r.line)).toEqual([1, 2, 5, 6]);
      const bytes = new TextEncoder().encode(csv);
      for (const r of recs) expect(text(bytes.subarray(r.offset, r.offset + r.bytes.length))).toBe(text(r.bytes));
    });
  }
  it('reports an unbalanced quote at end of file with its line', async () => {
    const recs = await collect(frameCsv(chunksOf('a,b\n1,"open\n2,3\n', 4)));
    expect(recs).toHaveLength(2);
    expect(recs[1].line).toBe(2);
    expect(recs[1].error).toMatch(/unbalanced quote/);
  });
  it('rejects an oversized record and resumes at the next line', async () => {
    const recs = await collect(frameCsv(chunksOf(`h\n"${'x'.repeat(100)}\nnext\nok\n`, 16), 50));
    expect(recs[1].error).toMatch(/longer than/);
    expect(recs.map((r) => text(r.bytes)).slice(2)).toEqual(['next', 'ok']);
  });
  it('splits fields with quotes, doubled quotes and empty values', () => {
    expect(splitCsv('a,"b,c","d ""e""",,"2026-01-24T06:54:24.0000000Z "')).toEqual(['a', 'b,c', 'd "e"', '', '2026-01-24T06:54:24.0000000Z ']);
    expect(splitCsv('')).toEqual(['']);
  });
});

describe('frameJson', () => {
  const arr = '[ {"a":1,"s":"x]}\\"{"}, {"b":[1,2,{"c":"}"}]},\n 3, "str" ]';
  for (const size of [1, 5, 1000]) {
    it(`frames array elements across ${size}-byte chunks`, async () => {
      const recs = await collect(frameJson(chunksOf(arr, size)));
      expect(recs.map((r) => JSON.parse(text(r.bytes)))).toEqual([{ a: 1, s: 'x]}"{' }, { b: [1, 2, { c: '}' }] }, 3, 'str']);
      expect(recs[2].line).toBe(2);
    });
  }
  it('frames NDJSON values with their lines', async () => {
    const recs = await collect(frameJson(chunksOf('{"a":1}\n{"a":2}\r\n\n{"a":3}', 3)));
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4]);
  });
  it('unwraps the list of wrapper objects, page after page', async () => {
    const pages = '{"kind":"k","items":[{"id":1},{"id":2}],"nextPageToken":"t"}\n{"kind":"k","items":[{"id":3}]}';
    const recs = await collect(frameJson(chunksOf(pages, 4), { unwrap: true }));
    expect(recs.map((r) => JSON.parse(text(r.bytes)).id)).toEqual([1, 2, 3]);
  });
  it('keeps plain top-level objects that sit between wrappers', async () => {
    const mixed = '{"items":[{"id":1}]}\n{"id":2,"nested":{"a":[1]}}\n{"kind":"k","items":[{"id":3}]}';
    for (const size of [1, 7, 1000]) {
      const recs = await collect(frameJson(chunksOf(mixed, size), { unwrap: true }));
      expect(recs.map((r) => JSON.parse(text(r.bytes)).id)).toEqual([1, 2, 3]);
      expect(recs.map((r) => r.line)).toEqual([1, 2, 3]);
    }
  });
  it('unwraps pages inside a top-level array and keeps other elements', async () => {
    const pages = '[{"kind":"k","items":[{"id":1},{"id":2}]},{"id":3},[4],{"items":[]},{"kind":"k","items":[{"id":5}]}]';
    for (const size of [1, 5, 1000]) {
      const recs = await collect(frameJson(chunksOf(pages, size), { unwrap: true }));
      expect(recs.map((r) => JSON.parse(text(r.bytes)))).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, [4], { id: 5 }]);
    }
  });
  it('reports truncation', async () => {
    const recs = await collect(frameJson(chunksOf('[{"a":1},{"a":', 4)));
    expect(recs).toHaveLength(2);
    expect(recs[1].error).toMatch(/truncated/);
  });
});
