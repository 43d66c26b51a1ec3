// The production build: the offline IP database from registry packages into public/geo, then vite build.

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

export function build() {
  const steps = [
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/core/enrich/prepare.ts', 'public/geo'],
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  ];
  for (const args of steps) {
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) return r.status ?? 1;
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(build());
