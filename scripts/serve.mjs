// `npm start`: builds the app if needed, then serves dist/ on 127.0.0.1 with the security headers on every response.

import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { securityHeaders } from './headers.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dist = join(root, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json', '.mmdb': 'application/octet-stream',
  '.csv': 'text/csv; charset=utf-8', '.yml': 'text/yaml; charset=utf-8',
};

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function buildIfNeeded() {
  const built = existsSync(join(dist, 'index.html')) ? statSync(join(dist, 'index.html')).mtimeMs : 0;
  const sources = Math.max(...['src', 'workers', 'public', 'fixtures/generate'].map((d) => newest(join(root, d))), statSync(join(root, 'index.html')).mtimeMs);
  if (built >= sources) return;
  process.stderr.write('auditlens: building the app…\n');
  if (build() !== 0) throw new Error('the build failed');
}

export function serve(port, host = '127.0.0.1') {
  const headers = securityHeaders();
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, headers).end(); return; }
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = normalize(join(dist, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dist + sep) && file !== dist) { res.writeHead(403, headers).end(); return; }
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // unknown paths (and the deliberately empty extension repository) get 404; the app itself is one page
      if (url.pathname === '/' || url.pathname === '/index.html') file = join(dist, 'index.html');
      else { res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found'); return; }
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': statSync(file).size, 'Cache-Control': cache });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildIfNeeded();
  const port = Number(process.env.PORT ?? 4173);
  const server = await serve(port);
  const { port: bound } = server.address();
  process.stdout.write(`auditlens is running at http://127.0.0.1:${bound}/ (press Ctrl+C to stop)\n`);
}
