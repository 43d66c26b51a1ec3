// A parse worker: turns a job of framed records into an Arrow IPC batch for the staging table.

import { FORMATS } from '../src/core/ingest/formats/index.ts';
import { parseJob, type ParseJob } from '../src/core/ingest/parse-job.ts';
import { batchToIPC } from './engine/arrow-batch.ts';

interface Request { id: number; job: ParseJob }

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, job } = e.data;
  try {
    const result = parseJob(job, FORMATS);
    const encoded = result.batch ? { ipc: batchToIPC(result.batch), length: result.batch.length } : undefined;
    result.batch = null;
    (self as unknown as Worker).postMessage({ id, result, encoded }, encoded ? [encoded.ipc.buffer] : []);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
