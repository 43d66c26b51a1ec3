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

type Statement = Awaited<ReturnType<WasmConnection['prepare']>>;

/** Prepared statements kept for reuse: a filter gesture repeats the same dozen query shapes with new values. */
const KEPT_STATEMENTS = 48;
const READ_ONLY = /^\s*(SELECT|WITH|FROM)\b/i;

export class WasmEngine implements Engine {
  #statements = new Map<string, Promise<Statement>>();
  writes = 0;

  constructor(private conn: WasmConnection, private onClose: () => Maybe<void> = () => {}) {}

  async query(sql: string, params: readonly Value[] = []): Promise<Row[]> {
    if (!READ_ONLY.test(sql)) {
      this.writes++;
      await this.forgetStatements();
    }
    if (!params.length) return rows(await this.conn.query(sql));
    // In the browser every call is a round trip to DuckDB's worker: reuse saves two of the three.
    const stmt = await this.statement(sql);
    return rows(await stmt.query(...params));
  }

  private statement(sql: string): Promise<Statement> {
    let stmt = this.#statements.get(sql);
    if (stmt) {
      this.#statements.delete(sql);
    } else {
      stmt = Promise.resolve(this.conn.prepare(sql));
      stmt.catch(() => this.#statements.delete(sql));
      const oldest = this.#statements.size >= KEPT_STATEMENTS ? this.#statements.keys().next().value : undefined;
      if (oldest !== undefined) void this.close1(oldest);
    }
    this.#statements.set(sql, stmt);
    return stmt;
  }

  private async close1(sql: string): Promise<void> {
    const stmt = this.#statements.get(sql);
    this.#statements.delete(sql);
    await stmt?.then((s) => s.close(), () => undefined);
  }

  /** Schema changes (a load, rebuilt aggregates) may change what a kept statement means: start afresh. */
  private async forgetStatements(): Promise<void> {
    const all = [...this.#statements.keys()];
    for (const sql of all) await this.close1(sql);
  }

  async append(table: string, batch: ColumnBatch): Promise<void> {
    this.writes++;
    if (!batch.length) return;
    await this.conn.insertArrowFromIPCStream(batchToIPC(batch), { name: table, create: false });
  }

  async appendEncoded(table: string, batches: readonly EncodedBatch[]): Promise<void> {
    this.writes++;
    const full = batches.filter((b) => b.length > 0);
    if (full.length) await this.conn.insertArrowFromIPCStream(joinIpcStreams(full.map((b) => b.ipc)), { name: table, create: false });
  }

  async close(): Promise<void> {
    await this.forgetStatements();
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
