// Ours: the built app in headless Chromium, driven like a user (drop file, open overview, change filters).

import { chromium } from 'playwright-core';
import type { AddressInfo } from 'node:net';
import { serve } from '../scripts/serve.mjs';
import { browserPid, sampler } from './memory.ts';
import { median } from './stats.ts';

export interface OursRun { ingest_s: number; ingest_runs_s: number[]; first_dashboard_s: number; filter_p50_ms: number; filter_p95_ms: number; detect_s: number | null; peak_mb: number; loaded: number; db_bytes_per_event: number }

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];
const quiet = () => document.documentElement.dataset.queries === '0';

/**
 * Loads the file `repeats` times, each in a fresh tab, and reports the median load time: on a shared two-core
 * machine one load of the same build varied from 17 to 26 s. The last tab goes on to the Overview.
 */
export async function runOurs(file: string, repeats = 1, filterChanges = 40): Promise<OursRun> {
  const server = await serve(0);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tag = `--auditlens-bench=${process.pid}-${Date.now()}`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...FLAGS, tag] });
  const pid = browserPid(tag);
  try {
    const mem = pid ? sampler(pid) : null;
    const ingest_runs_s: number[] = [];
    let page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    let t0 = 0;
    for (let run = 0; run < repeats; run++) {
      if (run > 0) { await page.close(); page = await browser.newPage({ viewport: { width: 1360, height: 900 } }); }
      await page.goto(`${origin}/#/load?bench`);
      await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]', { timeout: 120_000 });
      t0 = Date.now();
      await page.setInputFiles('[data-testid="file-input"]', file);
      await page.waitForSelector('[data-testid="ingest-report"]', { timeout: 3_600_000 });
      ingest_runs_s.push((Date.now() - t0) / 1000);
    }
    const ingest_s = median(ingest_runs_s);
    const loaded = Number(await page.getAttribute('[data-testid="event-count"]', 'data-count'));
    const dbBytes = await page.evaluate(async () => {
      const bench = (window as unknown as { __auditlens?: { memory?: () => Promise<{ usedBytes: number }> } }).__auditlens;
      return bench?.memory ? (await bench.memory()).usedBytes : NaN;
    });
    await page.click('nav a[href^="#/overview"]');
    await page.waitForSelector('[data-testid="timeline-chart"] svg rect:not([height="0"])', { timeout: 600_000 });
    await page.waitForFunction(quiet, undefined, { timeout: 600_000 });
    const first_dashboard_s = (Date.now() - t0) / 1000;
    // The Overview also runs the detection pack for its findings panel; filter changes are timed once it is done.
    await page.waitForSelector('[data-testid="overview-severity"]', { timeout: 1_800_000 }).catch(() => {});
    await page.waitForFunction(quiet, undefined, { timeout: 600_000 });

    const [first, last] = await page.evaluate(() => {
      const kpi = document.querySelector('[data-testid="kpis"]');
      return [kpi?.getAttribute('data-first'), kpi?.getAttribute('data-last')].map(Number);
    });
    const span = Number.isFinite(first) && Number.isFinite(last) && last > first ? [first, last] : [Date.UTC(2026, 8, 1), Date.UTC(2026, 9, 1)];
    const latencies: number[] = [];
    for (let i = 0; i < filterChanges; i++) {
      // Every change asks for a new time range, so no chart can answer from remembered results except the
      // timeline, which ignores the time filter (as it does when a user brushes it).
      const a = span[0] + ((span[1] - span[0]) * i) / (2 * filterChanges);
      const b = a + (span[1] - span[0]) / 3;
      const hash = `#/overview?from=${new Date(a).toISOString().slice(0, 13)}:00Z&to=${new Date(b).toISOString().slice(0, 13)}:00Z${i % 2 ? '&outcome=failure' : ''}`;
      const ms = await page.evaluate(async (h) => {
        const t = performance.now();
        location.hash = h;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        while (document.documentElement.dataset.queries !== '0') await new Promise((r) => setTimeout(r, 2));
        await new Promise((r) => requestAnimationFrame(r));
        return performance.now() - t;
      }, hash);
      latencies.push(ms);
    }
    latencies.sort((x, y) => x - y);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];

    const detect_s = await page.evaluate(async () => {
      const bench = (window as unknown as { __auditlens?: { detect?: () => Promise<unknown> } }).__auditlens;
      if (!bench?.detect) return null;
      const t = performance.now();
      try { await bench.detect(); } catch { return null; }
      return (performance.now() - t) / 1000;
    });
    const peak = mem ? mem.stop() : 0;
    return { ingest_s, ingest_runs_s, first_dashboard_s, filter_p50_ms: pct(0.5), filter_p95_ms: pct(0.95), detect_s, peak_mb: Math.round(peak / 1024 ** 2), loaded, db_bytes_per_event: Math.round(dbBytes / Math.max(1, loaded)) };
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
}
