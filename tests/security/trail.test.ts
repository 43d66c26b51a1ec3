import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runVerifyTrail } from '../../src/cli/verify-trail.ts';
import { canonicalJson } from '../../src/core/trail/canonical.ts';
import { checkDetail } from '../../src/core/trail/detail.ts';
import { GENESIS, type TrailEntry } from '../../src/core/trail/entry.ts';
import { MemoryTrailStore } from '../../src/core/trail/store.ts';
import { Trail } from '../../src/core/trail/trail.ts';
import { verifyTrail } from '../../src/core/trail/verify.ts';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

async function sampleTrail(): Promise<{ trail: Trail; ndjson: string }> {
  let t = T0;
  const trail = new Trail(new MemoryTrailStore(), () => (t += 1000));
  await trail.record('load-files', { files: ['ual.csv', 'signins.json'], events: 1200 });
  await trail.record('view-person', { person: 'p-17' });
  await trail.record('run-query', { query: 'after-hours', params: ['p-17', 30] });
  await trail.record('view-raw', { file: 'ual.csv', line: 42 });
  await trail.record('export', { what: 'after-hours', rows: 12 });
  return { trail, ndjson: await trail.exportNdjson() };
}

const lines = (s: string) => s.trimEnd().split('\n');
const asFile = (ls: string[]) => `${ls.join('\n')}\n`;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('reviewer audit trail', () => {
  it('chains each entry to the previous one with SHA-256 of its canonical JSON', async () => {
    const { ndjson } = await sampleTrail();
    const entries = lines(ndjson).map((l) => JSON.parse(l) as TrailEntry);
    expect(entries.map((e) => e.kind)).toEqual(['load-files', 'view-person', 'run-query', 'view-raw', 'export', 'export-trail']);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries[0].at).toBe('2026-03-01T09:00:01.000Z');
    expect(entries[0].prev).toBe(GENESIS);
    // Recomputed independently with node:crypto and a hand-written canonical form of entry 2.
    const second = `{"at":"2026-03-01T09:00:02.000Z","detail":{"person":"p-17"},"kind":"view-person","prev":"${entries[0].hash}","seq":2}`;
    expect(entries[1].hash).toBe(sha(second));
    for (let i = 1; i < entries.length; i++) expect(entries[i].prev).toBe(entries[i - 1].hash);
    expect(entries[5].detail).toEqual({ entries: 6 });
    expect(await verifyTrail(ndjson)).toEqual({ ok: true, entries: 6, head: entries[5].hash });
  });

  it('detects an edited entry on its own line', async () => {
    const { ndjson } = await sampleTrail();
    const ls = lines(ndjson);
    ls[1] = ls[1].replace('"p-17"', '"p-18"');
    expect(await verifyTrail(asFile(ls))).toEqual({ ok: false, line: 2, reason: expect.stringMatching(/hash does not match/) });
  });

  it('detects an edited entry whose hash was recomputed, on the next line', async () => {
    const { ndjson } = await sampleTrail();
    const entries = lines(ndjson).map((l) => JSON.parse(l) as TrailEntry);
    const forged = { ...entries[1], detail: { person: 'p-18' } };
    forged.hash = sha(canonicalJson({ at: forged.at, detail: forged.detail, kind: forged.kind, prev: forged.prev, seq: forged.seq }));
    entries[1] = forged;
    const res = await verifyTrail(asFile(entries.map((e) => JSON.stringify(e))));
    expect(res).toEqual({ ok: false, line: 3, reason: expect.stringMatching(/prev does not match/) });
  });

  it('detects a deleted entry', async () => {
    const { ndjson } = await sampleTrail();
    const ls = lines(ndjson);
    ls.splice(2, 1);
    expect(await verifyTrail(asFile(ls))).toEqual({ ok: false, line: 3, reason: expect.stringMatching(/expected entry 3, found entry 4/) });
  });

  it('detects reordered entries', async () => {
    const { ndjson } = await sampleTrail();
    const ls = lines(ndjson);
    [ls[3], ls[4]] = [ls[4], ls[3]];
    expect(await verifyTrail(asFile(ls))).toEqual({ ok: false, line: 4, reason: expect.stringMatching(/removed, added or moved/) });
  });

  it('detects truncation at a line end and in the middle of a line', async () => {
    const { ndjson } = await sampleTrail();
    const ls = lines(ndjson);
    expect(await verifyTrail(asFile(ls.slice(0, 4)))).toEqual({ ok: false, line: 4, reason: expect.stringMatching(/does not end with its export seal/) });
    expect(await verifyTrail(ndjson.slice(0, ndjson.length - 40))).toEqual({ ok: false, line: 6, reason: expect.stringMatching(/cut short/) });
    expect(await verifyTrail('')).toMatchObject({ ok: false, line: 1 });
  });

  it('refuses fields the hash does not cover and malformed values', async () => {
    const { ndjson } = await sampleTrail();
    const ls = lines(ndjson);
    const extra = JSON.parse(ls[0]);
    extra.note = 'added later';
    expect(await verifyTrail(asFile([JSON.stringify(extra), ...ls.slice(1)]))).toEqual({ ok: false, line: 1, reason: "unexpected field 'note'" });
    const nested = JSON.parse(ls[0]);
    nested.detail = { record: { raw: 'x' } };
    expect(await verifyTrail(asFile([JSON.stringify(nested), ...ls.slice(1)]))).toMatchObject({ ok: false, line: 1, reason: expect.stringMatching(/flat object/) });
    expect(await verifyTrail('[1]\n')).toMatchObject({ ok: false, line: 1, reason: expect.stringMatching(/JSON object/) });
  });

  it('a trail rebuilt from scratch only fails against the recorded head hash', async () => {
    const { ndjson } = await sampleTrail();
    const head = (await verifyTrail(ndjson) as { head: string }).head;
    const forger = new Trail(new MemoryTrailStore(), () => T0);
    await forger.record('load-files', { files: ['ual.csv'], events: 1 });
    const forged = await forger.exportNdjson();
    expect(await verifyTrail(forged)).toMatchObject({ ok: true, entries: 2 });
    expect(await verifyTrail(forged, { head })).toMatchObject({ ok: false, line: 2, reason: expect.stringMatching(/recorded/) });
    expect(await verifyTrail(ndjson, { head: head.toUpperCase() })).toMatchObject({ ok: true });
  });

  it('chains steps recorded at the same time in call order, and a second export still verifies', async () => {
    const store = new MemoryTrailStore();
    const trail = new Trail(store, () => T0);
    await Promise.all([1, 2, 3, 4].map((n) => trail.record('view-raw', { file: 'f.json', line: n })));
    const first = await trail.exportNdjson();
    await trail.record('view-person', { person: 'p-2' });
    const second = await trail.exportNdjson();
    expect((await store.entries()).map((e) => e.detail.line ?? e.kind)).toEqual([1, 2, 3, 4, 'export-trail', 'view-person', 'export-trail']);
    expect(await verifyTrail(first)).toMatchObject({ ok: true, entries: 5 });
    expect(await verifyTrail(second)).toMatchObject({ ok: true, entries: 7 });
    expect(second.startsWith(first)).toBe(true);
  });

  it('keeps stored entries immutable and details flat and short', async () => {
    const store = new MemoryTrailStore();
    const trail = new Trail(store);
    const long = 'x'.repeat(5000);
    await trail.record('view-raw', { file: long, line: 1 });
    const [stored] = await store.entries();
    expect(() => { (stored as { seq: number }).seq = 9; }).toThrow();
    expect(() => { (stored.detail as Record<string, unknown>).file = 'y'; }).toThrow();
    expect((stored.detail.file as string).length).toBe(256);
    expect(() => checkDetail({ record: { Operation: 'FileAccessed' } })).toThrow(/text, a number/);
    expect(() => checkDetail({ n: Number.NaN })).toThrow(/finite/);
    expect(() => checkDetail({ ids: Array.from({ length: 101 }, (_, i) => i) })).toThrow(/more than 100/);
    await expect(trail.record('view-person', { person: { raw: 'x' } } as never)).rejects.toThrow();
    expect(await store.entries()).toHaveLength(1);
  });

  it('canonical JSON sorts keys at every level and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: null }], a: 'é"\n', c: -0, d: 1e21 })).toBe('{"a":"é\\"\\n","b":[3,{"a":null,"z":1}],"c":0,"d":1e+21}');
    expect(() => canonicalJson({ a: undefined })).toThrow();
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe('verify-trail command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trail-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints {"ok":true,"entries":N} and exits 0, or the first broken line and exits 1', async () => {
    const { ndjson } = await sampleTrail();
    const good = join(dir, 'good.ndjson');
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(good, ndjson);
    const ls = lines(ndjson);
    ls.splice(1, 1);
    writeFileSync(bad, asFile(ls));
    const out: string[] = [];
    expect(await runVerifyTrail([good], (t) => out.push(t))).toBe(0);
    expect(await runVerifyTrail([bad], (t) => out.push(t))).toBe(1);
    expect(out[0]).toBe('{"ok":true,"entries":6}\n');
    expect(JSON.parse(out[1])).toEqual({ ok: false, line: 2, reason: 'expected entry 2, found entry 3 (an entry was removed, added or moved)' });
  });

  it('runs through `npm run cli -- verify-trail`', async () => {
    const { ndjson } = await sampleTrail();
    const file = join(dir, 'cli.ndjson');
    writeFileSync(file, ndjson.replace('"rows":12', '"rows":13'));
    const root = resolve(import.meta.dirname, '../..');
    const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', 'verify-trail', file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ ok: false, line: 5, reason: 'the hash does not match the entry (the entry was edited)' });
  });
});
