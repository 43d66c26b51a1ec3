// The native reference: DuckDB's own CSV reader and json_extract into the same normalised columns.

import { openNative } from '../workers/engine/native.ts';
import { FORMATS } from '../src/core/ingest/formats/index.ts';
import { ingest } from '../src/core/ingest/session.ts';
import { openAsBlob } from 'node:fs';
import { cpus } from 'node:os';
import { timeDetections } from './detect.ts';
import { median } from './stats.ts';

const field = (k: string) => `json_extract_string(AuditData, '$.${k}')`;

const NATIVE_SQL = `
  CREATE TABLE native_events AS SELECT
    CAST(${field('CreationTime')} AS TIMESTAMP) AS ts, 'm365' AS source, ${field('Workload')} AS workload,
    Operation AS action, lower(UserId) AS actor, ${field('ClientIP')} AS ip, ${field('ResultStatus')} AS outcome,
    ${field('ObjectId')} AS target, ${field('UserType')} AS actor_type, ${field('Id')} AS record_id
  FROM read_csv(?, header = true, all_varchar = true, quote = '"', escape = '"')`;

export interface NativeRun { ingest_s: number; ingest_runs_s: number[]; detect_s: number; rows: number }

/** Reads the file `repeats` times, each in a fresh database, and reports the median time. */
export async function runNative(file: string, repeats = 1): Promise<NativeRun> {
  const threads = cpus().length;
  const ingest_runs_s: number[] = [];
  let n = 0;
  for (let run = 0; run < repeats; run++) {
    const engine = await openNative({ threads });
    const t0 = performance.now();
    await engine.query(NATIVE_SQL, [file]);
    ingest_runs_s.push((performance.now() - t0) / 1000);
    n = Number((await engine.query('SELECT count(*)::DOUBLE AS n FROM native_events'))[0].n);
    await engine.close();
  }
  const ingest_s = median(ingest_runs_s);

  // Detections on native DuckDB over the same normalised events our pipeline produces.
  const ours = await openNative({ threads });
  await ingest(ours, [{ blob: await openAsBlob(file), name: 'bench.csv' }], { formats: FORMATS });
  const t = performance.now();
  await timeDetections(ours);
  const detect_s = (performance.now() - t) / 1000;
  await ours.close();
  return { ingest_s, ingest_runs_s, detect_s, rows: n };
}
