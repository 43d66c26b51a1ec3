// The kept workspace on DuckDB-WASM (the browser's build and settings): every table and view written to an
// origin-private folder as Arrow IPC and read back into a fresh engine exactly, wide integers and hostile text
// included; copies of the dropped files serve raw records again; a failed save leaves the last good one.

import { afterEach, describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/ingest/formats/index.ts';
import { ingest } from '../../../src/core/ingest/session.ts';
import { readRaw } from '../../../src/core/ingest/raw.ts';
import { ident } from '../../../src/core/sql/quote.ts';
import { Keeper } from '../../../src/core/workspace/keeper.ts';
import { listTables, transportType } from '../../../src/core/workspace/tables.ts';
import { WORKSPACE_DIR } from '../../../src/core/workspace/manifest.ts';
import { generateDemo } from '../../../fixtures/generate/index.ts';
import { HOSTILE_STRINGS } from '../../helpers/hostile.ts';
import { MemoryDir, MemoryFile } from './memory-dir.ts';
import { openWasm, type OpenWasm } from './wasm.ts';
import type { Engine } from '../../../src/core/engine.ts';

const opened: OpenWasm[] = [];
afterEach(async () => { for (const o of opened.splice(0)) await o.close(); });

async function engine(): Promise<OpenWasm> {
  const o = await openWasm();
  opened.push(o);
  return o;
}

function keeper(o: OpenWasm, root: MemoryDir) {
  return new Keeper({ engine: async () => o.engine, connect: async () => ({ ...o.arrow, close: async () => {} }), root: async () => root });
}

/** Every row of every table as text, sorted: equal when the tables hold the same rows. */
async function contents(e: Engine): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await listTables(e)) out[t.name] = (await e.query(`SELECT t::VARCHAR AS r FROM ${ident(t.name)} AS t`)).map((r) => String(r.r)).sort();
  return out;
}

const TEXTS = HOSTILE_STRINGS.filter((s) => !s.includes('\u0000'));
const BIG = '9007199254740993'; // 2^53 + 1: a double cannot hold it

let demo: ReturnType<typeof generateDemo> | null = null;

async function loadSample(e: Engine) {
  demo ??= generateDemo({ users: 40, days: 7, scenarios: [] });
  const inputs = demo.files.map((f) => ({ blob: new Blob([f.text]), name: f.path }));
  const result = await ingest(e, inputs, { formats: FORMATS, retentionMonths: 24 });
  await e.query('CREATE TABLE "odd ""table"" name" (id INTEGER, "we""ird col" BIGINT, m MAP(VARCHAR, VARCHAR), s STRUCT(n HUGEINT, t VARCHAR), l BIGINT[], d DECIMAL(18,3), u UBIGINT)');
  for (let i = 0; i < TEXTS.length; i++)
    await e.query('INSERT INTO "odd ""table"" name" VALUES (?, CAST(? AS BIGINT), map([?], [?]), {\'n\': CAST(? AS HUGEINT), \'t\': ?}, [CAST(? AS BIGINT)], CAST(? AS DECIMAL(18,3)), CAST(? AS UBIGINT))',
      [i, BIG, TEXTS[i], TEXTS[(i + 1) % TEXTS.length], '170141183460469231731687303715884105727', TEXTS[i], BIG, '123456789012345.678', '18446744073709551615']);
  await e.query('CREATE VIEW failures AS SELECT actor, count(*) AS n FROM events WHERE outcome = \'failure\' GROUP BY actor');
  return { inputs, result };
}

describe('transportType', () => {
  it('turns every wide scalar into VARCHAR, inside nested types too, and leaves quoted names alone', () => {
    expect(transportType('BIGINT')).toBe('VARCHAR');
    expect(transportType('INTEGER')).toBe('INTEGER');
    expect(transportType('DECIMAL(18,3)')).toBe('VARCHAR');
    expect(transportType('MAP(VARCHAR, HUGEINT)')).toBe('MAP(VARCHAR, VARCHAR)');
    expect(transportType('STRUCT("BIGINT x" INTEGER, b UBIGINT)[]')).toBe('STRUCT("BIGINT x" INTEGER, b VARCHAR)[]');
    expect(transportType("ENUM('BIGINT', 'b')")).toBe("ENUM('BIGINT', 'b')");
    expect(transportType('TIMESTAMP')).toBe('TIMESTAMP');
    expect(transportType('TIMESTAMP_NS')).toBe('VARCHAR');
  });
});

describe('kept workspace (DuckDB-WASM)', () => {
  it('restores every table and view exactly into a fresh engine', async () => {
    const a = await engine();
    const { inputs, result } = await loadSample(a.engine);
    const root = new MemoryDir();
    const saved = await keeper(a, root).save(inputs.map((i) => i.blob), result.entries, { files: result.files, events: result.events, ms: 1 });
    // at least events_store and the odd-named table; staging is a connection's temp table and is not kept
    expect(saved.tables).toBeGreaterThanOrEqual(2);

    const b = await engine();
    const restored = await keeper(b, root).restore();
    expect(restored).not.toBeNull();
    expect(restored!.manifest.tables.map((t) => t.name)).toContain('events_store');
    expect(restored!.manifest.tables.map((t) => t.name)).not.toContain('stage');
    expect(await contents(b.engine)).toEqual(await contents(a.engine));
    expect(restored!.manifest.summary?.events).toBe(result.events);
    const [odd] = await b.engine.query(`SELECT "we""ird col"::VARCHAR AS w, s.n::VARCHAR AS n, l[1]::VARCHAR AS l, d::VARCHAR AS d, u::VARCHAR AS u, m[?] AS v, s.t AS t
      FROM "odd ""table"" name" WHERE id = 0`, [TEXTS[0]]);
    expect(odd).toEqual({ w: BIG, n: '170141183460469231731687303715884105727', l: BIG, d: '123456789012345.678', u: '18446744073709551615', v: TEXTS[1], t: TEXTS[0] });
    // compared inside DuckDB: Arrow's JS decoder would drop a leading byte-order mark on the way out
    const same: unknown[] = [];
    for (let i = 0; i < TEXTS.length; i++) same.push((await b.engine.query('SELECT s.t = ? AS ok FROM "odd ""table"" name" WHERE id = ?', [TEXTS[i], i]))[0].ok);
    expect(same).toEqual(TEXTS.map(() => true));
    expect(await b.engine.query('SELECT count(*)::DOUBLE AS n FROM failures')).toEqual(await a.engine.query('SELECT count(*)::DOUBLE AS n FROM failures'));
  });

  it('writes a large table as several complete IPC streams when parts are small', async () => {
    const a = await engine();
    await a.engine.query('CREATE TABLE big AS SELECT range AS i, repeat(\'x\', (range % 50)::INTEGER) AS s FROM range(300000)');
    const root = new MemoryDir();
    const { saveWorkspace } = await import('../../../src/core/workspace/save.ts');
    await saveWorkspace({ engine: a.engine, arrow: a.arrow, root, sources: [], entries: [], summary: null, copied: new Map(), partBytes: 256 * 1024 });
    const parts = root.paths().filter((p) => p.endsWith('.arrow'));
    expect(parts.length).toBeGreaterThan(2);
    const b = await engine();
    await keeper(b, root).restore();
    expect(await b.engine.query('SELECT count(*)::DOUBLE AS n, sum(i)::DOUBLE AS s, sum(length(s))::DOUBLE AS l FROM big'))
      .toEqual([{ n: 300000, s: (299999 * 300000) / 2, l: 6000 * (49 * 50) / 2 }]);
  });

  it('keeps copies of the dropped files, so raw records read back the same after a restore', async () => {
    const a = await engine();
    const { inputs, result } = await loadSample(a.engine);
    const root = new MemoryDir();
    await keeper(a, root).save(inputs.map((i) => i.blob), result.entries, null);
    const b = await engine();
    const restored = (await keeper(b, root).restore())!;
    const rows = await b.engine.query('SELECT file_id, byte_offset::DOUBLE AS o, byte_length AS l FROM events ORDER BY seq LIMIT 40');
    expect(rows.length).toBe(40);
    for (const r of rows) {
      const entry = restored.manifest.entries.find((e) => e.fileId === Number(r.file_id))!;
      const before = await readRaw(inputs[entry.source].blob, entry, Number(r.o), Number(r.l));
      expect(await readRaw(restored.sources[entry.source], entry, Number(r.o), Number(r.l))).toBe(before);
    }
  });

  it('a second save copies no file twice and keeps one generation only', async () => {
    const a = await engine();
    const { inputs, result } = await loadSample(a.engine);
    const root = new MemoryDir();
    const k = keeper(a, root);
    await k.save(inputs.map((i) => i.blob), result.entries, null);
    const ws = root.children.get(WORKSPACE_DIR) as MemoryDir;
    const sources = ws.children.get('sources') as MemoryDir;
    const firstCopies = [...sources.children.values()];
    await a.engine.query('DELETE FROM "odd ""table"" name" WHERE id < 5');
    await k.save(inputs.map((i) => i.blob), result.entries, null);
    expect([...sources.children.values()]).toEqual(firstCopies);
    expect([...ws.children.keys()].filter((n) => n.startsWith('g-'))).toHaveLength(1);
    const b = await engine();
    await keeper(b, root).restore();
    expect(await contents(b.engine)).toEqual(await contents(a.engine));
  });

  it('a save that fails half-way leaves the previous workspace whole and no stray files', async () => {
    const a = await engine();
    const { inputs, result } = await loadSample(a.engine);
    const root = new MemoryDir();
    const k = keeper(a, root);
    await k.save(inputs.map((i) => i.blob), result.entries, null);
    const before = root.paths();
    const expected = await contents(a.engine);
    await a.engine.query('CREATE TABLE later AS SELECT 1 AS x');
    // the disk fills up while the second save writes its tables
    let writes = 0;
    const real = MemoryFile.prototype.createWritable;
    MemoryFile.prototype.createWritable = async function (this: MemoryFile, o) {
      const w = await real.call(this, o);
      return { ...w, write: async (c) => { if (++writes > 3) throw Object.assign(new Error('quota exceeded'), { name: 'QuotaExceededError' }); return w.write(c); } };
    };
    try { await expect(k.save(inputs.map((i) => i.blob), result.entries, null)).rejects.toThrow(/quota/); }
    finally { MemoryFile.prototype.createWritable = real; }
    expect(root.paths()).toEqual(before);
    const b = await engine();
    await keeper(b, root).restore();
    expect(await contents(b.engine)).toEqual(expected);
  });

  it('forget deletes the kept copy and restore then finds nothing', async () => {
    const a = await engine();
    const { inputs, result } = await loadSample(a.engine);
    const root = new MemoryDir();
    const k = keeper(a, root);
    await k.save(inputs.map((i) => i.blob), result.entries, null);
    await root.getFileHandle('unrelated', { create: true });
    await k.forget();
    expect(root.paths()).toEqual(['unrelated']);
    expect(await keeper(await engine(), root).restore()).toBeNull();
  });

  it('refuses a tampered manifest before running anything from it', async () => {
    const a = await engine();
    await a.engine.query('CREATE TABLE t AS SELECT 1 AS x');
    const root = new MemoryDir();
    await keeper(a, root).save([], [], null);
    const gen = [...(root.children.get(WORKSPACE_DIR) as MemoryDir).children.values()].find((c) => c.name.startsWith('g-')) as MemoryDir;
    const file = gen.children.get('manifest.json') as MemoryFile;
    const manifest = JSON.parse(new TextDecoder().decode(file.data));
    manifest.tables[0].ddl = 'CREATE TABLE t (x INTEGER); DROP TABLE events';
    file.data = new TextEncoder().encode(JSON.stringify(manifest));
    const b = await engine();
    await expect(keeper(b, root).restore()).rejects.toThrow(/unexpected DDL for table t/);
    manifest.tables[0].ddl = 'DROP TABLE t';
    file.data = new TextEncoder().encode(JSON.stringify(manifest));
    await expect(keeper(b, root).restore()).rejects.toThrow(/unexpected DDL/);
    file.data = new TextEncoder().encode('{"version":1');
    await expect(keeper(b, root).restore()).rejects.toThrow(/not valid JSON/);
    expect(await b.engine.query("SELECT count(*)::DOUBLE AS n FROM duckdb_tables() WHERE schema_name = 'main'")).toEqual([{ n: 0 }]);
  });

  it('refuses to restore into an engine that already holds the tables', async () => {
    const a = await engine();
    await a.engine.query('CREATE TABLE t AS SELECT 1 AS x');
    const root = new MemoryDir();
    await keeper(a, root).save([], [], null);
    await expect(keeper(a, root).restore()).rejects.toThrow(/already holds a table t/);
  });
});
