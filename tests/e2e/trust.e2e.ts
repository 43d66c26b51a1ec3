// The trust features in the built app (headless Chromium): nothing stored by default, the reviewer's activity
// trail (verified in the page and by the CLI), the opt-in kept workspace across a reload, a wipe that leaves
// only the theme, and hostile files dropped into the page.

import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, waitReady, type Session } from './browser.ts';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'screenshots');

interface Held { opfs: string[]; local: string[]; session: string[]; idb: string[]; caches: string[]; cookie: string }

/** What the origin holds in the browser, read independently of the app's own code. */
const held = (page: Page): Promise<Held> => page.evaluate(async () => {
  type Dir = { entries(): AsyncIterable<[string, { kind: string }]> };
  const walk = async (d: Dir, prefix: string): Promise<string[]> => {
    const out: string[] = [];
    for await (const [name, h] of d.entries()) {
      if (h.kind === 'file') out.push(prefix + name);
      else out.push(...await walk(h as unknown as Dir, `${prefix}${name}/`));
    }
    return out;
  };
  return {
    opfs: (await walk(await navigator.storage.getDirectory() as unknown as Dir, '')).sort(),
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage),
    idb: (await indexedDB.databases()).map((d) => d.name ?? ''),
    caches: await caches.keys(),
    cookie: document.cookie,
  };
});

const NOTHING_BUT_THEME: Held = { opfs: [], local: ['auditlens.theme'], session: [], idb: [], caches: [], cookie: '' };
const eventCount = async (page: Page) => Number(await page.getAttribute('[data-testid="event-count"]', 'data-count'));

async function shoot(page: Page, name: string) {
  await page.evaluate(() => scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(shots, `trust-${name}.png`), fullPage: true });
}

async function go(page: Page, id: string, ready: string) {
  await page.click(`nav a[href^="#/${id}"]`);
  await page.waitForSelector(ready, { timeout: 30_000 });
}

async function loadDemo(page: Page) {
  await go(page, 'load', '[data-testid="demo-button"]');
  await page.click('[data-testid="demo-button"]');
  await page.waitForSelector('[data-testid="ingest-report"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
}

async function trailKinds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="trail-entries"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-kind') ?? '').reverse());
}

/** `npm run --silent cli -- verify-trail …` on a downloaded trail. */
function verifyWithCli(...args: string[]): { status: number | null; out: unknown } {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'verify-trail', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: JSON.parse(r.stdout.trim()) };
}

describe('trust features in the page (headless Chromium)', () => {
  let s: Session;
  let events = 0;
  beforeAll(async () => { mkdirSync(shots, { recursive: true }); s = await openSession(); });
  afterAll(async () => {
    await s.close();
    expect(s.foreign, 'requests that left the origin').toEqual([]);
    expect(s.violations, 'CSP violations').toEqual([]);
    expect(s.pageErrors, 'uncaught page errors').toEqual([]);
  });

  it('by default nothing is stored: after loading the demo only the theme choice is in local storage', async () => {
    const { page, origin } = s;
    await page.goto(`${origin}/#/load`);
    await waitReady(page);
    await page.waitForSelector('[data-testid="workspace-panel"][data-busy=""]');
    await page.click('[data-testid="theme-toggle"] [data-mode="dark"]');
    await loadDemo(page);
    events = await eventCount(page);
    expect(events).toBeGreaterThan(1000);
    expect(await page.getAttribute('[data-testid="workspace-panel"]', 'data-kept')).toBe('false');
    expect(await page.textContent('[data-testid="storage-badge"]')).toContain('in memory only');
    expect(await held(page)).toEqual(NOTHING_BUT_THEME);
    expect(Number(await page.getAttribute('[data-testid="memory-use"]', 'data-used'))).toBeGreaterThan(0);
  });

  it('records loads, queries, raw views and exports in a trail that verifies in the page and with the CLI', async () => {
    const { page } = s;
    await go(page, 'data', '[data-testid="sql-text"]');
    await page.fill('[data-testid="sql-text"]', 'SELECT source, count(*) AS n FROM events GROUP BY source ORDER BY n DESC');
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector('[data-testid="sql-summary"]');
    await page.click('[data-testid="events-table"] tbody tr[data-row="0"].clickable');
    await page.waitForSelector('[data-testid="raw-record"] pre');
    const rawText = (await page.textContent('[data-testid="raw-record"] pre'))!;
    await page.click('[data-testid="events-panel"] [data-testid="export-button"]');
    await Promise.all([page.waitForEvent('download'), page.click('[data-testid="events-panel"] [data-testid="export-csv"]')]);

    await go(page, 'about', '[data-testid="trail-panel"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="trail-entries"] tbody tr').length >= 4);
    expect(await trailKinds(page)).toEqual(['load-files', 'run-query', 'view-raw', 'export']);
    const load = await page.textContent('[data-testid="trail-entries"] tr[data-kind="load-files"] .detail');
    expect(load).toMatch(/^files: [^·]+, … \(\d+ more\) · bytes: /);
    expect(load).toMatch(new RegExp(`events: ${events}$`));
    await page.click('[data-testid="trail-verify"]');
    expect(await page.getAttribute('[data-testid="trail-check"]', 'data-ok')).toBe('true');

    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="trail-download"]')]);
    const path = join(mkdtempSync(join(tmpdir(), 'trail-')), file.suggestedFilename());
    await file.saveAs(path);
    const head = (await page.textContent('[data-testid="trail-head"]'))!.trim();
    const ndjson = readFileSync(path, 'utf8');
    expect(ndjson.trim().split('\n')).toHaveLength(5);
    expect(ndjson, 'no raw record in the trail').not.toContain(rawText.slice(0, 80));
    const loaded = JSON.parse(ndjson.split('\n')[0]) as { kind: string; detail: Record<string, unknown[] | number> };
    expect(loaded.kind).toBe('load-files');
    expect(loaded.detail.files).toContain('m365/purview-audit.csv');
    const at = (loaded.detail.files as string[]).indexOf('m365/purview-audit.csv');
    expect([(loaded.detail.formats as string[])[at], (loaded.detail.bytes as number[])[at] > 0]).toEqual(['m365-ual-csv', true]);
    expect(loaded.detail.events).toBe(events);
    expect(verifyWithCli(path)).toEqual({ status: 0, out: { ok: true, entries: 5 } });
    expect(verifyWithCli('--head', head, path)).toEqual({ status: 0, out: { ok: true, entries: 5 } });
    const tampered = `${path}.tampered`;
    writeFileSync(tampered, ndjson.replace('"run-query"', '"run-qvery"'));
    expect(verifyWithCli(tampered)).toMatchObject({ status: 1, out: { ok: false, line: 2 } });
    await shoot(page, 'about');
  });

  it('keeps the workspace on request: a reload restores data, raw records and trail; a wipe leaves only the theme', async () => {
    const { page } = s;
    await go(page, 'load', '[data-testid="keep-workspace"]');
    await page.check('[data-testid="keep-workspace"]');
    await page.waitForSelector('[data-testid="workspace-panel"][data-kept="true"][data-busy=""]', { timeout: 60_000 });
    const kept = await held(page);
    expect(kept.opfs).toContain('auditlens/current.json');
    expect(kept.opfs).toContain('auditlens-trail/trail.ndjson');
    expect(kept.opfs.some((p) => /^auditlens\/sources\//.test(p))).toBe(true);
    const entriesBefore = Number(await page.getAttribute('[data-testid="storage-badge"]', 'title').then((t) => /trail: (\d+)/.exec(t!)![1]));

    await page.reload();
    await waitReady(page);
    await page.waitForSelector('[data-testid="workspace-panel"][data-kept="true"][data-busy=""]', { timeout: 60_000 });
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="event-count"]')?.getAttribute('data-count')) === n, events);
    await shoot(page, 'restored');
    await go(page, 'data', '[data-testid="events-table"] tbody tr[data-row="0"].clickable');
    await page.click('[data-testid="events-table"] tbody tr[data-row="0"].clickable');
    await page.waitForSelector('[data-testid="raw-record"] pre');
    await go(page, 'about', '[data-testid="trail-panel"]');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="trail-count"]')?.getAttribute('data-count')) === n + 1, entriesBefore);
    expect((await trailKinds(page)).at(-1)).toBe('view-raw');
    await page.click('[data-testid="trail-verify"]');
    expect(await page.getAttribute('[data-testid="trail-check"]', 'data-ok')).toBe('true');

    await page.click('[data-testid="wipe-button"]');
    await page.click('[data-testid="wipe-confirm"]');
    await page.waitForSelector('[data-testid="wipe-done"]', { timeout: 60_000 });
    await waitReady(page);
    expect(await eventCount(page)).toBe(0);
    expect(await page.getAttribute('[data-testid="trail-count"]', 'data-count')).toBe('0');
    await shoot(page, 'wiped');
    await go(page, 'data', '[data-testid="sql-text"]');
    await page.fill('[data-testid="sql-text"]', "SELECT count(*) AS n FROM duckdb_tables() WHERE NOT temporary");
    await page.click('[data-testid="sql-run"]');
    await page.waitForSelector('[data-testid="sql-result"] tbody tr[data-row="0"] td[title]');
    expect((await page.textContent('[data-testid="sql-result"] tbody tr[data-row="0"] td'))!.trim()).toBe('0');

    await page.goto(`${s.origin}/#/load`);
    await page.reload();
    await waitReady(page);
    await page.waitForSelector('[data-testid="workspace-panel"][data-busy=""]');
    expect(await eventCount(page)).toBe(0);
    expect(await page.getAttribute('[data-testid="workspace-panel"]', 'data-kept')).toBe('false');
    expect(await held(page)).toEqual(NOTHING_BUT_THEME);
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  });

  it('hostile files each get a message naming file, line and reason, and the good ones still load', async () => {
    const { page } = s;
    const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
    execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'fixtures/hostile/main.ts'), '--out', dir], { cwd: root });
    const names = readdirSync(dir).sort();
    await go(page, 'load', '[data-testid="file-input"]');
    await page.setInputFiles('[data-testid="file-input"]', names.map((n) => join(dir, n)));
    await page.waitForSelector('[data-testid="ingest-report"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]');
    const rows = await page.$$eval('[data-testid="ingest-file"]', (trs) => trs.map((tr) => {
      const issues = tr.nextElementSibling?.classList.contains('issues') ? tr.nextElementSibling : null;
      return {
        name: tr.querySelector('.name')?.textContent ?? '',
        format: tr.getAttribute('data-format'),
        loaded: Number(tr.getAttribute('data-loaded')),
        rejected: Number(tr.getAttribute('data-rejected')),
        fatal: issues?.querySelector('.fatal')?.textContent ?? null,
        summary: issues?.querySelector('details:not(.supported) summary')?.textContent ?? null,
        lines: [...(issues?.querySelectorAll('li') ?? [])].map((li) => li.textContent ?? ''),
      };
    }));
    const row = (name: string) => { const r = rows.find((x) => x.name === name); expect(r, `a report row for ${name}`).toBeDefined(); return r!; };

    for (const name of names) expect(rows.some((r) => r.name === name || r.name.startsWith(`${name} › `)), `${name} is in the report`).toBe(true);
    for (const r of rows) {
      if (r.rejected) {
        expect(r.summary, `${r.name}: rejected rows are summarised with the file name`).toContain(`in ${r.name}`);
        for (const l of r.lines) expect(l, `${r.name}: each rejected row names its line and reason`).toMatch(/^line \d+: \S/);
      }
      if (!r.format) expect(r.fatal, `${r.name}: a refused file says why`).toMatch(/\S{3,}/);
    }
    expect(row('good.csv')).toMatchObject({ format: 'm365-ual-csv', loaded: 10, rejected: 0, fatal: null });
    expect(row('invalid-utf8.csv').lines).toEqual(['line 3: invalid UTF-8 text']);
    expect(row('ragged.csv').lines.slice(0, 2)).toEqual(['line 3: expected 6 fields, found 3', 'line 4: expected 6 fields, found 7']);
    expect(row('deep.json').lines).toEqual([expect.stringMatching(/^line 2: could not be normalised: .*(stack|deep|nest)/i)]);
    expect(row('numbers.json').fatal).toMatch(/^not a supported export/);
    expect(row('empty.csv').fatal).toMatch(/^the file is empty\./);
    expect(row('photo.csv').fatal).toMatch(/binary data/);
    expect(row('cut-download.csv.gz').fatal ?? row('cut-download.csv.gz').lines.join(' ')).toMatch(/unexpected end|truncated|corrupt/i);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await eventCount(page), 'every loaded row is queryable').toBe(rows.reduce((n, r) => n + r.loaded, 0));
    await page.$$eval('[data-testid="ingest-report"] details:not(.supported)', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await shoot(page, 'hostile');
  });
});
