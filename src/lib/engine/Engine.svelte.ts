// The page's handle on the engine worker: status, progress and results as runes state.

import * as Comlink from 'comlink';
import type { Row, Value } from '../../core/engine.ts';
import type { SaveResult } from '../../core/workspace/save.ts';
import type { ConsoleResult, DetectProgress, DetectResult, EngineApi, EngineInfo, IngestProgress, IngestSummary, SigmaCheck } from '../../../workers/protocol.ts';
import type { ProductivityRequest, ProductivityResult } from '../../../workers/protocol.ts';
import type { ThresholdOverrides } from '../../core/detect/runner.ts';
import { STALE } from '../../../workers/engine/latest.ts';
import { buildAggregates } from '../../core/queries/aggregates.ts';
import type { Query } from '../../core/queries/query.ts';
import { activity } from '../trust/activity.svelte.ts';
import { loadDetail } from '../trust/details.ts';
import { Workspace } from '../trust/workspace.svelte.ts';

/** True for the rejection of a query that a newer gesture made pointless. */
export const isStale = (e: unknown) => e instanceof Error && e.message.includes(STALE);

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
  /** Whether the hourly pre-aggregate is built for the current data. */
  aggregated = $state(false);
  #seq = new Map<string, number>();
  /** The files of the load in progress, as far as known (the demo's names arrive with its progress). */
  queue = $state.raw<{ name: string; bytes: number | null }[]>([]);

  #worker = this.#spawn();
  #api = Comlink.wrap<EngineApi>(this.#worker);
  /** The reviewer's own audit trail: `engine.trail.record(kind, detail)` (docs/ui.md). */
  readonly trail = activity;
  /** In memory by default; kept in this browser's private file system on request; wiped on request (src/lib/trust/). */
  readonly workspace = new Workspace(this);

  constructor() {
    void this.#init().then(() => this.workspace.start());
  }

  #spawn(): Worker { return new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), { type: 'module' }); }

  #init(): Promise<void> {
    return this.#api.init().then(
      (info) => { this.info = info; this.status = 'ready'; },
      (e) => { this.fail(e); },
    );
  }

  async load(files: File[], retentionMonths = 24): Promise<void> {
    this.queue = files.map((f) => ({ name: f.name, bytes: f.size }));
    await this.#run(() => this.#api.ingest(files, { retentionMonths }, Comlink.proxy((p: IngestProgress) => this.#progress(p))));
  }

  async loadDemo(): Promise<void> {
    this.queue = [];
    await this.#run(() => this.#api.loadDemo(Comlink.proxy((p: IngestProgress) => this.#progress(p))));
  }

  #progress(p: IngestProgress): void {
    this.progress = p;
    if (!this.queue[p.index] || this.queue[p.index].name !== p.file) {
      const next = this.queue.slice();
      next[p.index] = { name: p.file, bytes: null };
      this.queue = next;
    }
  }

  cancel(): void { void this.#api.cancelIngest(); }

  query(sql: string, params: Value[] = []): Promise<Row[]> { return this.#api.query(sql, params); }

  /**
   * Starts a new gesture on a channel (one view): the returned runner's queries drop out of the worker's queue,
   * unstarted, as soon as a newer gesture begins on the same channel.
   */
  gesture(channel: string): (q: Query) => Promise<Row[]> {
    const seq = (this.#seq.get(channel) ?? 0) + 1;
    this.#seq.set(channel, seq);
    return (q) => this.#track(this.#api.queryLatest({ channel, seq }, q.sql, q.params));
  }

  /** Queries of views in flight; mirrored on <html data-queries> so tests and the benchmark can wait for quiet. */
  #inflight = 0;
  #track<T>(p: Promise<T>): Promise<T> {
    this.#inflight++;
    document.documentElement.dataset.queries = String(this.#inflight);
    const done = () => { this.#inflight--; document.documentElement.dataset.queries = String(this.#inflight); };
    p.then(done, done);
    return p;
  }

  consoleRun(sql: string, maxRows: number): Promise<ConsoleResult> {
    const run = this.#api.consoleRun(sql, maxRows);
    run.then((r) => this.trail.record('run-query', { query: sql, params: [], rows: r.rows }), () => this.trail.record('run-query', { query: sql, params: [], failed: true }));
    return run;
  }
  consolePage(offset: number, limit: number): Promise<Row[]> { return this.#api.consolePage(offset, limit); }
  consoleCancel(): Promise<boolean> { return this.#api.consoleCancel(); }

  readRaw(fileId: number, offset: number, length: number): Promise<string> { return this.#api.readRaw({ fileId, offset, length }); }

  /** Runs the security analysis in the worker; the loaded files' row counts go along for the truncation check. */
  detect(thresholds: ThresholdOverrides, userRules: string[], onProgress: (p: DetectProgress) => void = () => {}): Promise<DetectResult> {
    const files = (this.summary?.files ?? []).map((f) => ({ file: f.file, rows: f.read, first: f.first ? Date.parse(f.first) : null, last: f.last ? Date.parse(f.last) : null }));
    return this.#api.detect({ thresholds: $state.snapshot(thresholds), userRules: [...userRules], files }, Comlink.proxy(onProgress));
  }
  cancelDetect(): void { void this.#api.cancelDetect(); }
  compileSigma(yamlText: string): Promise<SigmaCheck> { return this.#api.compileSigma(yamlText); }

  /** Released productivity cells for the page's settings (runs in the worker, which keeps the key, noise and ε ledger). */
  productivity(req: ProductivityRequest): Promise<ProductivityResult> { return this.#track(this.#api.productivity(req)); }

  memory(): Promise<{ usedBytes: number }> { return this.#api.memory(); }

  keepWorkspace(): Promise<SaveResult> { return this.#api.workspaceSave($state.snapshot(this.summary) as IngestSummary | null); }
  forgetWorkspace(): Promise<void> { return this.#api.workspaceForget(); }

  /** Loads the kept workspace into the fresh engine at start; null when nothing is kept. */
  async restoreKept(): Promise<{ savedAt: string; bytes: number } | null> {
    this.status = 'loading';
    this.error = null;
    try {
      const kept = await this.#api.workspaceRestore();
      if (kept) {
        this.summary = kept.summary;
        this.events = kept.summary.events;
        this.aggregated = await this.#aggregate();
        this.version++;
      }
      this.status = 'ready';
      return kept && { savedAt: kept.savedAt, bytes: kept.bytes };
    } catch (e) { this.fail(e); throw e; }
  }

  /** Ends the engine worker, and DuckDB with every table inside it, and starts a fresh, empty one. */
  async restart(): Promise<void> {
    this.#api[Comlink.releaseProxy]();
    this.#worker.terminate();
    this.#worker = this.#spawn();
    this.#api = Comlink.wrap<EngineApi>(this.#worker);
    this.#seq.clear();
    this.summary = this.info = this.progress = this.error = null;
    this.queue = [];
    this.events = 0;
    this.aggregated = false;
    this.version = 0;
    this.status = 'starting';
    await this.#init();
  }

  async #run(job: () => Promise<IngestSummary>): Promise<void> {
    this.status = 'loading';
    this.error = null;
    this.progress = null;
    try {
      const summary = await job();
      const previous = this.summary?.files ?? [];
      this.summary = { ...summary, files: [...previous, ...summary.files] };
      this.events = summary.events;
      this.aggregated = await this.#aggregate();
      this.version++;
      this.status = 'ready';
      void this.trail.record('load-files', loadDetail(summary.files, summary.events));
      void this.workspace.afterLoad();
    } catch (e) { this.fail(e); }
  }

  async #aggregate(): Promise<boolean> {
    try {
      for (const q of buildAggregates()) await this.#api.query(q.sql, q.params);
      return true;
    } catch { return false; }
  }

  private fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
    this.status = 'error';
  }
}
