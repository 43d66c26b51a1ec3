// The engine worker: owns DuckDB-WASM (in a nested worker), ingest, raw read-back and queries.

import * as Comlink from 'comlink';
import { DROP_EVENTS } from '../src/core/schema/ddl.ts';
import { ALL_FORMATS } from '../src/core/ingest/all-formats.ts';
import type { EntryInfo } from '../src/core/ingest/pipeline.ts';
import { readRaw } from '../src/core/ingest/raw.ts';
import { ingest, type InputFile } from '../src/core/ingest/session.ts';
import { generateDemo } from '../fixtures/generate/index.ts';
import { openBrowserDb, type BrowserDb } from './engine/browser.ts';
import { parsePool } from './engine/parse-pool.ts';
import { USE_WORKSPACE } from './engine/wasm.ts';
import { SqlConsole } from './engine/console.ts';
import { latestRunner } from './engine/latest.ts';
import { loadGeoDbFetch } from '../src/core/enrich/fetch.ts';
import { securityRunner } from '../src/lib/security/run/runner.ts';
import { productivityRunner } from '../src/lib/productivity/run/runner.ts';
import { openPrivacyState } from '../src/lib/productivity/run/privacy-state.ts';
import { Keeper } from '../src/core/workspace/keeper.ts';
import type { EngineApi, IngestProgress, IngestSummary } from './protocol.ts';

let opened: Promise<BrowserDb> | null = null;
const sources: Blob[] = [];
const entries = new Map<number, EntryInfo>();
let controller: AbortController | null = null;

const open = () => (opened ??= openBrowserDb());
const queryLatest = latestRunner(async () => (await open()).engine);
const sqlConsole = new SqlConsole(async () => (await open()).db);
const security = securityRunner(async () => (await open()).engine, () => loadGeoDbFetch('/geo/'));
let privacy: ReturnType<typeof openPrivacyState> | null = null;
const productivity = productivityRunner(async () => (await open()).engine, () => (privacy ??= openPrivacyState()));
// Parsing is most of a load's work (DuckDB takes batched appends in a fraction of the time), so every core
// gets a parse worker; on 2 cores one worker left the second core idle half the time.
const POOL_SIZE = Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2));
let pool: ReturnType<typeof parsePool> | null = null;
// The opt-in kept workspace copies tables out as Arrow IPC on a connection of its own.
const keeper = new Keeper({
  engine: async () => (await open()).engine,
  connect: async () => {
    const { db } = await open();
    const conn = await db.connect();
    await conn.query(USE_WORKSPACE);
    return { db, conn: conn.useUnsafe((_db, id) => id), close: () => conn.close() };
  },
});

async function load(inputs: InputFile[], retentionMonths: number, onProgress: (p: IngestProgress) => void): Promise<IngestSummary> {
  const { engine } = await open();
  const started = performance.now();
  const base = sources.length;
  sources.push(...inputs.map((i) => i.blob));
  const totalBytes = inputs.reduce((n, i) => n + i.blob.size, 0);
  let doneBytes = 0, lastIndex = 0, lastPost = 0;
  controller = new AbortController();
  const result = await ingest(engine, inputs, {
    formats: ALL_FORMATS, retentionMonths, signal: controller.signal, parser: (pool ??= parsePool(POOL_SIZE)),
    firstFileId: entries.size ? Math.max(...entries.keys()) + 1 : 0,
    onProgress: (p) => {
      if (p.index !== lastIndex) { doneBytes += inputs[lastIndex].blob.size; lastIndex = p.index; }
      const now = performance.now();
      if (now - lastPost < 100) return;
      lastPost = now;
      onProgress({ file: p.file, index: p.index, files: inputs.length, inputBytes: doneBytes + p.inputBytes, totalBytes, rows: p.rows });
    },
  });
  for (const e of result.entries) entries.set(e.fileId, { ...e, source: base + e.source });
  controller = null;
  return { files: result.files, events: result.events, ms: performance.now() - started };
}

const api: EngineApi = {
  async init() {
    const { bundle, engine } = await open();
    const [{ limit }] = await engine.query("SELECT current_setting('memory_limit') AS limit");
    return { engine: 'duckdb-wasm', bundle, memoryLimit: String(limit) };
  },
  ingest: (files, opts, onProgress) => load(files.map((f) => ({ blob: f, name: f.name })), opts.retentionMonths, onProgress),
  async loadDemo(onProgress) {
    const demo = generateDemo();
    const inputs = demo.files.map((f) => ({ blob: new Blob([f.text]), name: f.path }));
    return load(inputs, 24, onProgress);
  },
  cancelIngest() { controller?.abort(); },
  async query(sql, params) { return (await open()).engine.query(sql, params); },
  queryLatest: (tag, sql, params) => queryLatest(tag, sql, params),
  consoleRun: (sql, maxRows) => sqlConsole.run(sql, maxRows),
  consolePage: (offset, limit) => sqlConsole.page(offset, limit),
  consoleCancel: () => sqlConsole.cancel(),
  async readRaw({ fileId, offset, length }) {
    const entry = entries.get(fileId);
    if (!entry) throw new Error(`no loaded file with id ${fileId}`);
    return readRaw(sources[entry.source], entry, offset, length);
  },
  detect: (req, onProgress) => security.detect(req, onProgress),
  cancelDetect() { security.cancel(); },
  async compileSigma(yamlText) { return security.compile(yamlText); },
  productivity: (req) => productivity(req),
  async memory() {
    const rows = await (await open()).engine.query('SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS b FROM duckdb_memory()');
    return { usedBytes: Number(rows[0].b) };
  },
  async reset() {
    const { engine } = await open();
    for (const sql of DROP_EVENTS) await engine.query(sql);
    sources.length = 0;
    entries.clear();
  },
  workspaceSave: (summary) => keeper.save(sources, [...entries.values()], summary),
  async workspaceRestore() {
    const restored = await keeper.restore();
    if (!restored) return null;
    sources.splice(0, sources.length, ...restored.sources);
    entries.clear();
    for (const e of restored.manifest.entries) entries.set(e.fileId, e);
    const events = await (await open()).engine.query('SELECT count(*)::DOUBLE AS n FROM events').catch(() => [{ n: 0 }]);
    const summary = { files: restored.manifest.summary?.files ?? [], events: Number(events[0].n), ms: 0 };
    return { summary, savedAt: restored.manifest.savedAt, bytes: restored.bytes };
  },
  workspaceForget: () => keeper.forget(),
};

Comlink.expose(api);
