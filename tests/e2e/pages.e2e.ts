// Every page of the built app in headless Chromium: the demo organisation loaded, the linked views (brush,
// click-to-filter, hash), exports, the SQL console's guard, the theme, and axe on each page.

import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, waitReady, type Session, expectClean } from './browser.ts';
import { axe } from './axe.ts';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'screenshots');



const hash = (page: Page) => page.evaluate(() => decodeURIComponent(location.hash));
const kpiEvents = async (page: Page) => Number((await page.textContent('[data-testid="kpi-events"] .value'))!.replace(/,/g, ''));

async function shoot(page: Page, name: string) {
  await page.evaluate(() => scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function settle(page: Page) {
  await page.waitForFunction(() => !document.querySelector('.chart.loading, [role="status"] .spinner'), null, { timeout: 30_000 });
}

async function visit(page: Page, id: string, ready: string) {
  await page.click(`nav a[href^="#/${id}"]`);
  await page.waitForSelector(ready, { timeout: 30_000 });
  await settle(page);
}

async function download(page: Page, open: () => Promise<void>, item: string) {
  await open();
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${item}"]`)]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path!) };
}

describe('the dashboard pages (headless Chromium, demo organisation)', () => {
  let s: Session;
  const axeFindings: Record<string, string[]> = {};
  beforeAll(async () => { mkdirSync(shots, { recursive: true }); s = await openSession(); });
  afterAll(async () => {
    await s.close();
    expectClean(s);
  });

  it('loads the demo and shows the load report', async () => {
    const { page, origin } = s;
    await page.goto(`${origin}/#/overview`);
    await waitReady(page);
    await page.waitForSelector('[data-testid="overview-empty"]');
    axeFindings['overview-empty'] = await axe(page);
    await page.click('nav a[href^="#/load"]');
    await page.click('[data-testid="demo-button"]');
    await page.waitForSelector('[data-testid="ingest-report"]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    expect(Number(await page.getAttribute('[data-testid="event-count"]', 'data-count'))).toBeGreaterThan(1000);
    axeFindings.load = await axe(page);
    await shoot(page, 'load');
  });

  it('overview: brushing the timeline and clicking a bar filter every view, and the hash follows', async () => {
    const { page } = s;
    await visit(page, 'overview', '[data-testid="timeline-chart"] svg rect:not([height="0"])');
    const all = await kpiEvents(page);
    expect(all).toBe(Number(await page.getAttribute('[data-testid="event-count"]', 'data-count')));
    axeFindings.overview = await axe(page);
    await shoot(page, 'overview');

    const box = (await page.locator('[data-testid="timeline-chart"] .brush .overlay').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction(() => location.hash.includes('from=') && location.hash.includes('to='));
    await settle(page);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="kpi-events"] .value')?.textContent?.replace(/,/g, '')) < n, all);
    const ranged = await kpiEvents(page);
    expect(ranged).toBeGreaterThan(0);
    expect(ranged).toBeLessThan(all);

    const bar = page.locator('[data-testid="by-source-chart"] g.rank [role="button"]').first();
    const label = (await bar.getAttribute('aria-label'))!;
    await bar.click();
    await page.waitForFunction(() => /[?&]source=/.test(location.hash));
    await settle(page);
    await page.waitForSelector('[data-testid="filter-chip"][data-key="source"]');
    const bySource = await kpiEvents(page);
    expect(bySource).toBe(Number(label.match(/: ([\d,]+) events/)![1].replace(/,/g, '')));
    expect(await hash(page)).toMatch(/^#\/overview\?from=\d{4}-\d\d-\d\dT\d\d:00Z&to=.*&source=/);

    // a reload keeps the view in the hash; the nav links carry it, so loading the data again shows the same view
    await page.reload();
    await waitReady(page);
    await page.click('nav a[href^="#/load"]');
    expect(await hash(page)).toMatch(/^#\/load\?from=.*&source=/);
    await page.click('[data-testid="demo-button"]');
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]', { timeout: 120_000 });
    await visit(page, 'overview', '[data-testid="timeline-chart"] svg rect:not([height="0"])');
    expect(await page.locator('[data-testid="filter-chip"][data-key="source"]').count()).toBe(1);
    expect(await kpiEvents(page)).toBe(bySource);
    await page.click('[data-testid="clear-filters"]');
    await page.waitForFunction(() => !location.hash.includes('?'));
    await settle(page);
    expect(await kpiEvents(page)).toBe(all);
  });

  it('exports a chart as PNG and SVG and a table as CSV', async () => {
    const { page } = s;
    const menu = () => page.click('[data-testid="timeline"] [data-testid="export-button"]');
    const png = await download(page, menu, 'export-png');
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.bytes.length).toBeGreaterThan(5000);
    const svg = await download(page, menu, 'export-svg');
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text).toContain('<svg');
    expect(text).not.toContain('style=');
    expect((text.match(/<rect/g) ?? []).length).toBeGreaterThan(20);

    await visit(page, 'data', '[data-testid="events-table"] tbody tr[data-row="0"] td:not(:empty)');
    const csv = await download(page, () => page.click('[data-testid="events-table"] [data-testid="export-button"]'), 'export-csv');
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('ts,source,category,action,outcome,actor,ip,target,country,workload');
    expect(lines.length - 1).toBe(Number(await page.getAttribute('[data-testid="events-table"]', 'data-total')));
  });

  it('data: pages through events, previews a table, and the console refuses anything but one query', async () => {
    const { page } = s;
    const range = () => page.textContent('[data-testid="events-table"] [data-testid="table-range"]');
    const before = await range();
    await page.click('[data-testid="events-table"] [data-testid="page-down"]');
    await page.waitForFunction((b) => document.querySelector('[data-testid="events-table"] [data-testid="table-range"]')?.textContent !== b, before);
    expect(await page.locator('[data-testid="events-table"] tbody tr[data-row]').count()).toBeLessThan(80);

    await page.click('[data-testid="events-table"] tbody tr[data-row="20"]');
    await page.waitForSelector('[data-testid="raw-record"] pre');
    expect((await page.textContent('[data-testid="raw-record"] pre'))!.length).toBeGreaterThan(20);

    await page.fill('[data-testid="sql-text"]', 'DELETE FROM events');
    await page.click('[data-testid="sql-run"]');
    expect(await page.textContent('[data-testid="sql-error"]')).toMatch(/read-only/);
    await page.fill('[data-testid="sql-text"]', 'SELECT 1; DROP TABLE events');
    await page.click('[data-testid="sql-run"]');
    expect(await page.textContent('[data-testid="sql-error"]')).toMatch(/one statement/i);
    await page.fill('[data-testid="sql-text"]', 'SELECT * FROM no_such_table');
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector('[data-testid="sql-error"]:has-text("no_such_table")');

    await page.fill('[data-testid="sql-text"]', 'SELECT source, count(*) AS n FROM events GROUP BY source ORDER BY n DESC');
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector('[data-testid="sql-result"] tbody tr[data-row="0"] td:not(:empty)');
    expect(Number(await page.getAttribute('[data-testid="sql-result"]', 'data-total'))).toBeGreaterThan(1);
    expect(Number(await page.getAttribute('[data-testid="event-count"]', 'data-count'))).toBeGreaterThan(1000);

    await page.fill('[data-testid="sql-text"]', 'SELECT count(*) FROM range(100000000000) a');
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector('[data-testid="sql-console"] [data-testid="cancel"]');
    await page.click('[data-testid="sql-console"] [data-testid="cancel"]');
    expect(await page.textContent('[data-testid="sql-error"]', { timeout: 20_000 })).toMatch(/cancel/i);

    await page.fill('[data-testid="sql-text"]', 'SELECT category, count(*) AS events FROM events GROUP BY ALL ORDER BY events DESC');
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector('[data-testid="sql-result"] tbody tr[data-row="0"] td:not(:empty)');
    await page.check('[data-testid="sql-chart"]');
    await page.waitForSelector('[data-testid="sql-console"] .chart svg g.rank');
    expect(await page.locator('[data-testid="sql-console"] .chart svg g.rank').count()).toBe(Number(await page.getAttribute('[data-testid="sql-result"]', 'data-total')));

    await page.click('[data-testid="schema-browser"] summary:has-text("events")');
    await page.click('[data-testid="schema-browser"] details[open] [data-testid="preview-table"]');
    await page.waitForSelector('[data-testid="table-preview"] tbody tr[data-row="0"]');
    await page.locator('[data-testid="sql-text"]').scrollIntoViewIfNeeded();
    axeFindings.data = await axe(page);
    await shoot(page, 'data');
  });

  it('security, productivity and about pages render; the theme toggle is remembered', async () => {
    const { page } = s;
    for (const id of ['security', 'productivity', 'about']) {
      await visit(page, id, 'main h1');
      axeFindings[id] = await axe(page);
      await shoot(page, id);
    }
    await page.click('[data-testid="theme-toggle"] [data-mode="dark"]');
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await page.reload();
    await waitReady(page);
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
    await page.click('nav a[href^="#/load"]');
    await page.click('[data-testid="demo-button"]');
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]', { timeout: 120_000 });
    await visit(page, 'overview', '[data-testid="timeline-chart"] svg rect:not([height="0"])');
    axeFindings['overview-dark'] = await axe(page);
    await shoot(page, 'overview-dark');
    await page.click('[data-testid="theme-toggle"] [data-mode="system"]');

    for (const [pageName, found] of Object.entries(axeFindings)) expect(found, `axe on ${pageName}`).toEqual([]);
  });
});
