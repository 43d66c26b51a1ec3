// Native DuckDB (CLI, benchmarks, tests). Same Engine contract as the browser's DuckDB-WASM.

import { DuckDBInstance, DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { ColumnBatch, Engine, Row, Value } from '../../src/core/engine.ts';
import { ident } from '../../src/core/sql/quote.ts';
import { plain } from './values.ts';

export async function openNative(opts: { path?: string; threads?: number } = {}): Promise<Engine> {
  const instance = await DuckDBInstance.create(opts.path ?? ':memory:', opts.threads ? { threads: String(opts.threads) } : {});
  const conn = await instance.connect();
  await conn.run('SET autoinstall_known_extensions = false');
  await conn.run('SET autoload_known_extensions = false');
  await conn.run("ATTACH ':memory:' AS workspace (COMPRESS)");
  await conn.run('USE workspace');
  return new NativeEngine(instance, conn);
}

class NativeEngine implements Engine {
  constructor(private instance: DuckDBInstance, private conn: DuckDBConnection) {}

  async query(sql: string, params: readonly Value[] = []): Promise<Row[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as DuckDBValue[]) : undefined);
    return reader.getRowObjectsJS().map((r) => {
      const out: Row = {};
      for (const k in r) out[k] = plain(r[k]);
      return out;
    });
  }

  async append(table: string, batch: ColumnBatch): Promise<void> {
    const appender = await this.conn.createAppender(table.includes('"') ? ident(table) : table);
    const cols = batch.columns;
    for (let i = 0; i < batch.length; i++) {
      for (const c of cols) appendCell(appender, c.kind, c.values[i] as string | number | null);
      appender.endRow();
    }
    appender.closeSync();
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function appendCell(a: DuckDBAppender, kind: string, v: string | number | null): void {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) { a.appendNull(); return; }
  if (kind === 'string') a.appendVarchar(v as string);
  else if (kind === 'integer') a.appendInteger(v as number);
  else if (kind === 'bigint') a.appendBigInt(BigInt(Math.trunc(v as number)));
  else if (kind === 'timestamp') a.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.trunc(v as number)) * 1000n));
  else a.appendDouble(v as number);
}
