// The index of a kept workspace: which tables and views, in which part files, which copies of the dropped files,
// and the ingest report. Read back with care: a manifest that does not have this shape restores nothing.

import type { EntryInfo } from '../ingest/pipeline.ts';
import type { FileReport } from '../ingest/report.ts';

export const MANIFEST_VERSION = 1;

/** Everything of the workspace lives under this folder of the origin-private file system. */
export const WORKSPACE_DIR = 'auditlens';
export const CURRENT_FILE = 'current.json';
export const MANIFEST_FILE = 'manifest.json';
export const SOURCES_DIR = 'sources';

export interface KeptTable { name: string; ddl: string; rows: number; parts: string[] }
export interface KeptSource { file: string; name: string; bytes: number }
export interface KeptSummary { files: FileReport[]; events: number; ms: number }

export interface Manifest {
  version: typeof MANIFEST_VERSION;
  savedAt: string;
  tables: KeptTable[];
  views: { name: string; ddl: string }[];
  /** Copies of the dropped files, by their index in the engine's list of sources. */
  sources: KeptSource[];
  entries: EntryInfo[];
  summary: KeptSummary | null;
}

const FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,80}$/;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** The manifest, or the reason it cannot be used. */
export function parseManifest(text: string): Manifest | { problem: string } {
  let m: unknown;
  try { m = JSON.parse(text); } catch { return { problem: 'the manifest is not valid JSON' }; }
  if (!isObj(m) || m.version !== MANIFEST_VERSION) return { problem: 'the manifest is from another version' };
  if (!isStr(m.savedAt) || !Array.isArray(m.tables) || !Array.isArray(m.views) || !Array.isArray(m.sources) || !Array.isArray(m.entries))
    return { problem: 'the manifest is incomplete' };
  for (const t of m.tables)
    if (!isObj(t) || !isStr(t.name) || !isStr(t.ddl) || !isCount(t.rows) || !Array.isArray(t.parts) || !t.parts.every((p) => isStr(p) && FILE_NAME.test(p)))
      return { problem: 'a table entry of the manifest is malformed' };
  for (const v of m.views) if (!isObj(v) || !isStr(v.name) || !isStr(v.ddl)) return { problem: 'a view entry of the manifest is malformed' };
  for (const s of m.sources)
    if (!isObj(s) || !isStr(s.file) || !FILE_NAME.test(s.file) || !isStr(s.name) || !isCount(s.bytes)) return { problem: 'a file entry of the manifest is malformed' };
  for (const e of m.entries)
    if (!isObj(e) || !isCount(e.fileId) || !isStr(e.name) || !Array.isArray(e.path) || !e.path.every(isCount) || !isCount(e.source) || e.source >= m.sources.length)
      return { problem: 'an entry of the manifest is malformed' };
  if (m.summary !== null && !(isObj(m.summary) && Array.isArray(m.summary.files) && isCount(m.summary.events)))
    return { problem: 'the ingest report of the manifest is malformed' };
  return m as unknown as Manifest;
}
