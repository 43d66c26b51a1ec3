// The reviewer's own audit trail in the page: every step appended to the hash-chained trail (src/core/trail/),
// kept in memory, or in the origin-private file system while the workspace is kept. One per page: `activity`,
// also reachable as `engine.trail`.

import { MemoryTrailStore, Trail, verifyEntries, type TrailCheck, type TrailEntry, type TrailKind, type TrailStore } from '../../core/trail/index.ts';
import type { Detail } from '../../core/trail/entry.ts';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class Activity {
  /** Every entry, oldest first. */
  entries = $state.raw<readonly TrailEntry[]>([]);
  /** Where the trail is written. */
  where = $state<'memory' | 'kept'>('memory');
  /** The last failure to record a step, shown in the trail panel. */
  error = $state<string | null>(null);
  /** Damage found in a kept trail when it was opened. */
  damage = $state<string | null>(null);

  #trail: Trail;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly clock: () => number = Date.now) {
    this.#trail = new Trail(new MemoryTrailStore(), clock);
    if (typeof addEventListener === 'function')
      addEventListener('beforeprint', () => void this.record('export', { what: `print of ${location.hash.split('?')[0] || '#/load'}`, format: 'print', rows: null }));
  }

  get head(): string | null { return this.entries.at(-1)?.hash ?? null; }

  /**
   * Appends one step. `detail` holds names, ids and counts only (at most 16 flat fields; see TrailDetails in
   * src/core/trail/entry.ts for each kind's usual fields). Never throws: a failure shows in `error`.
   */
  record(kind: TrailKind, detail: Detail): Promise<void> {
    return this.#serial(async () => {
      try { await this.#trail.record(kind, detail as never); this.error = null; }
      catch (e) { this.error = `A step could not be added to the activity trail: ${message(e)}`; }
      this.entries = await this.#trail.entries();
    });
  }

  /** Checks every hash and link of the trail as it is now. */
  verify(): Promise<TrailCheck> {
    return this.#serial(async () => verifyEntries(await this.#trail.entries()));
  }

  /** The sealed NDJSON file (`npm run cli -- verify-trail FILE` checks it); the seal becomes the last entry. */
  exportNdjson(): Promise<string> {
    return this.#serial(async () => {
      const text = await this.#trail.exportNdjson();
      this.entries = await this.#trail.entries();
      return text;
    });
  }

  /**
   * Writes the trail to `store` from now on. An empty store receives the entries as they are (the chain stays
   * the same); a store that already holds a trail keeps it, and the steps recorded here are added after it.
   */
  moveTo(store: TrailStore, where: 'memory' | 'kept', damage: string | null = null): Promise<void> {
    return this.#serial(async () => {
      const mine = await this.#trail.entries();
      const theirs = await store.entries();
      const next = new Trail(store, this.clock);
      if (!theirs.length) for (const e of mine) await store.append(e);
      else for (const e of mine.filter((m) => m.kind !== 'export-trail')) await next.record(e.kind as TrailKind, e.detail as never);
      this.#trail = next;
      this.where = where;
      this.damage = damage;
      this.entries = await next.entries();
    });
  }

  /** Starts an empty trail in memory (after "Wipe everything"). */
  reset(): Promise<void> {
    return this.#serial(async () => {
      this.#trail = new Trail(new MemoryTrailStore(), this.clock);
      this.where = 'memory';
      this.error = this.damage = null;
      this.entries = [];
    });
  }

  #serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(step);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

export const activity = new Activity();
