// The native reference: DuckDB's own CSV reader and json_extract into the same normalised columns.

import { openNative } from '../workers/engine/native.ts';
import { FORMATS } from '../src/core/ingest/formats/index.ts';
import { ingest } from '../src/core/ingest/session.ts';
import { openAsBlob } from 'node:fs';
import { cpus } from 'node:os';
import { timeDetections } from './detect.ts';

const field = (k: string) => `json_extract_string(AuditData, '$.${k}')`;

const NATIVE_SQL = `
  CREATE TABLE native_events AS SELECT
    CAST(${field('CreationTime')} AS TIMESTAMP) AS ts, 'm365' AS source, ${field('Workload')} AS workload,
    Operation AS action, lower(UserId) AS actor, ${field('ClientIP')} AS ip, ${field('ResultStatus')} AS outcome,
    ${field('ObjectId')} AS target, ${field('UserType')} AS actor_type, ${field('Id')} AS record_id
  FROM read_csv(?, header = true, all_varchar = true, quote = '"', escape = '"')`;

export interface NativeRun { ingest_s: number; detect_s: number; rows: number }

export async function runNative(file: string): Promise<NativeRun> {
  const threads = cpus().length;
  const engine = await openNative({ threads });
  let t = performance.now();
  await engine.query(NATIVE_SQL, [file]);
  const ingest_s = (performance.now() - t) / 1000;
  const [{ n }] = await engine.query('SELECT count(*)::DOUBLE AS n FROM native_events');
  await engine.close();

  // Detections on native DuckDB over the same normalised events our pipeline produces.
  const ours = await openNative({ threads });
  await ingest(ours, [{ blob: await openAsBlob(file), name: 'bench.csv' }], { formats: FORMATS });
  t = performance.now();
  await timeDetections(ours);
  const detect_s = (performance.now() - t) / 1000;
  await ours.close();
  return { ingest_s, detect_s, rows: Number(n) };
}
