// Hostile and broken files through the real ingest pipeline and the real formats. Every file gets a report that
// names it, gives a line and a reason for each refused row (or a reason for refusing the whole file), keeps the
// accounting identity read = loaded + rejected + duplicates + excluded, and never stops the other files loading.

import { openAsBlob, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, inflateRawSync } from 'node:zlib';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.ts';
import { FORMATS } from '../../src/core/ingest/formats/index.ts';
import { balanced, type FileReport } from '../../src/core/ingest/report.ts';
import { ingest, type InputFile } from '../../src/core/ingest/session.ts';
import { openNative } from '../../workers/engine/native.ts';
import * as H from '../../fixtures/hostile/cases.ts';
import { gzipBomb, zipBomb } from '../../fixtures/hostile/bombs.ts';
import { m365Csv, NOW, utf8 } from '../../fixtures/hostile/content.ts';
import { writeLongLineCsv } from '../../fixtures/hostile/long-line.ts';
import { ENGINES, extensionRequests } from '../helpers/engines.ts';

const SPACE = 0x20;
const input = (f: H.HostileFile): InputFile => ({ blob: new Blob([f.bytes as BlobPart]), name: f.name });

async function load(engine: Engine, inputs: InputFile[], inputBytes?: number[]) {
  const res = await ingest(engine, inputs, { formats: FORMATS, now: NOW, onProgress: (p) => { if (inputBytes) inputBytes[p.index] = p.inputBytes; } });
  for (const f of res.files) expect(balanced(f), `${f.file}: read = loaded + rejected + duplicates + excluded`).toBe(true);
  const [{ n }] = await engine.query('SELECT count(*)::DOUBLE AS n FROM events');
  expect(Number(n)).toBe(res.files.reduce((s, f) => s + f.loaded, 0));
  return res;
}
const byName = (files: FileReport[], name: string) => {
  const f = files.find((x) => x.file === name);
  expect(f, `a report for ${name}`).toBeDefined();
  return f!;
};
/** Complete data rows (after the header) in the part of a gzip that inflates before the cut. */
function rowsBeforeCut(gz: Uint8Array): number {
  const text = new TextDecoder().decode(inflateRawSync(gz.subarray(10), { finishFlush: constants.Z_SYNC_FLUSH }));
  return text.split('\r\n').length - 2;
}

describe('hostile files through the real pipeline (native DuckDB)', () => {
  let engine: Engine;
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  beforeEach(async () => { engine = await openNative(); });
  afterEach(async () => { await engine.close(); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a truncated gzip is refused with the reason; the file after it loads', async () => {
    const res = await load(engine, [input(H.truncatedGzip()), input(H.goodCsv())]);
    expect(byName(res.files, 'cut-download.csv.gz').fatal).toMatch(/unexpected end of file|truncated|corrupt/i);
    expect(byName(res.files, 'good.csv')).toMatchObject({ loaded: 10, fatal: null });
  });

  // Bug (src/core/ingest/stream/bytes.ts peek + pipeline.ts ingestEntry): sniffing peeks 4 MB, and a stream error
  // inside that window throws out of peek(), so a cut gzip under 4 MB inflated loads nothing (format stays null).
  // Fix: let peek() return the bytes it got and re-throw the error from `rest` once those bytes are consumed.
  it('a truncated gzip under 4 MB still loads the rows before the cut', async () => {
    const cut = H.truncatedGzip(3000, 0.6);
    const res = await load(engine, [input(cut)]);
    expect(res.files[0].loaded).toBeGreaterThanOrEqual(rowsBeforeCut(cut.bytes) - 1);
  });

  // Bug (src/core/ingest/pipeline.ts ingestEvents): when the byte stream throws mid-file, the records already framed
  // into the pending JobBuilder job, and the parse jobs still in `inflight`, are dropped (`finally` only awaits
  // them), so up to ~2 jobs of good rows vanish and "stopped after N rows" undercounts. Fix: in a catch around the
  // framing loop, dispatch the pending job and apply every in-flight result, then re-throw.
  it('a truncated gzip over 4 MB loads every complete row before the cut', async () => {
    const cut = H.truncatedGzip(14_000, 0.9);
    const before = rowsBeforeCut(cut.bytes);
    expect(before).toBeGreaterThan(10_000);
    const res = await load(engine, [input(cut)]);
    expect(res.files[0].loaded).toBeGreaterThanOrEqual(before - 1);
  });

  it('a zip bomb is stopped with a clear message and the next file still loads', async () => {
    const { zip, inflated } = zipBomb('bomb.csv', utf8(m365Csv(3, 'bomb')), 12, SPACE);
    expect(inflated / zip.size).toBeGreaterThan(900);
    const res = await load(engine, [{ blob: zip, name: 'bomb.zip' }, input(H.goodCsv())]);
    expect(byName(res.files, 'bomb.zip › bomb.csv').fatal).toMatch(/compression ratio above 200:1 .*\(possible zip bomb\); stopped/);
    expect(byName(res.files, 'good.csv')).toMatchObject({ loaded: 10, fatal: null });
  });

  // Bug (src/core/ingest/pipeline.ts ingestFile + stream/unzip.ts): after the InflateMeter throws, ingestFile keeps
  // iterating entries, and unzipEntries keeps pumping input into the already started fflate file, whose ondata
  // pushes every inflated chunk into `queue` that nobody reads: the whole rest of the bomb is inflated and held
  // (a 640 MB bomb measured +590 MB of ArrayBuffers). Fix: make the meter throw an InflateLimitError and `break`
  // out of the entry loop on it (tried on a copy: +37 MB, 1.9 s instead of 4.8 s); also, when `data` is abandoned,
  // ignore further ondata calls in unzip.ts so an abandoned member is never buffered.
  it('after detecting a zip bomb, the rest of the archive is not read', async () => {
    const { zip } = zipBomb('bomb.csv', utf8(m365Csv(3, 'bomb')), 12, SPACE);
    const pulled: number[] = [];
    await load(engine, [{ blob: zip, name: 'bomb.zip' }], pulled);
    expect(pulled[0]).toBeLessThan(zip.size * 0.6);
  });

  it('a gzip bomb is stopped with a clear message', async () => {
    const { gz } = gzipBomb(utf8(m365Csv(3, 'gzbomb')), 10, SPACE);
    const res = await load(engine, [{ blob: gz, name: 'bomb.csv.gz' }]);
    expect(res.files[0].fatal).toMatch(/compression ratio above 200:1 .*\(possible zip bomb\); stopped/);
  });

  it('zip members named with path tricks, control and bidi characters are displayed sanitised and load', async () => {
    const res = await load(engine, [input(H.pathTricksZip())]);
    expect(res.files.map((f) => f.file)).toEqual([
      'tricks.zip › etc/passwd', 'tricks.zip › abs/evil.csv', 'tricks.zip › dir/sub/win.csv', 'tricks.zip › ctl[31m.csv',
      'tricks.zip › invoicegpj.csv', 'tricks.zip › isolate.csv', 'tricks.zip › a/b/c.csv',
    ]);
    for (const f of res.files) {
      const inner = f.file.split(' › ')[1];
      expect(inner).not.toMatch(/(^|\/)\.\.?(\/|$)|^\/|\\|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(f).toMatchObject({ format: 'm365-ual-csv', loaded: 2 });
    }
  });

  // Gap (src/core/ingest/stream/open.ts safeName, and openEntries for the outer name): RLM U+200F, ALM U+061C and
  // zero-width characters survive in member names, and a dropped file's own name is not sanitised at all.
  // Fix: strip [\u061c\u200b-\u200f\u2028\u2029\ufeff] too, and pass the outer name through the same cleaning.
  it('bidi marks, zero-width characters and the dropped file name itself are sanitised too', async () => {
    const named = { ...H.goodCsv(), name: `report\u202Eslx.csv` };
    const res = await load(engine, [input(H.subtleNamesZip()), input(named)]);
    for (const f of res.files) expect(f.file).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  });

  it('a row with invalid UTF-8 is rejected with its line; the other rows load', async () => {
    const res = await load(engine, [input(H.invalidUtf8Csv())]);
    expect(res.files[0]).toMatchObject({ file: 'invalid-utf8.csv', read: 3, loaded: 2, rejected: 1, errors: [{ line: 3, reason: 'invalid UTF-8 text' }] });
  });

  it('UTF-16 LE and BE, with and without BOM, load exactly like UTF-8', async () => {
    const files = [H.utf16Csv('le', true), H.utf16Csv('le', false), H.utf16Csv('be', true), H.utf16Csv('be', false)];
    const res = await load(engine, files.map(input));
    expect(res.files.map((f) => [f.file, f.format, f.read, f.loaded, f.rejected])).toEqual(
      files.map((f) => [f.name, 'm365-ual-csv', 5, 5, 0]));
    const actors = await engine.query("SELECT DISTINCT actor FROM events WHERE actor LIKE 'user%' ORDER BY actor");
    expect(actors.map((r) => r.actor)).toEqual(['user1@contoso.example', 'user2@contoso.example', 'user3@contoso.example', 'user4@contoso.example', 'user5@contoso.example']);
  });

  it('an 80 MB single line is rejected with its line and reason, in bounded memory, and the rows after it load', async () => {
    const path = join(dir, 'long-line.csv');
    await writeLongLineCsv(path, 80 * 1024 * 1024);
    const base = process.memoryUsage();
    let heap = 0, buffers = 0;
    const sample = setInterval(() => { const m = process.memoryUsage(); heap = Math.max(heap, m.heapUsed); buffers = Math.max(buffers, m.arrayBuffers); }, 5);
    let res;
    try { res = await load(engine, [{ blob: await openAsBlob(path), name: 'long-line.csv' }]); } finally { clearInterval(sample); }
    expect(res.files[0]).toMatchObject({ read: 3, loaded: 2, rejected: 1, errors: [{ line: 3, reason: 'record longer than 64 MB; skipped to the next line' }] });
    expect(heap - base.heapUsed, 'JS heap growth: the line never became a string').toBeLessThan(48 * 1024 ** 2);
    expect(buffers - base.arrayBuffers, 'byte buffers stay near the 64 MB record cap').toBeLessThan(200 * 1024 ** 2);
  });

  it('JSON nested 100 000 levels deep is rejected with a reason, without crashing, and its neighbours load', async () => {
    const res = await load(engine, [input(H.deepJson()), input(H.deepAuditDataCsv())]);
    const [json, csv] = res.files;
    expect(json).toMatchObject({ format: 'github-audit-json', read: 3, loaded: 2, rejected: 1 });
    expect(json.errors).toEqual([{ line: 2, reason: expect.stringMatching(/could not be normalised: .*(stack|deep|nest)/i) }]);
    expect(csv).toMatchObject({ format: 'm365-ual-csv', read: 3, loaded: 2, rejected: 1 });
    expect(csv.errors).toEqual([{ line: 3, reason: expect.stringMatching(/could not be normalised: .*(stack|deep|nest)/i) }]);
  });

  it('valid JSON of the wrong shape is refused whole, or record by record with line and reason', async () => {
    const res = await load(engine, [input(H.wrongShapeJson()), input(H.wrongShapeRecords())]);
    expect(res.files[0]).toMatchObject({ file: 'numbers.json', format: null, read: 0 });
    expect(res.files[0].fatal).toMatch(/^not a supported export: it looks like JSON records.*Supported: /);
    expect(res.files[1]).toMatchObject({ file: 'mixed-shapes.json', format: 'github-audit-json', read: 7, loaded: 2, rejected: 5 });
    expect(res.files[1].errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(res.files[1].errors[1].reason).toBe('expected a JSON object, found an array');
  });

  it('ragged CSV rows and an unbalanced quote are rejected with their lines; good rows load', async () => {
    const res = await load(engine, [input(H.raggedCsv())]);
    expect(res.files[0]).toMatchObject({ read: 5, loaded: 2, rejected: 3 });
    expect(res.files[0].errors).toEqual([
      { line: 3, reason: 'expected 6 fields, found 3' },
      { line: 4, reason: 'expected 6 fields, found 7' },
      { line: 6, reason: 'file ends inside a quoted field (unbalanced quote)' },
    ]);
  });

  it('content decides the format, not the extension', async () => {
    const res = await load(engine, [input(H.jsonNamedCsv()), input(H.csvNamedJson())]);
    expect(res.files.map((f) => [f.file, f.format, f.loaded])).toEqual([['really-json.csv', 'github-audit-json', 3], ['really-csv.json', 'm365-ual-csv', 3]]);
  });

  it('empty, blank and binary files are refused with the reason and the list of supported formats', async () => {
    const res = await load(engine, [input(H.emptyFile()), input(H.blankFile()), input(H.binaryFile())]);
    const [empty, blank, binary] = res.files;
    expect(empty.fatal).toMatch(/^the file is empty\. Supported: .*GitHub audit log/);
    expect(blank.fatal).toMatch(/^the file is empty\./);
    expect(binary.fatal).toMatch(/^this looks like binary data, not a text export\./);
    for (const f of res.files) expect(f).toMatchObject({ format: null, read: 0, loaded: 0 });
  });
});

describe('a batch of hostile files next to good ones on DuckDB-WASM', () => {
  const wasm = ENGINES.find((e) => e.name === 'duckdb-wasm')!;

  it('refuses or rejects what is hostile, loads the rest, and the counts agree with the table', async () => {
    const engine = await wasm.open();
    try {
      const files = [H.goodCsv(), H.truncatedGzip(), H.pathTricksZip(), H.invalidUtf8Csv(), H.utf16Csv('be', false), H.deepJson(),
        H.wrongShapeRecords(), H.raggedCsv(), H.jsonNamedCsv(), H.emptyFile(), H.binaryFile()];
      const res = await load(engine, files.map(input));
      const cut = byName(res.files, 'cut-download.csv.gz');
      expect(cut.fatal).toMatch(/unexpected end of file|truncated|corrupt/i);
      const loaded = Object.fromEntries(res.files.filter((f) => f !== cut).map((f) => [f.file, f.loaded]));
      expect(loaded).toEqual({
        'good.csv': 10, 'tricks.zip › etc/passwd': 2, 'tricks.zip › abs/evil.csv': 2, 'tricks.zip › dir/sub/win.csv': 2,
        'tricks.zip › ctl[31m.csv': 2, 'tricks.zip › invoicegpj.csv': 2, 'tricks.zip › isolate.csv': 2, 'tricks.zip › a/b/c.csv': 2,
        'invalid-utf8.csv': 2, 'utf16be.csv': 5, 'deep.json': 2, 'mixed-shapes.json': 2, 'ragged.csv': 2, 'really-json.csv': 3, 'empty.csv': 0, 'photo.csv': 0,
      });
      expect(res.events).toBe(10 + 14 + 2 + 5 + 2 + 2 + 2 + 3 + cut.loaded);
      expect(extensionRequests).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
