// The reviewer's own audit trail: every step appended to a store, each entry chained to the one before.

import { checkDetail } from './detail.ts';
import { GENESIS, hashBody, toNdjson, type EntryBody, type TrailDetails, type TrailEntry, type TrailKind } from './entry.ts';
import type { TrailStore } from './store.ts';

export class Trail {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: TrailStore, private readonly clock: () => number = Date.now) {}

  /** Appends one step. Calls made at the same time are chained in call order. */
  record<K extends TrailKind>(kind: K, detail: TrailDetails[K]): Promise<TrailEntry> {
    return this.serial(() => this.append(kind, detail));
  }

  entries(): Promise<readonly TrailEntry[]> {
    return this.serial(() => this.store.entries());
  }

  /** NDJSON of the whole trail, sealed by a last `export-trail` entry that counts the lines. */
  exportNdjson(): Promise<string> {
    return this.serial(async () => {
      const last = await this.store.last();
      await this.append('export-trail', { entries: (last?.seq ?? 0) + 1 });
      return toNdjson(await this.store.entries());
    });
  }

  private async append(kind: TrailKind, detail: object): Promise<TrailEntry> {
    const last = await this.store.last();
    const body: EntryBody = {
      seq: (last?.seq ?? 0) + 1,
      at: new Date(this.clock()).toISOString(),
      kind,
      detail: checkDetail(detail),
      prev: last?.hash ?? GENESIS,
    };
    const entry: TrailEntry = { ...body, hash: await hashBody(body) };
    await this.store.append(entry);
    return entry;
  }

  private serial<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
