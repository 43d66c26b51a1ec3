// The read-only SQL console on its own DuckDB connection: the guard refuses anything but one query, the query
// runs only as a subquery, DuckDB prepares it first (which refuses several statements), and it is sent as a
// pending query so a newer run or the Cancel button can interrupt it. Results wait in a temporary table
// (local to this connection) and are read back page by page.

import type * as duckdb from '@duckdb/duckdb-wasm';
import type { Row } from '../../src/core/engine.ts';
import { guardStatement, wrapped } from '../../src/core/queries/console.ts';
import { plain } from './values.ts';
import { USE_WORKSPACE } from './wasm.ts';

export interface ConsoleColumn { name: string; type: string }
export interface ConsoleResult { kind: 'query' | 'explain'; columns: ConsoleColumn[]; rows: number; truncated: boolean; ms: number }

const RESULT = 'console_result';

export class SqlConsole {
  #conn: Promise<duckdb.AsyncDuckDBConnection> | null = null;
  #running: Promise<unknown> = Promise.resolve();
  #explain: Row[] | null = null;

  constructor(private db: () => Promise<duckdb.AsyncDuckDB>) {}

  #connection() {
    return (this.#conn ??= this.db().then(async (db) => {
      const conn = await db.connect();
      await conn.query(USE_WORKSPACE);
      return conn;
    }));
  }

  async run(sql: string, maxRows: number): Promise<ConsoleResult> {
    const guarded = guardStatement(sql);
    if (!guarded.ok) throw new Error(guarded.message);
    const generation = ++this.#generation; // taken before any await: a cancel that arrives meanwhile wins
    await this.#interrupt();
    const job = this.#execute(guarded, maxRows, generation);
    this.#running = job.catch(() => undefined);
    return job;
  }

  /** Bumped by every run and cancel: a cancel that lands before the statement is sent still stops it. */
  #generation = 0;

  async #execute(guarded: Extract<ReturnType<typeof guardStatement>, { ok: true }>, maxRows: number, generation: number): Promise<ConsoleResult> {
    const conn = await this.#connection();
    const started = performance.now();
    const statement = guarded.kind === 'explain' ? wrapped(guarded, maxRows) : `CREATE OR REPLACE TEMP TABLE ${RESULT} AS ${wrapped(guarded, maxRows)}`;
    const check = await conn.prepare(statement);
    await check.close();
    if (generation !== this.#generation) throw new Error('query was canceled');
    const rows: Row[] = [];
    const reader = await conn.send(statement, true);
    for await (const batch of reader) {
      if (guarded.kind !== 'explain') continue;
      for (const r of batch) rows.push(Object.fromEntries(Object.entries(r.toJSON()).map(([k, v]) => [k, plain(v)])));
    }
    const ms = performance.now() - started;
    if (guarded.kind === 'explain') {
      this.#explain = rows;
      return { kind: 'explain', columns: Object.keys(rows[0] ?? {}).map((name) => ({ name, type: 'VARCHAR' })), rows: rows.length, truncated: false, ms };
    }
    this.#explain = null;
    const described = (await conn.query(`SELECT column_name, column_type FROM (DESCRIBE ${RESULT})`)).toArray();
    const count = Number((await conn.query(`SELECT count(*)::DOUBLE AS n FROM ${RESULT}`)).toArray()[0].n);
    return {
      kind: 'query', ms, truncated: count > maxRows, rows: Math.min(count, maxRows),
      columns: described.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })),
    };
  }

  async page(offset: number, limit: number): Promise<Row[]> {
    if (this.#explain) return this.#explain.slice(offset, offset + limit);
    const conn = await this.#connection();
    const stmt = await conn.prepare(`SELECT * FROM ${RESULT} LIMIT ? OFFSET ?`);
    try {
      const table = await stmt.query(limit, offset);
      return table.toArray().map((r) => Object.fromEntries(Object.entries(r.toJSON()).map(([k, v]) => [k, plain(v)])));
    } finally { await stmt.close(); }
  }

  /** Interrupts the running statement, if any, and waits until the connection is free again. */
  async cancel(): Promise<boolean> {
    this.#generation++;
    return this.#interrupt();
  }

  async #interrupt(): Promise<boolean> {
    if (!this.#conn) return false;
    const conn = await this.#conn;
    const cancelled = await conn.cancelSent();
    await this.#running;
    return cancelled;
  }
}
