// The engine worker's side of the opt-in kept workspace: save, restore and forget, over whatever database,
// file list and origin-private folder the worker has.

import type { Engine } from '../engine.ts';
import type { EntryInfo } from '../ingest/pipeline.ts';
import { opfsRoot, remove, type DirLike } from './dir.ts';
import type { PendingQueries } from './ipc-stream.ts';
import { WORKSPACE_DIR, type KeptSummary } from './manifest.ts';
import { restoreWorkspace, type Restored } from './restore.ts';
import { saveWorkspace, type SaveResult } from './save.ts';

export interface KeeperDeps {
  engine(): Promise<Engine>;
  /** A connection of its own for copying tables out; closed after each save. */
  connect(): Promise<{ db: PendingQueries; conn: number; close(): Promise<void> }>;
  root?(): Promise<DirLike | null>;
}

export class Keeper {
  /** Dropped files already copied into the kept workspace, so a later save does not copy them again. */
  private readonly copied = new Map<Blob, string>();

  constructor(private readonly deps: KeeperDeps) {}

  private async root(): Promise<DirLike> {
    const root = await (this.deps.root ?? opfsRoot)();
    if (!root) throw new Error('this browser offers no origin-private file system to keep the workspace in');
    return root;
  }

  async save(sources: readonly Blob[], entries: readonly EntryInfo[], summary: KeptSummary | null): Promise<SaveResult> {
    const [engine, root, arrow] = [await this.deps.engine(), await this.root(), await this.deps.connect()];
    try { return await saveWorkspace({ engine, root, arrow, sources, entries, summary, copied: this.copied }); }
    finally { await arrow.close(); }
  }

  async restore(): Promise<Restored | null> {
    const restored = await restoreWorkspace(await this.deps.engine(), await this.root());
    if (restored) for (const [blob, file] of restored.copied) this.copied.set(blob, file);
    return restored;
  }

  /** Deletes the kept copy; what is loaded stays in memory. */
  async forget(): Promise<void> {
    this.copied.clear();
    const root = await (this.deps.root ?? opfsRoot)();
    if (root) await remove(root, WORKSPACE_DIR);
  }
}
