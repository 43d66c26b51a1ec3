// Where trail entries live. Append-only by contract: no store offers a way to change or drop an entry.
// The page keeps the trail in memory by default, in OPFS when the reviewer keeps the workspace.

import type { TrailEntry } from './entry.ts';

export interface TrailStore {
  append(entry: TrailEntry): Promise<void>;
  /** Every entry, oldest first. */
  entries(): Promise<readonly TrailEntry[]>;
  last(): Promise<TrailEntry | null>;
}

export class MemoryTrailStore implements TrailStore {
  private readonly list: TrailEntry[] = [];

  async append(entry: TrailEntry): Promise<void> {
    this.list.push(Object.freeze({ ...entry }));
  }

  async entries(): Promise<readonly TrailEntry[]> {
    return this.list.slice();
  }

  async last(): Promise<TrailEntry | null> {
    return this.list.at(-1) ?? null;
  }
}
