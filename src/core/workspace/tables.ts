// What a kept workspace holds of the database: every permanent table and view of the main schema, with the
// DDL DuckDB itself reports, and a SELECT that reads a table back without losing precision.

import type { Engine } from '../engine.ts';
import { ident } from '../sql/quote.ts';

export interface TableInfo { name: string; ddl: string; rows: number; columns: { name: string; type: string }[] }
export interface ViewInfo { name: string; ddl: string }

const MAIN = "database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal";
const COLUMNS = "database_name = current_database() AND schema_name = 'main' AND NOT internal";

export async function listTables(engine: Engine): Promise<TableInfo[]> {
  const tables = await engine.query(`SELECT table_name AS name, sql FROM duckdb_tables() WHERE ${MAIN} ORDER BY table_name`);
  const columns = await engine.query(
    `SELECT table_name AS t, column_name AS name, data_type AS type FROM duckdb_columns() WHERE ${COLUMNS} ORDER BY table_name, column_index`);
  const out: TableInfo[] = [];
  for (const t of tables) {
    const name = String(t.name);
    const [{ n }] = await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${ident(name)}`);
    out.push({ name, ddl: String(t.sql), rows: Number(n),
      columns: columns.filter((c) => c.t === name).map((c) => ({ name: String(c.name), type: String(c.type) })) });
  }
  return out;
}

export async function listViews(engine: Engine): Promise<ViewInfo[]> {
  const views = await engine.query(`SELECT view_name AS name, sql FROM duckdb_views() WHERE ${MAIN} ORDER BY view_name`);
  return views.map((v) => ({ name: String(v.name), ddl: String(v.sql) }));
}

// DuckDB-WASM hands 64-bit integers to Arrow as doubles (castBigIntToDouble) and may shorten other wide types;
// these travel as text instead and are cast back on insert.
const WIDE = /^(U?BIGINT|U?HUGEINT|INT8|INT64|INT128|LONG|DECIMAL(\(\d+,\s*\d+\))?|NUMERIC(\(\d+,\s*\d+\))?|TIMESTAMP_NS)$/i;

/** The column's type with every wide scalar inside it (also in lists, maps and structs) replaced by VARCHAR. */
export function transportType(type: string): string {
  let out = '', at = 0;
  while (at < type.length) {
    const c = type[at];
    if (c === '"' || c === "'") {
      let end = at + 1;
      while (end < type.length && !(type[end] === c && type[end + 1] !== c)) end += type[end] === c ? 2 : 1;
      out += type.slice(at, end + 1);
      at = end + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*(\(\d+,\s*\d+\))?/.exec(type.slice(at));
    if (word) { out += WIDE.test(word[0]) ? 'VARCHAR' : word[0]; at += word[0].length; continue; }
    out += c;
    at++;
  }
  return out;
}

/** SELECT that reads a whole table in storage order, wide columns as text. */
export function dumpQuery(table: TableInfo): string {
  const cols = table.columns.map((c) => {
    const carried = transportType(c.type);
    return carried === c.type ? ident(c.name) : `CAST(${ident(c.name)} AS ${carried}) AS ${ident(c.name)}`;
  });
  return `SELECT ${cols.join(', ')} FROM ${ident(table.name)}`;
}

/** DDL read back from a kept workspace must still be one CREATE statement for the named object. */
export function checkDdl(kind: 'TABLE' | 'VIEW', name: string, ddl: string): string {
  const head = new RegExp(`^CREATE ${kind} (${escapeRe(ident(name))}|${escapeRe(name)})\\s*(\\(|AS\\b)`, 'i');
  if (!head.test(ddl) || !singleStatement(ddl)) throw new Error(`the kept workspace has unexpected DDL for ${kind.toLowerCase()} ${name}`);
  return ddl;
}

/** No `;` outside quotes except one at the very end. */
function singleStatement(sql: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === "'" || c === '"') quote = c;
    else if (c === ';' && sql.slice(i + 1).trim()) return false;
    else if (c === '-' && sql[i + 1] === '-') return false;
    else if (c === '/' && sql[i + 1] === '*') return false;
  }
  return quote === null;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
