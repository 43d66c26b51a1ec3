import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { securityHeaders } from './scripts/headers.mjs';

// The dev server injects <style> tags, so the strict <meta> CSP is dropped there (the dev headers relax style-src).
const devWithoutMetaCsp = {
  name: 'dev-without-meta-csp',
  apply: 'serve' as const,
  transformIndexHtml: (html: string) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, ''),
};

export default defineConfig({
  plugins: [svelte(), svelteTesting(), devWithoutMetaCsp],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2048, assetsInlineLimit: 0 },
  optimizeDeps: { include: ['@duckdb/duckdb-wasm', 'apache-arrow', 'comlink'] },
  server: { headers: securityHeaders({ dev: true }) },
  preview: { headers: securityHeaders({ dev: false }) },
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
