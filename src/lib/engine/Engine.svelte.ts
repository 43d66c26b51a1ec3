// The page's handle on the engine worker: status, progress and results as runes state.

import * as Comlink from 'comlink';
import type { Row, Value } from '../../core/engine.ts';
import type { EngineApi, EngineInfo, IngestProgress, IngestSummary } from '../../../workers/protocol.ts';

export type EngineStatus = 'starting' | 'ready' | 'loading' | 'error';

export class Engine {
  status = $state<EngineStatus>('starting');
  info = $state.raw<EngineInfo | null>(null);
  progress = $state.raw<IngestProgress | null>(null);
  summary = $state.raw<IngestSummary | null>(null);
  events = $state(0);
  error = $state<string | null>(null);
  /** Bumped after every load so views re-query. */
  version = $state(0);

  #worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module' });
  #api = Comlink.wrap<EngineApi>(this.#worker);

  constructor() {
    this.#api.init().then(
      (info) => { this.info = info; this.status = 'ready'; },
      (e) => { this.fail(e); },
    );
  }

  async load(files: File[], retentionMonths = 24): Promise<void> {
    await this.#run(() => this.#api.ingest(files, { retentionMonths }, Comlink.proxy((p: IngestProgress) => { this.progress = p; })));
  }

  async loadDemo(): Promise<void> {
    await this.#run(() => this.#api.loadDemo(Comlink.proxy((p: IngestProgress) => { this.progress = p; })));
  }

  cancel(): void { void this.#api.cancelIngest(); }

  query(sql: string, params: Value[] = []): Promise<Row[]> { return this.#api.query(sql, params); }

  readRaw(fileId: number, offset: number, length: number): Promise<string> { return this.#api.readRaw({ fileId, offset, length }); }

  async #run(job: () => Promise<IngestSummary>): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.progress = null;
    try {
      const summary = await job();
      const previous = this.summary?.files ?? [];
      this.summary = { ...summary, files: [...previous, ...summary.files] };
      this.events = summary.events;
      this.version++;
      this.status = 'ready';
    } catch (e) { this.fail(e); }
  }

  private fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
    this.status = 'error';
  }
}
