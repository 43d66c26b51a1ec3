import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, waitReady, type Session, expectClean } from './browser.ts';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'screenshots');

describe('loading files in the built app (headless Chromium)', () => {
  let s: Session;
  beforeAll(async () => { mkdirSync(shots, { recursive: true }); s = await openSession(); });
  afterAll(async () => {
    await s.close();
    expectClean(s);
  });

  it('drops fixture files, shows a balanced report per file and the event count', async () => {
    const { page, origin } = s;
    await page.goto(`${origin}/#/load`);
    await waitReady(page);
    const files = ['m365-ual.csv', 'github-audit.json', 'not-an-export.txt'].map((f) => join(root, 'fixtures/e2e', f));
    await page.setInputFiles('[data-testid="file-input"]', files);
    await page.waitForSelector('[data-testid="ingest-report"]', { timeout: 60_000 });
    const rows = await page.$$eval('[data-testid="ingest-file"]', (els) => els.map((e) => ({
      format: e.getAttribute('data-format'), read: Number(e.getAttribute('data-read')), loaded: Number(e.getAttribute('data-loaded')),
      rejected: Number(e.getAttribute('data-rejected')), duplicates: Number(e.getAttribute('data-duplicates')), excluded: Number(e.getAttribute('data-excluded')),
    })));
    expect(rows.map((r) => r.format)).toEqual(['m365-ual-csv', 'github-audit-json', '']);
    for (const r of rows) expect(r.read).toBe(r.loaded + r.rejected + r.duplicates + r.excluded);
    expect(rows[0].loaded).toBeGreaterThan(0);
    const count = Number(await page.getAttribute('[data-testid="event-count"]', 'data-count'));
    expect(count).toBe(rows[0].loaded + rows[1].loaded);
    await page.screenshot({ path: join(shots, 'load-report.png'), fullPage: true });
  });

  it('loads the demo organisation and shows a populated overview', async () => {
    const { page, origin } = s;
    await page.goto(`${origin}/#/load`);
    await page.reload(); // a fresh engine: nothing left from the previous test
    await waitReady(page);
    expect(await page.getAttribute('[data-testid="event-count"]', 'data-count')).toBe('0');
    await page.click('[data-testid="demo-button"]');
    await page.waitForSelector('[data-testid="ingest-report"]', { timeout: 120_000 });
    const count = Number(await page.getAttribute('[data-testid="event-count"]', 'data-count'));
    expect(count).toBeGreaterThan(1_000);
    const rejected = await page.$$eval('[data-testid="ingest-file"]', (els) => els.map((e) => Number(e.getAttribute('data-rejected'))));
    expect(rejected.every((n) => n === 0)).toBe(true);
    await page.screenshot({ path: join(shots, 'load-demo.png'), fullPage: true });
    await page.click('nav a[href="#/overview"]');
    await page.waitForSelector('[data-testid="timeline-chart"] svg rect:not([height="0"])');
    await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true });
  });
});
