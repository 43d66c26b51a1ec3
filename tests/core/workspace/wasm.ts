// DuckDB-WASM (the production build, in Node) opened as the page's engine worker opens it, plus the pending-query
// calls and a connection id that the workspace uses to copy tables out as Arrow IPC.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { offlineSettings, USE_WORKSPACE, WasmEngine, type WasmConnection } from '../../../workers/engine/wasm.ts';
import type { PendingQueries } from '../../../src/core/workspace/ipc-stream.ts';

export interface OpenWasm { engine: WasmEngine; arrow: { db: PendingQueries; conn: number }; close(): Promise<void> }

export async function openWasm(): Promise<OpenWasm> {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duckdb = require(main);
  const dist = dirname(main);
  const db = await duckdb.createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') } },
    new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  // the browser opens the database with the same option: 64-bit integers reach Arrow as doubles
  db.open({ query: { castBigIntToDouble: true } });
  const conn = db.connect();
  for (const sql of offlineSettings('http://127.0.0.1:9/duckdb-extensions')) conn.query(sql);
  const copier = db.connect();
  copier.query(USE_WORKSPACE);
  const [bindings, id] = copier.useUnsafe((b: PendingQueries, c: number) => [b, c]) as [PendingQueries, number];
  return { engine: new WasmEngine(conn as WasmConnection), arrow: { db: bindings, conn: id }, close: async () => { copier.close(); conn.close(); db.reset?.(); } };
}
