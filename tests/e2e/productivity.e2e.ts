// The productivity page in headless Chromium over the demo organisation: only released group cells (k ≥ 10,
// weekly ≥ 30), no name or address from the directory anywhere in the page or its address, a CSV identical to
// the screen, axe-clean, no foreign requests or CSP violations, and the same numbers as the CLI on the same files.
// Needs `node scripts/build.mjs` first.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../fixtures/generate/index.ts';
import { csvObjects, parseCsv } from '../fixtures/csv.ts';
import { openSession, waitReady, type Session, expectClean } from './browser.ts';
import { axe } from './axe.ts';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'screenshots');
const METRICS = ['collaboration_hours', 'emails_sent', 'meetings', 'after_hours_share'];

interface AggCell { group: string; period: string; members: number; metric: string; value: string }
interface CliCell { group: string; period: string; members: number; metrics: Record<string, number | null> }
interface CliRelease { minGroup: number; groups: CliCell[]; suppressed: number }


async function shoot(page: Page, name: string) {
  await page.evaluate(() => scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Does something on the page and waits until the release it asks for is on screen. */
async function released(page: Page, act: () => Promise<void>) {
  const before = Number(await page.getAttribute('[data-testid="productivity"]', 'data-answers'));
  await act();
  await page.waitForFunction((n) => {
    const el = document.querySelector('[data-testid="productivity"]');
    return Number(el?.getAttribute('data-answers')) > n && el?.getAttribute('data-status') === 'ready';
  }, before, { timeout: 60_000 });
}

const tableCells = (page: Page) => page.$$eval('[data-testid="values-table"] [data-testid="agg-cell"]', (els) => els.map((e) => {
  const d = (e as HTMLElement).dataset;
  return { group: d.group!, period: d.period!, members: Number(d.members), metric: d.metric!, value: d.value! };
})) as Promise<AggCell[]>;

const allCells = (page: Page) => page.$$eval('[data-testid="agg-cell"]', (els) => els.map((e) => ({
  group: e.getAttribute('data-group'), period: e.getAttribute('data-period'), members: Number(e.getAttribute('data-members')),
})));

/** The page's cells as the CLI would print them: group|period → members and metric values. */
function byCell(cells: AggCell[]): Map<string, { members: number; metrics: Record<string, number | null> }> {
  const out = new Map<string, { members: number; metrics: Record<string, number | null> }>();
  for (const c of cells) {
    const key = `${c.group}|${c.period}`;
    const entry = out.get(key) ?? { members: c.members, metrics: {} };
    entry.metrics[c.metric] = c.value === '' ? null : Number(c.value);
    out.set(key, entry);
  }
  return out;
}

describe('productivity page (headless Chromium, demo organisation)', () => {
  let s: Session;
  const demo = generateDemo();
  const dir = mkdtempSync(join(tmpdir(), 'auditlens-productivity-'));
  // the files the demo button loads, in the same order (the report of truth is not an export)
  const files = demo.files.filter((f) => f.path !== 'truth.json').map((f) => {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    return path;
  });
  const directory = demo.files.filter((f) => f.path.startsWith('directory/')).flatMap((f) => csvObjects(f.text));
  const identities = [...new Set(directory.flatMap((r) => [r.email, r.display_name, r.userPrincipalName, r.displayName, r.mail]
    .filter((v): v is string => !!v && v.length > 3).map((v) => v.toLowerCase())))];

  const cli = async (by: string): Promise<CliRelease> => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'cli', '--', 'productivity', '--json', '--by', by, '--metrics', METRICS.join(','), ...files],
      { cwd: root, maxBuffer: 64 << 20 });
    return JSON.parse(stdout) as CliRelease;
  };

  beforeAll(async () => { mkdirSync(shots, { recursive: true }); s = await openSession(); });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
    expectClean(s);
  });

  it('shows only released group cells of at least 10 active people, and no person anywhere', async () => {
    const { page, origin } = s;
    expect(identities.length).toBeGreaterThan(500);
    await page.goto(`${origin}/#/load`);
    await waitReady(page);
    await page.click('[data-testid="demo-button"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="event-count"]')?.getAttribute('data-count')) > 0, null, { timeout: 120_000 });
    await waitReady(page);
    await page.click('nav a[href^="#/productivity"]');
    await page.waitForSelector('[data-testid="productivity"][data-status="ready"] [data-testid="values-table"] [data-testid="agg-cell"]', { timeout: 60_000 });

    const cells = await allCells(page);
    expect(cells.length).toBeGreaterThanOrEqual(8);
    for (const c of cells) expect(c.members, `${c.group} ${c.period}`).toBeGreaterThanOrEqual(10);
    expect(await page.locator('[data-testid="withheld-cell"]').count()).toBeGreaterThan(0);
    await page.click('[data-testid="activity-heatmap"] summary');
    expect(await page.locator('[data-testid="heatmap-table"] [data-testid="agg-cell"]').count()).toBe(168);

    const html = (await page.content()).toLowerCase();
    const hash = decodeURIComponent(await page.evaluate(() => location.hash)).toLowerCase();
    expect(identities.filter((id) => html.includes(id)), 'directory names or addresses in the page').toEqual([]);
    expect(identities.filter((id) => hash.includes(id)), 'directory names or addresses in the hash').toEqual([]);
    expect(hash).toBe('#/productivity');
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'productivity');
  });

  it('exports as CSV exactly what the screen shows', async () => {
    const { page } = s;
    await page.click('.head [data-testid="export-button"]');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('.head [data-testid="export-csv"]')]);
    const text = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = parseCsv(text);
    expect(header).toEqual(['group', 'group_key', 'period', 'members', 'status', ...METRICS]);
    const screen = byCell(await tableCells(page));
    const shown = lines.filter((l) => l[4] === 'shown');
    expect(shown.length).toBe(screen.size);
    for (const l of shown) {
      const cell = screen.get(`${l[1]}|${l[2]}`)!;
      expect(cell, `${l[1]} ${l[2]}`).toBeDefined();
      expect(Number(l[3])).toBe(cell.members);
      METRICS.forEach((m, i) => expect(l[5 + i] === '' ? null : Number(l[5 + i])).toBe(cell.metrics[m]));
    }
    const withheld = lines.filter((l) => l[4] === 'withheld');
    expect(withheld.length).toBe(await page.locator('[data-testid="values-table"][data-metric="emails_sent"] [data-testid="withheld-cell"]').count());
    for (const l of withheld) expect(l.slice(3).join('')).toBe('withheld');
    const lower = text.toLowerCase();
    expect(lower).not.toContain('@');
    expect(identities.filter((id) => lower.includes(id))).toEqual([]);

    await page.click('[data-testid="metric-panel-emails_sent"] [data-testid="export-button"]');
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="metric-panel-emails_sent"] [data-testid="export-png"]')]);
    expect(readFileSync((await png.path())!).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });

  it('gives the same numbers as the CLI on the same files (department alone, then every dimension)', async () => {
    const { page } = s;
    const department = await cli('department');
    const alone = byCell(await tableCells(page));
    expect(alone.size).toBe(department.groups.length);
    for (const c of department.groups) expect(alone.get(`${c.group}|${c.period}`), `${c.group} ${c.period}`).toEqual({ members: c.members, metrics: c.metrics });
    expect(Number(await page.getAttribute('[data-testid="suppressed"]', 'data-suppressed'))).toBe(department.suppressed);

    await released(page, () => page.click('[data-testid="dimension-manager"]'));
    await released(page, () => page.click('[data-testid="dimension-level"]'));
    const everything = await cli('department,manager,level');
    const onPage = new Map<string, { members: number; metrics: Record<string, number | null> }>();
    for (const d of ['department', 'manager', 'level']) {
      await page.click(`[data-testid="show-${d}"]`);
      for (const [k, v] of byCell(await tableCells(page))) onPage.set(k, v);
    }
    expect(onPage.size).toBe(everything.groups.length);
    for (const c of everything.groups) expect(onPage.get(`${c.group}|${c.period}`), `${c.group} ${c.period}`).toEqual({ members: c.members, metrics: c.metrics });
    expect(Number(await page.getAttribute('[data-testid="suppressed"]', 'data-suppressed'))).toBe(everything.suppressed);

    await page.click('[data-testid="show-department"]');
    await released(page, () => page.click('[data-testid="dimension-manager"]'));
    await released(page, () => page.click('[data-testid="dimension-level"]'));
  });

  let noisy: AggCell[] = [];
  let spent: number[] = [];

  it('weekly cells only for groups of 30 or more; with noise, the ledger and no exact heatmap', async () => {
    const { page } = s;
    await released(page, () => page.click('[data-testid="period-week"]'));
    const weekly = await allCells(page);
    expect(weekly.length).toBeGreaterThan(0);
    for (const c of weekly) {
      expect(c.period).toMatch(/\/P1W$/);
      expect(c.members).toBeGreaterThanOrEqual(30);
    }
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'productivity-weekly');

    await released(page, () => page.click('[data-testid="period-block"]'));
    await released(page, () => page.click('[data-testid="noise"]'));
    await page.waitForSelector('[data-testid="ledger"] [data-testid="ledger-row"]');
    expect(await page.textContent('[data-testid="heatmap-unavailable"]')).toMatch(/noise/);
    for (const c of await allCells(page)) expect(c.members).toBeGreaterThanOrEqual(10);
    spent = await page.$$eval('[data-testid="ledger-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-spent'))));
    for (const e of spent) expect(e).toBeLessThanOrEqual(6);
    noisy = await tableCells(page);
    expect(noisy.some((c) => c.value !== '')).toBe(true);
    expect(await axe(page)).toEqual([]);
    await page.locator('[data-testid="ledger"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'productivity-noise.png') });

    await released(page, () => page.click('[data-testid="noise"]'));
    await page.click('[data-testid="theme-toggle"] [data-mode="dark"]');
    await page.waitForTimeout(200);
    expect(await axe(page)).toEqual([]);
    await shoot(page, 'productivity-dark');
    await page.click('[data-testid="theme-toggle"] [data-mode="system"]');
  });

  it('keeps the noise and the ε spent across a reload (the same values, nothing charged twice)', async () => {
    const { page } = s;
    await page.reload();
    await waitReady(page);
    await page.click('nav a[href^="#/load"]');
    await page.click('[data-testid="demo-button"]');
    await page.waitForSelector('[data-testid="ingest-report"]', { timeout: 120_000 });
    await waitReady(page);
    await page.click('nav a[href^="#/productivity"]');
    await page.waitForSelector('[data-testid="productivity"][data-status="ready"] [data-testid="values-table"]', { timeout: 60_000 });
    await released(page, () => page.click('[data-testid="noise"]'));
    expect(await tableCells(page)).toEqual(noisy);
    expect(await page.$$eval('[data-testid="ledger-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-spent'))))).toEqual(spent);
  });
});
