// The production DuckDB-WASM build, run in Node (tests, benchmarks). Any extension fetch is recorded and refused.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { offlineSettings, WasmEngine, type WasmConnection } from './wasm.ts';

export const extensionRequests: string[] = [];

/** Without this stub an offline Node process hangs forever when DuckDB tries to fetch ICU or JSON. */
function stubXhr(): void {
  class RefusingXHR {
    status = 0; readyState = 0; response: unknown = null; responseText = ''; responseType = '';
    open(_method: string, url: string) { extensionRequests.push(url); }
    setRequestHeader() {}
    overrideMimeType() {}
    getAllResponseHeaders() { return ''; }
    send() { this.status = 404; this.readyState = 4; }
    abort() {}
  }
  (globalThis as unknown as { XMLHttpRequest: unknown }).XMLHttpRequest = RefusingXHR;
}

export async function openWasmNode(): Promise<WasmEngine> {
  stubXhr();
  const require = createRequire(import.meta.url);
  const main = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duckdb = require(main);
  const dist = dirname(main);
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const conn = db.connect() as WasmConnection;
  for (const sql of offlineSettings('http://127.0.0.1:9/duckdb-extensions')) conn.query(sql);
  return new WasmEngine(conn, () => db.reset?.());
}
