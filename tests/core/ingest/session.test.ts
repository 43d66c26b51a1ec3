import { gzipSync, zipSync, strToU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { balanced } from '../../../src/core/ingest/report.ts';
import { ingest } from '../../../src/core/ingest/session.ts';
import { openNative } from '../../../workers/engine/native.ts';
import { toyCsv, toyJson } from '../../helpers/toy-format.ts';

const formats = [toyCsv, toyJson];
const NOW = Date.UTC(2026, 10, 1);
const blob = (s: string | Uint8Array) => new Blob([s as BlobPart]);

describe('ingest session', () => {
  let engine: Engine;
  beforeEach(async () => { engine = await openNative(); });
  afterEach(async () => { await engine.close(); });

  it('accounts for every row: loaded, rejected with line and reason, duplicates, excluded by retention', async () => {
    const csv = 'id,time,action\r\n1,2026-01-01T00:00:00Z,a\r\n2,not a time,b\r\n1,2026-01-01T00:00:00Z,a\r\n3,2026-02-01T10:00:00+02:00,c,extra\r\n4,2020-01-01T00:00:00Z,old\r\n5,2026-03-01 5:00:00 PM,d\r\n';
    const res = await ingest(engine, [{ blob: blob(csv), name: 'a.csv' }], { formats, now: NOW });
    const [f] = res.files;
    expect(f).toMatchObject({ format: 'github-audit-csv', read: 6, loaded: 2, rejected: 2, duplicates: 1, excluded: 1, fatal: null });
    expect(f.errors).toEqual([
      { line: 3, reason: "no valid time: 'not a time'" },
      { line: 5, reason: 'expected 3 fields, found 4' },
    ]);
    expect(balanced(f)).toBe(true);
    expect(f.first).toBe('2026-01-01T00:00:00.000Z');
    expect(f.last).toBe('2026-03-01T17:00:00.000Z');
    expect(res.events).toBe(2);
    const rows = await engine.query("SELECT attrs['id'] AS id, attrs['k x'] AS sep, line, byte_offset FROM events ORDER BY seq");
    expect(rows).toEqual([
      { id: '1', sep: 'v y', line: 2, byte_offset: csv.indexOf('1,2026') },
      { id: '5', sep: 'v y', line: 7, byte_offset: csv.indexOf('5,2026') },
    ]);
  });

  it('counts duplicates across files and reads gzip, zip and UTF-16 entries', async () => {
    const json = JSON.stringify({ items: [{ toy: 1, id: 'x', time: 1767225600000, actions: ['p', 'q'] }, { toy: 1, id: 'y', time: '2026-01-02T00:00:00Z' }] });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('id,time,action\n9,2026-01-05T00:00:00Z,z\n').flatMap((c) => [c.charCodeAt(0), 0])]);
    const zip = zipSync({ 'dir/one.json': strToU8(json), '../evil.csv': utf16 });
    const res = await ingest(engine, [
      { blob: blob(gzipSync(strToU8(json))), name: 'first.json.gz' },
      { blob: blob(zip), name: 'bundle.zip' },
    ], { formats, now: NOW });
    expect(res.files.map((f) => [f.file, f.read, f.loaded, f.duplicates])).toEqual([
      ['first.json.gz', 3, 3, 0],
      ['bundle.zip › dir/one.json', 3, 0, 3],
      ['bundle.zip › evil.csv', 1, 1, 0],
    ]);
    expect(res.files.every(balanced)).toBe(true);
    expect(res.entries.map((e) => e.path)).toEqual([[], [0], [1]]);
    expect(res.events).toBe(4);
  });

  it('a later load counts copies of rows already loaded as its duplicates, and a clean load counts none', async () => {
    const first = 'id,time,action\n1,2026-01-01T00:00:00Z,a\n1,2026-01-01T00:00:00Z,a\n2,2026-01-02T00:00:00Z,b\n';
    const again = 'id,time,action\n2,2026-01-02T00:00:00Z,b\n3,2026-01-03T00:00:00Z,c\n';
    const fresh = 'id,time,action\n4,2026-01-04T00:00:00Z,d\n';
    const counts = async (csv: string) => (await ingest(engine, [{ blob: blob(csv), name: 'x.csv' }], { formats, now: NOW })).files
      .map((f) => [f.loaded, f.duplicates]);
    expect(await counts(first)).toEqual([[2, 1]]);
    expect(await counts(again)).toEqual([[1, 1]]);
    expect(await counts(fresh)).toEqual([[1, 0]]);
    expect((await engine.query('SELECT count(*)::INTEGER AS n FROM events'))[0].n).toBe(4);
  });

  it('refuses an unknown or empty file whole and still loads the others', async () => {
    const res = await ingest(engine, [
      { blob: blob('name,colour\nx,red\n'), name: 'other.csv' },
      { blob: blob(''), name: 'empty.json' },
      { blob: blob('id,time,action\n1,2026-01-01T00:00:00Z,a\n'), name: 'good.csv' },
      { blob: blob(gzipSync(strToU8('id,time,action\n')).subarray(0, 12)), name: 'cut.csv.gz' },
    ], { formats, now: NOW });
    expect(res.files[0].fatal).toMatch(/looks like CSV with columns name, colour.*Supported: Toy CSV; Toy JSON/);
    expect(res.files[1].fatal).toMatch(/empty/);
    expect(res.files[2]).toMatchObject({ loaded: 1, fatal: null });
    expect(res.files[3].fatal).toMatch(/could not be read|stopped/);
    expect(res.events).toBe(1);
  });
});

describe('ingest of non-event tables', () => {
  it('loads directory-like CSV rows into their own table with the same accounting', async () => {
    const engine = await openNative();
    const { toyTable } = await import('../../helpers/toy-format.ts');
    const csv = 'email,hired,level\nA@x.example,2024-01-02,3\nnobody,2024-01-02,1\nb@x.example,,\na@x.example,2025-01-01,4\n';
    const res = await ingest(engine, [{ blob: blob(csv), name: 'people.csv' }, { blob: blob('id,time,action\n1,2026-01-01T00:00:00Z,a\n'), name: 'e.csv' }],
      { formats: [toyCsv, toyTable], now: NOW });
    expect(res.files[0]).toMatchObject({ format: 'toy-people', read: 4, loaded: 2, rejected: 1, duplicates: 1 });
    expect(res.files[0].errors).toEqual([{ line: 3, reason: "not an e-mail address: 'nobody'" }]);
    expect(res.files.every(balanced)).toBe(true);
    expect(await engine.query('SELECT email, epoch_ms(hired::TIMESTAMP)::DOUBLE AS hired, level FROM toy_people ORDER BY email')).toEqual([
      { email: 'a@x.example', hired: Date.UTC(2024, 0, 2), level: 3 }, { email: 'b@x.example', hired: null, level: null },
    ]);
    expect(res.events).toBe(1);
    await engine.close();
  });
});

describe('memory ceiling', () => {
  it('stops before the engine is full, keeps what was loaded queryable, and says why for every file', async () => {
    const engine = await openNative();
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},2026-01-01T00:00:00Z,${'a'.repeat(40)}`).join('\n');
    const csv = `id,time,action\n${rows}\n`;
    const res = await ingest(engine, [{ blob: blob(csv), name: 'big.csv' }, { blob: blob(csv), name: 'next.csv' }],
      { formats, now: NOW, memory: { limitBytes: 1, every: 1 } });
    expect(res.files[0].fatal).toMatch(/stopped after \d+ rows: the engine's memory is nearly full.*npm run cli -- convert/);
    expect(res.files[1].fatal).toMatch(/not loaded: loading stopped at the memory ceiling/);
    expect(res.files[0].loaded).toBeGreaterThan(0);
    expect(res.files[0].loaded).toBeLessThan(40_000);
    expect(balanced(res.files[0])).toBe(true);
    expect(res.events).toBe(res.files[0].loaded);
    const [{ n }] = await engine.query('SELECT count(*)::DOUBLE AS n FROM events');
    expect(n).toBe(res.files[0].loaded);
    await engine.close();
  });
});
