// Stops loading before the engine runs out of memory, so what was loaded stays queryable.

import type { Engine } from '../engine.ts';

export class MemoryCeilingError extends Error {}

export interface MemoryGuardOptions {
  /** Fraction of the engine's memory limit at which loading stops. */
  ceiling?: number;
  /** Overrides the engine's own limit (bytes); for tests and small devices. */
  limitBytes?: number;
  /** Check every N jobs: a memory query per job would cost more than it saves. */
  every?: number;
}

const UNITS: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3, tb: 1e12, tib: 1024 ** 4 };

export function parseSize(text: string): number {
  const m = /^\s*([\d.]+)\s*([a-z]+)?\s*$/i.exec(text);
  if (!m) return NaN;
  return Number(m[1]) * (UNITS[(m[2] ?? 'b').toLowerCase()] ?? NaN);
}

export class MemoryGuard {
  private jobs = 0;
  private limit: number | null = null;
  /** What the last measurement found when over the ceiling ("used of limit"), else null. */
  private full: string | null = null;

  constructor(private engine: Engine, private opts: MemoryGuardOptions = {}) {}

  async usage(): Promise<{ used: number; limit: number }> {
    if (this.limit === null) {
      const [{ v }] = await this.engine.query("SELECT current_setting('memory_limit') AS v");
      this.limit = this.opts.limitBytes ?? parseSize(String(v));
    }
    const [{ used }] = await this.engine.query('SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS used FROM duckdb_memory()');
    return { used: Number(used), limit: this.limit };
  }

  /** Every N jobs: measures, then throws when the engine is nearly full. */
  async check(): Promise<void> {
    if (++this.jobs % (this.opts.every ?? 8) !== 0) return;
    await this.measure();
    this.throwIfFull();
  }

  /** Measures now; `throwIfFull` then reports this measurement without asking the engine again. */
  async measure(): Promise<void> {
    const { used, limit } = await this.usage();
    const ceiling = this.opts.ceiling ?? 0.8;
    this.full = Number.isFinite(limit) && used > ceiling * limit ? `${mb(used)} of ${mb(limit)}` : null;
  }

  throwIfFull(): void {
    if (this.full !== null)
      throw new MemoryCeilingError(
        `the engine's memory is nearly full (${this.full}); loading stopped here and what was loaded stays queryable. ` +
        'For larger exports use the command line: npm run cli -- convert --out DIR FILE… writes Parquet on native DuckDB.');
  }
}

const mb = (n: number) => `${Math.round(n / 1024 ** 2)} MB`;
