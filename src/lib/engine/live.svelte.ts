// The latest answer to a changing question: each run() supersedes the previous one, whose late result or
// error is dropped. Views hold one per chart or table and re-run it whenever the filter or data change.

import { isStale } from './Engine.svelte.ts';

export type LiveStatus = 'idle' | 'loading' | 'ready' | 'error';

export class Live<T> {
  value = $state.raw<T | undefined>(undefined);
  status = $state<LiveStatus>('idle');
  error = $state<string | null>(null);
  #seq = 0;

  async run(job: () => Promise<T>): Promise<void> {
    const seq = ++this.#seq;
    this.status = 'loading';
    try {
      const value = await job();
      if (seq !== this.#seq) return;
      this.value = value;
      this.error = null;
      this.status = 'ready';
    } catch (e) {
      if (seq !== this.#seq || isStale(e)) return;
      this.error = e instanceof Error ? e.message : String(e);
      this.status = 'error';
    }
  }

  /** Forgets any answer still on its way. */
  drop(): void { this.#seq++; }
}
