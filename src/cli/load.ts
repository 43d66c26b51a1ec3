// Opens files from disk as Blobs (streamed, never read whole) and loads them into a native engine.

import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Engine } from '../core/engine.ts';
import { ALL_FORMATS } from '../core/ingest/all-formats.ts';
import { newReport, type FileReport } from '../core/ingest/report.ts';
import { ingest, type IngestResult, type InputFile } from '../core/ingest/session.ts';
import { openNative } from '../../workers/engine/native.ts';
import { isParquet, loadParquet } from './parquet.ts';

export interface Loaded { engine: Engine; result: IngestResult; unreadable: FileReport[] }

export async function loadFiles(paths: string[], opts: { retentionMonths?: number } = {}): Promise<Loaded> {
  const engine = await openNative();
  const inputs: InputFile[] = [];
  const unreadable: FileReport[] = [];
  const parquet: FileReport[] = [];
  for (const p of paths) {
    try {
      const s = await stat(p);
      if (!s.isFile()) throw new Error('not a regular file');
      if (await isParquet(p)) { parquet.push(await loadParquet(engine, p, 100_000 + parquet.length)); continue; }
      inputs.push({ blob: await openAsBlob(p), name: basename(p) });
    } catch (e) {
      const r = newReport(-1, p);
      r.fatal = `could not be opened: ${e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e)}`;
      unreadable.push(r);
    }
  }
  const result = await ingest(engine, inputs, { formats: ALL_FORMATS, retentionMonths: opts.retentionMonths });
  result.files.unshift(...parquet);
  return { engine, result, unreadable };
}
