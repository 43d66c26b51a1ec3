// A pool of parse workers for the engine worker. Jobs are transferred (not copied) both ways.

import type { Parsed, Parser } from '../../src/core/ingest/pipeline.ts';
import type { ParseJob } from '../../src/core/ingest/parse-job.ts';

type Reply = { id: number; error?: string } & Partial<Parsed>;

export function parsePool(size: number): Parser & { close(): void } {
  const pending = new Map<number, { ok: (p: Parsed) => void; fail: (e: Error) => void }>();
  const workers = Array.from({ length: size }, () => {
    const w = new Worker(new URL('../parse.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<Reply>) => {
      const p = pending.get(e.data.id);
      if (!p) return;
      pending.delete(e.data.id);
      if (e.data.error) p.fail(new Error(e.data.error));
      else p.ok({ result: e.data.result!, encoded: e.data.encoded });
    };
    w.onerror = (e) => { for (const p of pending.values()) p.fail(new Error(`parse worker failed: ${e.message}`)); pending.clear(); };
    return w;
  });
  let next = 0;
  return {
    capacity: size * 2,
    parse(job: ParseJob) {
      const id = next++;
      return new Promise<Parsed>((ok, fail) => {
        pending.set(id, { ok, fail });
        workers[id % size].postMessage({ id, job }, [job.bytes.buffer, job.index.buffer]);
      });
    },
    close() { for (const w of workers) w.terminate(); },
  };
}
