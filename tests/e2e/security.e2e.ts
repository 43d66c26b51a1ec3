// The security analyst's pages in the built app (headless Chromium) on the demo organisation: ranked findings
// with ATT&CK ids, coverage notes, pivots to an identity, an address and the original record, a Sigma rule added
// in the page, the same findings as the CLI on the same files, axe on every view, nothing leaving the origin.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPTIONS, generate, type Truth } from '../../fixtures/generate/index.ts';
import { NodeFileSink } from '../../fixtures/generate/node-sink.ts';
import { openSession, waitReady, type Session, expectClean } from './browser.ts';
import { axe } from './axe.ts';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'screenshots');

const SIGMA_ID = '6f1e2d3c-0000-4000-8000-00000000e2e1';
const SIGMA = `title: Audit log configuration changed (e2e)
id: ${SIGMA_ID}
status: test
author: auditlens e2e
level: high
tags:
  - attack.defense_evasion
  - attack.t1562.008
logsource:
  product: m365
  service: exchange
detection:
  selection:
    Operation: Set-AdminAuditLogConfig
  condition: selection
`;



/** Viewport shots of long pages start at an element; short pages are shot whole. */
async function shoot(page: Page, name: string, at?: string) {
  await page.mouse.move(0, 0);
  if (at) await page.locator(at).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  else await page.evaluate(() => scrollTo(0, 0));
  await page.evaluate(() => scrollBy(0, -70)); // the sticky header
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: !at });
}

/** No view of the page is still computing. */
async function settle(page: Page) {
  await page.waitForFunction(() => {
    const busy = document.querySelector('.chart.loading, [role="status"] .spinner, [data-testid="detect-status"][data-status="running"]');
    const queries = document.documentElement.dataset.queries;
    return !busy && (queries === undefined || queries === '0');
  }, null, { timeout: 60_000 });
}

const pairs = (list: { rule: string; actor: string }[]) => [...new Set(list.map((a) => `${a.rule} | ${a.actor}`))].sort();

describe('security pages (headless Chromium, demo organisation)', () => {
  let s: Session;
  let dir: string;
  let truth: Truth;
  let cli: Promise<{ alerts: { rule: string; actor: string }[] }>;
  const axeFindings: Record<string, string[]> = {};

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    // the demo's files on disk, for the CLI parity check (same generator, same options as the in-page demo)
    dir = mkdtempSync(join(tmpdir(), 'auditlens-security-'));
    const result = generate(DEMO_OPTIONS, new NodeFileSink(dir));
    truth = result.truth;
    const files = result.files.filter((f) => !f.endsWith('truth.json')).map((f) => join(dir, f));
    cli = promisify(execFile)(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/main.ts', 'detect', '--json', ...files],
      { cwd: root, maxBuffer: 64 * 1024 * 1024, timeout: 90_000 }).then((r) => JSON.parse(r.stdout), (e: { stdout?: string; code?: number }) => {
      // exit code 2 means some rule errored; the JSON is still complete
      if (e.code === 2 && e.stdout) return JSON.parse(e.stdout);
      throw e;
    });
    cli.catch(() => {});
    s = await openSession();
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.origin });
  });

  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
    expectClean(s);
  });

  it('runs the detections on the demo and lists ranked findings with ATT&CK ids', async () => {
    const { page, origin } = s;
    await page.goto(`${origin}/#/security`);
    await waitReady(page);
    await page.waitForSelector('[data-testid="security-empty"]');
    await page.click('nav a[href^="#/load"]');
    await page.click('[data-testid="demo-button"]');
    await page.waitForSelector('[data-testid="ingest-report"]', { timeout: 120_000 });
    await page.click('nav a[href^="#/security"]');
    await page.waitForSelector('[data-testid="detect-status"][data-status="ready"]', { timeout: 120_000 });
    await settle(page);

    const rows = await page.$$eval('[data-testid="alerts-table"] [data-testid="alert-row"]', (els) => els.map((e) => ({
      rule: e.getAttribute('data-rule')!, actor: e.getAttribute('data-actor')!, attack: e.getAttribute('data-attack')!, severity: e.getAttribute('data-severity')!,
    })));
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) expect(r.attack, `${r.rule} techniques`).toMatch(/^T\d{4}(\.\d{3})?( T\d{4}(\.\d{3})?)*$/);
    // ranked: no lower severity above a higher one
    const rank = ['critical', 'high', 'medium', 'low'];
    expect(rows.map((r) => rank.indexOf(r.severity))).toEqual([...rows.map((r) => rank.indexOf(r.severity))].sort((a, b) => a - b));
    // planted attacks from the demo's truth are among the findings, about the planted identities
    const planted = (id: string) => (truth.scenarios.find((x) => x.id === id)!.actors as string[]);
    const has = (rule: string, actors: string[], technique: string) => rows.some((r) => r.rule === rule && actors.includes(r.actor) && r.attack.split(' ').includes(technique));
    expect(has('X3.success-after', planted('brute-force-success'), 'T1110.001')).toBe(true);
    expect(has('M4.audit', planted('audit-log-disabled'), 'T1562.008')).toBe(true);
    expect(has('G2.dwd', planted('gws-domain-wide-delegation'), 'T1098.001')).toBe(true);
    expect(has('H2.exposure', planted('github-repo-made-public'), 'T1567.001')).toBe(true);

    // coverage notes come before the list
    const order = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="coverage-warnings"]')!, t = document.querySelector('[data-testid="alerts-table"]')!;
      return c.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    expect(await page.locator('[data-testid="coverage-warning"]').count()).toBeGreaterThan(0);

    axeFindings.findings = await axe(page);
    await shoot(page, 'security-findings', 'main h1');
    await shoot(page, 'security-findings-list', '[data-testid="findings-panel"]');
  });

  it('finds the same (rule, identity) pairs as the CLI on the same files', async () => {
    const { page } = s;
    const onPage = await page.$$eval('[data-testid="alert-row"], [data-testid="coverage-warning"]', (els) => els.map((e) => ({ rule: e.getAttribute('data-rule')!, actor: e.getAttribute('data-actor')! })));
    const fromCli = (await cli).alerts;
    expect(fromCli.length).toBeGreaterThan(20);
    expect(pairs(onPage)).toEqual(pairs(fromCli));
  });

  it('filters the list by severity and technique, and keeps the filter in the hash', async () => {
    const { page } = s;
    const total = await page.locator('[data-testid="alert-row"]').count();
    await page.click('[data-testid="severity-critical"]');
    await page.waitForFunction(() => location.hash.includes('severity=critical'));
    const critical = await page.$$eval('[data-testid="alert-row"]', (els) => els.map((e) => e.getAttribute('data-severity')));
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.length).toBeLessThan(total);
    expect(new Set(critical)).toEqual(new Set(['critical']));
    await page.click('[data-testid="severity-critical"]');
    await page.selectOption('[data-testid="filter-technique"]', 'T1110.001');
    await page.waitForFunction(() => location.hash.includes('technique=T1110.001'));
    const brute = await page.$$eval('[data-testid="alert-row"]', (els) => els.map((e) => e.getAttribute('data-attack')!));
    expect(brute.length).toBeGreaterThan(0);
    for (const a of brute) expect(a.split(' ')).toContain('T1110.001');
    await page.selectOption('[data-testid="filter-technique"]', '');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="alert-row"]').length === n, total);
  });

  it('pivots from a finding to the identity, its score explained, and the original record', async () => {
    const { page } = s;
    const actor = 'emma.meyer@acme.example';
    await page.click(`[data-testid="alert-row"][data-rule="X3.success-after"][data-actor="${actor}"] [data-testid="pivot-user"]`);
    await page.waitForSelector('[data-testid="user-title"]');
    expect(decodeURIComponent(await page.evaluate(() => location.hash))).toContain(`user=${actor}`);
    await page.waitForSelector('[data-testid="score-part"]');
    const parts = await page.$$eval('[data-testid="score-part"]', (els) => els.map((e) => e.getAttribute('data-rule')));
    expect(parts).toContain('X3.success-after');
    expect(Number((await page.textContent('[data-testid="user-score"] .value'))!)).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid="user-timeline-chart"] svg rect', { state: 'attached' });
    await page.waitForSelector('[data-testid="user-ips"] [data-testid="ip-link"]');
    await settle(page);
    axeFindings.user = await axe(page);
    await shoot(page, 'security-user');

    // the finding's records, then one original record read back from the file
    await page.click(`[data-testid="user-findings"] [data-testid="alert-row"][data-rule="X3.success-after"] [data-testid="show-records"]`);
    await page.waitForSelector('[data-testid="finding-records"] tbody tr[data-row="0"] td:not(:empty)');
    await page.click('[data-testid="finding-records"] tbody tr[data-row="0"] td >> nth=0');
    await page.waitForSelector('[data-testid="raw-text"]');
    const text = (await page.textContent('[data-testid="raw-text"]'))!;
    expect(text.toLowerCase()).toContain(actor);
    expect(text).toMatch(/UserLoginFailed|Sign-in activity|UserLoggedIn/);
    await page.click('[data-testid="raw-copy"]');
    await page.waitForSelector('text=Copied the record as stored');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.length).toBeGreaterThan(20);
    expect(text.replace(/\s/g, '')).toContain(copied.replace(/\s/g, '').slice(0, 12));
    axeFindings.raw = await axe(page);
    await shoot(page, 'security-raw', '[data-testid="finding-records"]');
  });

  it('pivots to an address: country and network with the database date, identities, findings', async () => {
    const { page } = s;
    await page.locator('[data-testid="user-ips"] [data-testid="ip-link"]').first().click();
    await page.waitForSelector('[data-testid="address-title"]');
    await page.waitForSelector('[data-testid="address-users"] tbody tr');
    expect(await page.textContent('[data-testid="address-country"]')).toMatch(/IP database of \d{4}-\d\d-\d\d/);
    expect(await page.textContent('[data-testid="address-users"]')).toContain('emma.meyer@acme.example');
    await settle(page);
    axeFindings.address = await axe(page);
    await shoot(page, 'security-ip');
    await page.goBack();
    await page.waitForSelector('[data-testid="user-title"]');
  });

  it('shows every rule with its status, and runs a Sigma rule written here', async () => {
    const { page } = s;
    await page.click('[data-testid="back-to-findings"]');
    await page.click('[data-testid="tab-rules"]');
    await page.waitForSelector('[data-testid="rules-panel"] [data-testid="rule-row"]');
    const statuses = await page.$$eval('[data-testid="rule-row"]', (els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThanOrEqual(70);
    expect(statuses).toContain('hits');
    expect(statuses).toContain('no-hits');

    await page.fill('[data-testid="sigma-text"]', 'title: broken\ndetection: [');
    await page.click('[data-testid="sigma-add"]');
    expect(await page.textContent('[data-testid="sigma-error"]')).toMatch(/not valid YAML/);

    await page.fill('[data-testid="sigma-text"]', SIGMA);
    await page.click('[data-testid="sigma-add"]');
    await page.waitForSelector('[data-testid="sigma-ok"]');
    await page.waitForSelector(`[data-testid="rule-row"][data-rule="sigma:${SIGMA_ID}"][data-status="hits"]`, { timeout: 120_000 });
    await page.waitForSelector('[data-testid="detect-status"][data-status="ready"]');
    axeFindings.rules = await axe(page);
    await shoot(page, 'security-rules', '[data-testid="rules"]');
    await shoot(page, 'security-sigma', '[data-testid="sigma-panel"]');

    await page.click('[data-testid="tab-findings"]');
    const sigma = page.locator(`[data-testid="alert-row"][data-rule="sigma:${SIGMA_ID}"]`);
    await sigma.first().waitFor();
    expect(await sigma.first().getAttribute('data-actor')).toBe((truth.scenarios.find((x) => x.id === 'audit-log-disabled')!.actors as string[])[0]);
    expect(await sigma.first().getAttribute('data-attack')).toBe('T1562.008');
    expect(await sigma.first().textContent()).toContain('by auditlens e2e (DRL 1.1)');
  });

  it('shows sign-in analytics, the Overview panels, and the page in the dark theme', async () => {
    const { page } = s;
    await page.click('[data-testid="tab-signins"]');
    await page.waitForSelector('[data-testid="signin-timeline-chart"] svg rect', { state: 'attached' });
    await page.waitForSelector('[data-testid="signins-by-ip"] tbody tr');
    expect(Number((await page.textContent('[data-testid="signin-failure"] .value'))!.replace(/,/g, ''))).toBeGreaterThan(0);
    await settle(page);
    axeFindings.signins = await axe(page);
    await shoot(page, 'security-signins');

    await page.click('nav a[href^="#/overview"]');
    await page.waitForSelector('[data-testid="overview-findings"] [data-testid="top-user"]');
    await page.waitForSelector('[data-testid="coverage-slot"] [data-testid="coverage-warnings"]');
    const critical = Number(await page.getAttribute('[data-testid="overview-severity"] [data-severity="critical"]', 'data-count'));
    expect(critical).toBeGreaterThan(0);
    await settle(page);
    await shoot(page, 'security-overview', '[data-testid="kpis"]');

    await page.click('nav a[href^="#/security"]');
    await page.click('[data-testid="theme-toggle"] [data-mode="dark"]');
    await page.waitForSelector('[data-testid="alerts-table"]');
    await settle(page);
    axeFindings.dark = await axe(page);
    await shoot(page, 'security-dark', 'main h1');
    await page.click('[data-testid="theme-toggle"] [data-mode="system"]');

    for (const [view, found] of Object.entries(axeFindings)) expect(found, `axe on ${view}`).toEqual([]);
  });

  it('notes in the reviewer\'s own trail whose activity was viewed', async () => {
    const { page } = s;
    await page.click('nav a[href^="#/about"]');
    await page.waitForSelector('[data-testid="trail-entries"] tr[data-kind="view-person"]', { state: 'attached' });
    const kinds = await page.$$eval('[data-testid="trail-entries"] tr[data-kind]', (rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds).toContain('view-person');
    expect(kinds).toContain('load-files');
  });
});
