// DuckDB-WASM behind the Engine contract. Works over the async browser connection and over the
// blocking Node build used in tests: both expose query / prepare / insertArrowFromIPCStream.

import type { Table } from 'apache-arrow';
import type { ColumnBatch, EncodedBatch, Engine, Row, Value } from '../../src/core/engine.ts';
import { batchToIPC, joinIpcStreams } from './arrow-batch.ts';
import { plain } from './values.ts';

type Maybe<T> = T | Promise<T>;

export interface WasmConnection {
  query(sql: string): Maybe<Table>;
  prepare(sql: string): Maybe<{ query(...params: unknown[]): Maybe<Table>; close(): Maybe<void> }>;
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): Maybe<void>;
  close(): Maybe<void>;
}

/**
 * Our tables live in a compressed in-memory catalog (DuckDB ≥ 1.2: `ATTACH ':memory:' (COMPRESS)`), which holds
 * the same events in about 40 % of the memory. Every connection must `USE` it.
 */
export const USE_WORKSPACE = 'USE workspace';

/** Settings that keep the engine offline: no extension may be fetched, and any attempt stays same-origin. */
export function offlineSettings(extensionRepository: string): string[] {
  return [
    "ATTACH ':memory:' AS workspace (COMPRESS)",
    USE_WORKSPACE,
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    `SET custom_extension_repository = '${extensionRepository.replaceAll("'", "''")}'`,
    // Rows only ever arrive as Arrow appends: the engine never needs to read a file or URL by itself.
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ];
}

export class WasmEngine implements Engine {
  constructor(private conn: WasmConnection, private onClose: () => Maybe<void> = () => {}) {}

  async query(sql: string, params: readonly Value[] = []): Promise<Row[]> {
    let table: Table;
    if (params.length) {
      const stmt = await this.conn.prepare(sql);
      try { table = await stmt.query(...params); } finally { await stmt.close(); }
    } else table = await this.conn.query(sql);
    return rows(table);
  }

  async append(table: string, batch: ColumnBatch): Promise<void> {
    if (!batch.length) return;
    await this.conn.insertArrowFromIPCStream(batchToIPC(batch), { name: table, create: false });
  }

  async appendEncoded(table: string, batches: readonly EncodedBatch[]): Promise<void> {
    const full = batches.filter((b) => b.length > 0);
    if (full.length) await this.conn.insertArrowFromIPCStream(joinIpcStreams(full.map((b) => b.ipc)), { name: table, create: false });
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.onClose();
  }
}

function rows(table: Table): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((_, i) => table.getChildAt(i));
  const out: Row[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]] = plain(cols[c]?.get(r));
    out[r] = row;
  }
  return out;
}
