// Reads a kept workspace back into an empty engine: tables from their DDL and Arrow IPC parts (each part one
// complete stream, inserted on its own), then views, then the copies of the dropped files for raw read-back.

import type { Engine } from '../engine.ts';
import { ident } from '../sql/quote.ts';
import { childDir, childFile, readText, type DirLike } from './dir.ts';
import { CURRENT_FILE, MANIFEST_FILE, SOURCES_DIR, WORKSPACE_DIR, parseManifest, type Manifest } from './manifest.ts';
import { currentGeneration } from './save.ts';
import { checkDdl } from './tables.ts';

/** `bytes`: what the kept copy takes on disk (parts, copied files and manifest). */
export interface Restored { manifest: Manifest; sources: Blob[]; copied: Map<Blob, string>; bytes: number }

/** Whether a workspace is kept (a save finished at least once and was not forgotten). */
export async function hasKeptWorkspace(root: DirLike): Promise<boolean> {
  const ws = await childDir(root, WORKSPACE_DIR);
  return !!ws && !!(await readText(ws, CURRENT_FILE));
}

/** Null when nothing is kept; throws with the reason when a kept workspace cannot be read back. */
export async function restoreWorkspace(engine: Engine, root: DirLike): Promise<Restored | null> {
  const ws = await childDir(root, WORKSPACE_DIR);
  if (!ws) return null;
  const generation = await currentGeneration(ws);
  if (!generation) return null;
  const dir = await childDir(ws, generation);
  const text = dir && await readText(dir, MANIFEST_FILE);
  if (!dir || !text) throw new Error('the kept workspace is incomplete (its manifest is missing)');
  const manifest = parseManifest(text);
  if ('problem' in manifest) throw new Error(`the kept workspace cannot be read: ${manifest.problem}`);
  if (!engine.appendEncoded) throw new Error('this engine cannot read Arrow IPC');
  let bytes = text.length;

  const existing = new Set((await engine.query("SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary")).map((r) => String(r.t)));
  for (const t of manifest.tables) {
    if (existing.has(t.name)) throw new Error(`the engine already holds a table ${t.name}; restore needs an empty engine`);
    await engine.query(checkDdl('TABLE', t.name, t.ddl));
    for (const part of t.parts) {
      const file = await childFile(dir, part);
      if (!file) throw new Error(`the kept workspace is missing ${part} of table ${t.name}`);
      const ipc = new Uint8Array(await (await file.getFile()).arrayBuffer());
      bytes += ipc.length;
      await engine.appendEncoded(t.name, [{ ipc, length: 1 }]);
    }
    const [{ n }] = await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${ident(t.name)}`);
    if (Number(n) !== t.rows) throw new Error(`table ${t.name} came back with ${Number(n)} rows instead of ${t.rows}`);
  }
  await createViews(engine, manifest.views);

  const sources: Blob[] = [];
  const copied = new Map<Blob, string>();
  const sourcesDir = manifest.sources.length ? await childDir(ws, SOURCES_DIR) : null;
  for (const s of manifest.sources) {
    const handle = sourcesDir && await childFile(sourcesDir, s.file);
    const blob = handle && await handle.getFile();
    if (!blob || blob.size !== s.bytes) throw new Error(`the kept copy of ${s.name} is missing or changed`);
    sources.push(blob);
    bytes += blob.size;
    copied.set(blob, s.file);
  }
  return { manifest, sources, copied, bytes };
}

/** Views may read other views: create what can be created until everything is, or nothing more can be. */
async function createViews(engine: Engine, views: Manifest['views']): Promise<void> {
  let left = views.map((v) => ({ ...v, ddl: checkDdl('VIEW', v.name, v.ddl) }));
  while (left.length) {
    const failed: typeof left = [];
    let lastError: unknown = null;
    for (const v of left) { try { await engine.query(v.ddl); } catch (e) { failed.push(v); lastError = e; } }
    if (failed.length === left.length) throw new Error(`view ${failed[0].name} could not be restored: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
    left = failed;
  }
}
