// The security analysis of the loaded data, shared by the Security page and the Overview's panels: run once per
// load (and again when the analyst tunes a threshold or adds a rule), with progress and Cancel.

import type { ThresholdOverrides } from '../../core/detect/runner.ts';
import type { Thresholds } from '../../core/detect/types.ts';
import { CANCELLED, type DetectProgress, type DetectResult } from './run/types.ts';

export interface DetectApi {
  version: number;
  detect(thresholds: ThresholdOverrides, userRules: string[], onProgress?: (p: DetectProgress) => void): Promise<DetectResult>;
  cancelDetect(): void;
}

export interface UserRule { id: string; title: string; yaml: string; file?: string }

export type RunStatus = 'idle' | 'running' | 'ready' | 'error' | 'cancelled';

export class SecurityAnalysis {
  result = $state.raw<DetectResult | null>(null);
  status = $state<RunStatus>('idle');
  error = $state<string | null>(null);
  progress = $state.raw<DetectProgress | null>(null);
  thresholds = $state.raw<ThresholdOverrides>({});
  userRules = $state.raw<UserRule[]>([]);
  /** The data version the result (or the run in progress) belongs to. */
  #version = -1;
  #seq = 0;

  /** Starts a run when the data changed since the last one; a cancelled or failed run waits for "Run again". */
  ensure(api: DetectApi): void {
    if (api.version > 0 && api.version !== this.#version) void this.run(api);
  }

  async run(api: DetectApi): Promise<void> {
    const seq = ++this.#seq;
    this.#version = api.version;
    this.status = 'running';
    this.error = null;
    this.progress = null;
    try {
      const result = await api.detect(this.thresholds, this.userRules.map((r) => r.yaml), (p) => { if (seq === this.#seq) this.progress = p; });
      if (seq !== this.#seq) return;
      this.result = result;
      this.status = 'ready';
    } catch (e) {
      if (seq !== this.#seq) return;
      const message = e instanceof Error ? e.message : String(e);
      this.status = message.includes(CANCELLED) ? 'cancelled' : 'error';
      this.error = this.status === 'error' ? message : null;
    }
  }

  cancel(api: DetectApi): void { api.cancelDetect(); }

  setThresholds(rule: string, values: Thresholds | null): void {
    const next = { ...this.thresholds };
    if (values && Object.keys(values).length) next[rule] = values; else delete next[rule];
    this.thresholds = next;
  }

  addRule(rule: UserRule): void {
    this.userRules = [...this.userRules.filter((r) => r.id !== rule.id), rule];
  }

  removeRule(id: string): void { this.userRules = this.userRules.filter((r) => r.id !== id); }
}

export const analysis = new SecurityAnalysis();
