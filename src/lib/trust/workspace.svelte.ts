// Where the reviewer's data lives: in memory only (the default), or kept in this browser's origin-private file
// system on request so a reload restores it; and the wipe that removes every trace but the theme choice.

import { MemoryTrailStore } from '../../core/trail/index.ts';
import { FileTrailStore } from '../../core/trail/opfs-store.ts';
import { childDir, opfsRoot, remove, type DirLike } from '../../core/workspace/dir.ts';
import { hasKeptWorkspace } from '../../core/workspace/restore.ts';
import type { Activity } from './activity.svelte.ts';
import { wipeBrowserStorage } from './wipe.ts';

/** The kept trail's folder, beside the workspace's own (`auditlens/`, written by the engine worker). */
export const TRAIL_DIR = 'auditlens-trail';

export interface WorkspaceEngine {
  trail: Activity;
  keepWorkspace(): Promise<{ savedAt: string; bytes: number }>;
  forgetWorkspace(): Promise<void>;
  /** Loads the kept workspace into the (fresh) engine; null when nothing is kept. */
  restoreKept(): Promise<{ savedAt: string; bytes: number } | null>;
  /** Ends the engine worker and starts a fresh one. */
  restart(): Promise<void>;
}

export type WorkspaceBusy = 'checking' | 'restoring' | 'saving' | 'forgetting' | 'wiping' | null;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class Workspace {
  kept = $state(false);
  busy = $state<WorkspaceBusy>('checking');
  savedAt = $state<string | null>(null);
  savedBytes = $state<number | null>(null);
  error = $state<string | null>(null);
  /** False where the browser offers no origin-private file system: keeping is then not offered. */
  available = $state(true);
  /** Set after a wipe, until the next load. */
  wiped = $state(false);

  constructor(private readonly engine: WorkspaceEngine) {}

  /** At start: restores a kept workspace, if there is one. */
  async start(): Promise<void> {
    const root = await opfsRoot();
    this.available = !!root;
    try {
      if (!root || !(await hasKeptWorkspace(root))) return;
      this.kept = true;
      this.busy = 'restoring';
      await this.#trailToDisk(root);
      const kept = await this.engine.restoreKept();
      this.savedAt = kept?.savedAt ?? null;
      this.savedBytes = kept?.bytes ?? null;
    } catch (e) {
      this.error = `The kept workspace could not be restored: ${message(e)}. "Wipe everything" removes it.`;
      await this.engine.restart().catch(() => undefined);
    } finally { this.busy = null; }
  }

  /** Keeps the loaded data, the copies of the dropped files and the trail on this computer. */
  async keep(): Promise<void> {
    const root = await opfsRoot();
    if (!root) { this.error = 'This browser offers no private file system to keep the workspace in.'; return; }
    this.busy = 'saving';
    this.error = null;
    try {
      await this.#trailToDisk(root);
      this.kept = true;
      await this.#save();
    } catch (e) {
      this.error = `The workspace could not be kept: ${message(e)}. Nothing was kept.`;
      await this.#forget(root).catch(() => undefined);
    } finally { this.busy = null; }
  }

  /** After each load while kept: the saved copy follows. */
  async afterLoad(): Promise<void> {
    this.wiped = false;
    if (!this.kept || this.busy) return;
    this.busy = 'saving';
    try { await this.#save(); }
    catch (e) { this.error = `The new data could not be added to the kept workspace: ${message(e)}. The previous copy is unchanged.`; }
    finally { this.busy = null; }
  }

  /** Deletes the kept copy; the data stays open in this tab until it closes. */
  async stopKeeping(): Promise<void> {
    const root = await opfsRoot();
    this.busy = 'forgetting';
    this.error = null;
    try { if (root) await this.#forget(root); }
    catch (e) { this.error = `The kept copy could not be deleted: ${message(e)}. "Wipe everything" tries harder.`; }
    finally { this.busy = null; }
  }

  /** Drops every table by ending the engine, deletes the kept workspace and trail, and clears browser storage. */
  async wipe(): Promise<void> {
    this.busy = 'wiping';
    this.error = null;
    try {
      await this.engine.trail.reset();
      await this.engine.restart();
      await wipeBrowserStorage();
      this.kept = false;
      this.savedAt = this.savedBytes = null;
      this.wiped = true;
    } catch (e) { this.error = `Wiping did not finish: ${message(e)}. Close this tab and clear the site's data in the browser settings.`; }
    finally { this.busy = null; }
  }

  async #save(): Promise<void> {
    const saved = await this.engine.keepWorkspace();
    this.savedAt = saved.savedAt;
    this.savedBytes = saved.bytes;
  }

  async #trailToDisk(root: DirLike): Promise<void> {
    const store = await FileTrailStore.open((await childDir(root, TRAIL_DIR, true))!);
    const d = store.damage;
    if (d && !d.repaired) {
      this.engine.trail.damage = `The kept trail is damaged at line ${d.line} (${d.reason}), so nothing can be chained to it; new steps are recorded in memory only. "Wipe everything" removes it.`;
      return;
    }
    await this.engine.trail.moveTo(store, 'kept', d ? `The kept trail's last line was cut short when the tab closed: ${d.reason}.` : null);
  }

  async #forget(root: DirLike): Promise<void> {
    await this.engine.trail.moveTo(new MemoryTrailStore(), 'memory');
    await this.engine.forgetWorkspace();
    await remove(root, TRAIL_DIR);
    this.kept = false;
    this.savedAt = this.savedBytes = null;
  }
}
