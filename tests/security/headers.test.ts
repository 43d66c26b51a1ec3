// The security headers are defined once (scripts/headers.mjs) and repeated for static hosts (public/_headers) and
// as a <meta> fallback (index.html). These tests keep the three in step and check what `npm start` sends.

import { readFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, securityHeaders } from '../../scripts/headers.mjs';
import { serve } from '../../scripts/serve.mjs';

const root = resolve(import.meta.dirname, '../..');
const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d] as const));

function get(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('security headers', () => {
  const prod: Record<string, string> = securityHeaders({ dev: false });

  it('the production CSP allows nothing but our own origin, and wasm compilation', () => {
    const d = directives(CSP);
    expect(d.get('default-src')).toBe("default-src 'self'");
    expect(d.get('script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(d.get('connect-src')).toBe("connect-src 'self'");
    expect(d.get('object-src')).toBe("object-src 'none'");
    expect(d.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(d.get('form-action')).toBe("form-action 'none'");
    expect(CSP).not.toMatch(/'unsafe-inline'|'unsafe-eval'|https?:|\*/);
    expect(prod).toMatchObject({ 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'DENY' });
  });

  it('public/_headers sends exactly the same headers to every path on static hosts', () => {
    const lines = readFileSync(join(root, 'public/_headers'), 'utf8').split('\n');
    expect(lines[0]).toBe('/*');
    const sent = Object.fromEntries(lines.slice(1).filter((l) => l.trim()).map((l) => { const i = l.indexOf(':'); return [l.slice(0, i).trim(), l.slice(i + 1).trim()]; }));
    expect(sent).toEqual(prod);
  });

  it('the <meta> fallback in index.html is the same CSP minus what a meta tag cannot carry (frame-ancestors)', () => {
    const html = readFileSync(join(root, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const want = directives(CSP);
    want.delete('frame-ancestors');
    expect(directives(meta!)).toEqual(want);
  });

  describe('`npm start` server', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => { server = await serve(0); port = (server.address() as AddressInfo).port; });
    afterAll(async () => { await new Promise((ok) => server.close(ok)); });

    it('listens on 127.0.0.1 only', () => {
      expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    });

    it.each([['GET', '/no-such-file.js'], ['GET', '/duckdb-extensions/v1.3.0/wasm_eh/httpfs.duckdb_extension.wasm'], ['POST', '/'], ['GET', '/%2e%2e/%2e%2e/etc/passwd']])(
      'sends the headers on every response, errors included (%s %s)', async (method, path) => {
        const res = await get(port, path, method);
        for (const [k, v] of Object.entries(prod)) expect(res.headers[k.toLowerCase()], k).toBe(v);
        if (path !== '/') expect(res.status).toBeGreaterThanOrEqual(400);
      });

    it('never serves a file outside dist/', async () => {
      for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%5cpackage.json', '/%2e%2e/%2e%2e/etc/passwd']) {
        const res = await get(port, path);
        expect(res.status, path).not.toBe(200);
        expect(res.body).not.toMatch(/"name": "auditlens"|root:/);
      }
    });
  });
});
