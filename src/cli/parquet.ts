// Past the browser: normalised events as Parquet (native DuckDB only), readable by DuckDB, Spark, Trino…

import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Engine } from '../core/engine.ts';
import { newReport, type FileReport } from '../core/ingest/report.ts';
import { ensureSchema } from '../core/ingest/session.ts';

export async function isParquet(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const { bytesRead, buffer } = await fh.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.toString('latin1') === 'PAR1';
  } finally { await fh.close(); }
}

/** Loads a Parquet file written by `convert` (columns matched by name) and reports it like any other file. */
export async function loadParquet(engine: Engine, path: string, fileId: number): Promise<FileReport> {
  await ensureSchema(engine);
  const report = newReport(fileId, basename(path));
  report.format = 'events-parquet';
  try {
    const [{ n }] = await engine.query('SELECT count(*)::DOUBLE AS n FROM read_parquet(?)', [path]);
    await engine.query(`INSERT INTO events_store BY NAME SELECT * EXCLUDE (attrs),
      array_to_string(map_keys(attrs), chr(31)) AS attrs_k, array_to_string(map_values(attrs), chr(31)) AS attrs_v
      FROM read_parquet(?)`, [path]);
    report.read = report.loaded = Number(n);
    const [range] = await engine.query('SELECT epoch_ms(min(ts))::DOUBLE AS a, epoch_ms(max(ts))::DOUBLE AS b FROM read_parquet(?)', [path]);
    if (range.a !== null) { report.first = new Date(Number(range.a)).toISOString(); report.last = new Date(Number(range.b)).toISOString(); }
  } catch (e) {
    report.fatal = `not an auditlens events Parquet file: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
  return report;
}

export async function writeParquet(engine: Engine, path: string): Promise<number> {
  const [{ n }] = await engine.query('SELECT count(*)::DOUBLE AS n FROM events');
  // COPY takes no bound parameters; the path is passed as a quoted literal after a strict check.
  if (/['\0\n]/.test(path)) throw new Error('output path contains a quote, NUL or newline');
  await engine.query(`COPY (SELECT * FROM events ORDER BY ts) TO '${path}' (FORMAT parquet, COMPRESSION zstd)`);
  return Number(n);
}
