import type { ParseJob } from './parse-job.ts';
import type { RawRecord } from './records/record.ts';

/** Collects framed records into one contiguous buffer plus an index, ready to hand to a parser. */
export class JobBuilder {
  private parts: Uint8Array[] = [];
  private index: number[] = [];
  bytes = 0;

  get size(): number { return this.parts.length; }

  push(rec: RawRecord): void {
    this.index.push(this.bytes, rec.bytes.length, rec.line, rec.offset);
    this.parts.push(rec.bytes);
    this.bytes += rec.bytes.length;
  }

  take(meta: Omit<ParseJob, 'bytes' | 'index'>): ParseJob {
    const bytes = new Uint8Array(this.bytes);
    let at = 0;
    for (const p of this.parts) { bytes.set(p, at); at += p.length; }
    const job: ParseJob = { ...meta, bytes, index: Float64Array.from(this.index) };
    this.parts = [];
    this.index = [];
    this.bytes = 0;
    return job;
  }
}
