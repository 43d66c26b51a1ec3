// Writes the workspace to the origin-private file system: each table as Arrow IPC part files, copies of the
// dropped files, and a manifest. A save goes to a new generation folder and `current.json` is switched to it
// only at the end, so a save that fails or is cut short leaves the previous one whole.

import type { Engine } from '../engine.ts';
import type { EntryInfo } from '../ingest/pipeline.ts';
import { childDir, readText, remove, writeBlob, writeFile, type DirLike, type Writable } from './dir.ts';
import { ipcMessages, END_OF_STREAM, type PendingQueries } from './ipc-stream.ts';
import { CURRENT_FILE, MANIFEST_FILE, MANIFEST_VERSION, SOURCES_DIR, WORKSPACE_DIR, parseManifest, type KeptSummary, type Manifest } from './manifest.ts';
import { dumpQuery, listTables, listViews } from './tables.ts';

export interface SaveInput {
  engine: Engine;
  /** Pending-query calls and a connection id of the same database, for copying tables out without decoding them. */
  arrow: { db: PendingQueries; conn: number };
  root: DirLike;
  sources: readonly Blob[];
  entries: readonly EntryInfo[];
  summary: KeptSummary | null;
  /** Blobs already copied (by earlier saves, or restored from there) → their file in `sources/`; updated here. */
  copied: Map<Blob, string>;
  /** A part file is closed once it passes this size (default 64 MB), which bounds memory when restoring. */
  partBytes?: number;
  now?: () => number;
}

export interface SaveResult { tables: number; rows: number; bytes: number; savedAt: string }

export async function saveWorkspace(input: SaveInput): Promise<SaveResult> {
  const now = input.now ?? Date.now;
  const ws = (await childDir(input.root, WORKSPACE_DIR, true))!;
  const previous = await currentGeneration(ws);
  let generation = `g-${now()}`;
  while (generation === previous) generation = `g-${now()}-${Math.floor(Math.random() * 1e6)}`;
  const dir = (await childDir(ws, generation, true))!;
  try {
    const result = await writeGeneration(input, ws, dir, new Date(now()).toISOString());
    await writeFile(ws, CURRENT_FILE, JSON.stringify({ generation }));
    await collect(ws, generation, input.copied);
    return result;
  } catch (e) {
    await remove(ws, generation).catch(() => undefined);
    await collect(ws, previous, input.copied).catch(() => undefined);
    throw e;
  }
}

async function writeGeneration(input: SaveInput, ws: DirLike, dir: DirLike, savedAt: string): Promise<SaveResult> {
  const manifest: Manifest = { version: MANIFEST_VERSION, savedAt, tables: [], views: await listViews(input.engine), sources: [],
    entries: input.entries.slice(), summary: input.summary };
  let bytes = 0, rows = 0;
  const tables = await listTables(input.engine);
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i];
    const written = await writeTable(dir, `t${i}`, ipcMessages(input.arrow.db, input.arrow.conn, dumpQuery(t)), input.partBytes ?? 64 * 1024 ** 2);
    manifest.tables.push({ name: t.name, ddl: t.ddl, rows: t.rows, parts: written.parts });
    bytes += written.bytes;
    rows += t.rows;
  }
  const sourcesDir = (await childDir(ws, SOURCES_DIR, true))!;
  for (let i = 0; i < input.sources.length; i++) {
    const blob = input.sources[i];
    let file = input.copied.get(blob);
    if (!file) {
      file = `s-${Date.now().toString(36)}-${i}`;
      await writeBlob(sourcesDir, file, blob);
      input.copied.set(blob, file);
    }
    const name = blob instanceof File ? blob.name : (input.entries.find((e) => e.source === i)?.name ?? `file ${i + 1}`);
    manifest.sources.push({ file, name, bytes: blob.size });
    bytes += blob.size;
  }
  bytes += await writeFile(dir, MANIFEST_FILE, JSON.stringify(manifest));
  return { tables: tables.length, rows, bytes, savedAt };
}

/** Writes the IPC messages as one or more complete streams: schema, record batches, end of stream. */
async function writeTable(dir: DirLike, prefix: string, messages: AsyncIterable<Uint8Array>, partBytes: number) {
  const parts: string[] = [];
  let header: Uint8Array | null = null, out: Writable | null = null, size = 0, bytes = 0;
  const close = async () => { await out!.write(END_OF_STREAM); await out!.close(); bytes += size + END_OF_STREAM.length; out = null; };
  try {
    for await (const message of messages) {
      if (!header) { header = message.slice(); continue; }
      if (!out) {
        const name = `${prefix}-${parts.length}.arrow`;
        out = await (await dir.getFileHandle(name, { create: true })).createWritable();
        parts.push(name);
        await out.write(header);
        size = header.length;
      }
      await out.write(message);
      size += message.length;
      if (size >= partBytes) await close();
    }
    if (out) await close();
  } catch (e) { await (out as Writable | null)?.abort?.().catch(() => undefined); throw e; }
  return { parts, bytes };
}

async function currentGeneration(ws: DirLike): Promise<string | null> {
  const text = await readText(ws, CURRENT_FILE);
  if (!text) return null;
  try { const g = (JSON.parse(text) as { generation?: unknown }).generation; return typeof g === 'string' && /^g-[0-9-]+$/.test(g) ? g : null; }
  catch { return null; }
}

/** Removes every generation but `keep`, and every copied file its manifest does not list. */
async function collect(ws: DirLike, keep: string | null, copied: Map<Blob, string>): Promise<void> {
  let listed = new Set<string>();
  if (keep) {
    const text = await readText((await childDir(ws, keep))!, MANIFEST_FILE);
    const m = text ? parseManifest(text) : null;
    if (m && 'sources' in m) listed = new Set(m.sources.map((s) => s.file));
  }
  const names: string[] = [];
  for await (const h of ws.values()) if (h.kind === 'directory' && /^g-/.test(h.name) && h.name !== keep) names.push(h.name);
  for (const n of names) await remove(ws, n);
  const sources = await childDir(ws, SOURCES_DIR);
  if (!sources) return;
  const stale: string[] = [];
  for await (const h of sources.values()) if (!listed.has(h.name)) stale.push(h.name);
  for (const n of stale) await remove(sources, n);
  for (const [blob, file] of copied) if (!listed.has(file)) copied.delete(blob);
}

export { currentGeneration };
