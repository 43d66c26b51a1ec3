// Headless Debian Chromium driven by playwright-core against the built app served with production headers.
// Every request is recorded; anything that is not the app's own origin fails the test.

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'];

export interface Session {
  origin: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  foreign: string[];
  violations: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openSession(): Promise<Session> {
  const server: Server = await serve(0);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  const foreign: string[] = [], violations: string[] = [], pageErrors: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:') ? route.continue() : route.abort();
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    origin, browser, context, page, foreign, violations, pageErrors,
    async close() {
      violations.push(...((await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => [])) as string[]));
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="engine-status"][data-status="ready"]', { timeout: 60_000 });
}

/** The promise every browser test ends with: nothing left the origin, no CSP violation, no uncaught error. */
export function expectClean(s: Session): void {
  expect(s.foreign, 'requests that left the origin').toEqual([]);
  expect(s.violations, 'CSP violations').toEqual([]);
  expect(s.pageErrors, 'uncaught page errors').toEqual([]);
}
