// DuckDB-WASM served from our own origin: Vite emits the .wasm and worker scripts as hashed assets.

import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { offlineSettings, WasmEngine, type WasmConnection } from './wasm.ts';

export interface BrowserDb { engine: WasmEngine; db: duckdb.AsyncDuckDB; bundle: string }

export async function openBrowserDb(): Promise<BrowserDb> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true } });
  const conn = await db.connect();
  for (const sql of offlineSettings(`${self.location.origin}/duckdb-extensions`)) await conn.query(sql);
  const engine = new WasmEngine(conn as unknown as WasmConnection, async () => { await db.terminate(); });
  return { engine, db, bundle: bundle.mainModule.includes('-eh') ? 'eh' : 'mvp' };
}
