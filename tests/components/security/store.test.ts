// @vitest-environment jsdom
// The shared analysis runs once per loaded data version, drops a superseded run's result, reports a cancelled
// run as cancelled (keeping the previous result), and passes thresholds and the analyst's rules to the engine.
// The rules panel shows every status in words and sends edited thresholds back.

import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { SecurityAnalysis, type DetectApi } from '../../../src/lib/security/store.svelte.ts';
import { CANCELLED, type DetectResult } from '../../../src/lib/security/run/types.ts';
import RulesPanel from '../../../src/lib/security/RulesPanel.svelte';
import { RESULT, RULES } from './fixtures.ts';

function fakeEngine() {
  const pending: { resolve: (r: DetectResult) => void; reject: (e: Error) => void; args: unknown[] }[] = [];
  const api: DetectApi & { calls: typeof pending } = {
    version: 1, calls: pending,
    detect: vi.fn((...args: unknown[]) => new Promise<DetectResult>((resolve, reject) => { pending.push({ resolve, reject, args }); })),
    cancelDetect: vi.fn(),
  };
  return api;
}

describe('security analysis state', () => {
  it('runs once per data version', async () => {
    const a = new SecurityAnalysis(), api = fakeEngine();
    a.ensure(api); a.ensure(api);
    expect(api.detect).toHaveBeenCalledTimes(1);
    expect(a.status).toBe('running');
    api.calls[0].resolve(RESULT);
    await tick();
    expect(a.status).toBe('ready');
    a.ensure(api);
    expect(api.detect).toHaveBeenCalledTimes(1);
    api.version = 2;
    a.ensure(api);
    expect(api.detect).toHaveBeenCalledTimes(2);
  });

  it('keeps only the latest run\'s result', async () => {
    const a = new SecurityAnalysis(), api = fakeEngine();
    void a.run(api);
    void a.run(api);
    api.calls[1].resolve({ ...RESULT, ms: 2 });
    api.calls[0].resolve({ ...RESULT, ms: 1 });
    await tick();
    expect(a.result?.ms).toBe(2);
  });

  it('reports a cancelled run as cancelled and keeps the previous result', async () => {
    const a = new SecurityAnalysis(), api = fakeEngine();
    void a.run(api);
    api.calls[0].resolve(RESULT);
    await tick();
    void a.run(api);
    a.cancel(api);
    expect(api.cancelDetect).toHaveBeenCalled();
    api.calls[1].reject(new Error(`Error: ${CANCELLED}`));
    await tick(); await tick();
    expect(a.status).toBe('cancelled');
    expect(a.error).toBeNull();
    expect(a.result).toBe(RESULT);
    void a.run(api);
    api.calls[2].reject(new Error('Binder Error'));
    await tick(); await tick();
    expect([a.status, a.error]).toEqual(['error', 'Binder Error']);
  });

  it('sends the thresholds and the added rules\' YAML', () => {
    const a = new SecurityAnalysis(), api = fakeEngine();
    a.setThresholds('X3.brute', { minFailures: 5 });
    a.addRule({ id: 'sigma:1', title: 'one', yaml: 'title: one' });
    a.addRule({ id: 'sigma:1', title: 'one again', yaml: 'title: one again' });
    void a.run(api);
    expect(api.calls[0].args.slice(0, 2)).toEqual([{ 'X3.brute': { minFailures: 5 } }, ['title: one again']]);
    a.removeRule('sigma:1');
    a.setThresholds('X3.brute', null);
    expect([a.userRules, a.thresholds]).toEqual([[], {}]);
  });
});

describe('rules panel', () => {
  it('shows each status in words and never "no hits" for a rule that could not run', () => {
    render(RulesPanel, { rules: RULES, thresholds: {}, running: false, onapply: () => {} });
    const row = (id: string) => screen.getAllByTestId('rule-row').find((r) => r.dataset.rule === id)!;
    expect(within(row('M7.sync')).getByTestId('rule-status').textContent).toBe('Not evaluable on this data: missing ClientInfoString');
    expect(within(row('H1.burst')).getByTestId('rule-status').textContent).toBe('Failed: Binder Error: nope');
    expect(row('M7.sync').dataset.status).toBe('not-evaluable');
  });

  it('sends edited thresholds as overrides and refuses text', async () => {
    const onapply = vi.fn();
    render(RulesPanel, { rules: RULES, thresholds: {}, running: false, onapply });
    const input = screen.getAllByTestId('threshold').find((i) => i.dataset.key === 'minFailures')!;
    await fireEvent.input(input, { target: { value: 'lots' } });
    await fireEvent.click(screen.getByTestId('apply-thresholds'));
    expect(screen.getByRole('alert').textContent).toContain('X3.brute minFailures');
    expect(onapply).not.toHaveBeenCalled();
    await fireEvent.input(input, { target: { value: '40' } });
    await fireEvent.click(screen.getByTestId('apply-thresholds'));
    expect(onapply).toHaveBeenCalledWith({ 'X3.brute': { minFailures: 40 } });
  });
});
