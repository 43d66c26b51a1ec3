// The analysts' SQL console accepts one read-only statement. This guard runs in the engine worker (where it is
// enforced) and in the page (for instant feedback). It is one of two walls: the worker also runs the statement
// only as a subquery, which DuckDB's grammar limits to queries.

import { tokens, type Token } from './sql-tokens.ts';

export type Guarded =
  | { ok: true; kind: 'query' | 'explain'; analyze: boolean; body: string }
  | { ok: false; message: string };

const QUERY_START = new Set(['select', 'with', 'from', 'values', 'describe', 'summarize', 'show', 'pivot', 'unpivot', '(']);

const WRITES = new Set([
  'insert', 'update', 'delete', 'create', 'drop', 'alter', 'attach', 'detach', 'copy', 'export', 'import', 'install',
  'load', 'force', 'set', 'reset', 'pragma', 'call', 'checkpoint', 'vacuum', 'truncate', 'merge', 'use', 'begin',
  'commit', 'rollback', 'abort', 'prepare', 'execute', 'deallocate', 'grant', 'revoke', 'comment', 'upsert',
]);

/** Table functions that read files or run SQL given as text. */
const READERS = new Set(['glob', 'sniff_csv', 'query', 'query_table', 'getenv', 'json_execute_serialized_sql', 'delta_scan', 'iceberg_scan', 'sqlite_scan', 'postgres_scan', 'mysql_scan']);
const isReader = (name: string) => READERS.has(name) || name.startsWith('read_') || name.startsWith('parquet_') || name.endsWith('_scan');

const refuse = (message: string): Guarded => ({ ok: false, message });

export function guardStatement(sql: string): Guarded {
  let list: Token[];
  try { list = tokens(sql); } catch (e) { return refuse(e instanceof Error ? e.message : String(e)); }
  while (list.length && list.at(-1)!.text === ';') list.pop();
  if (!list.length) return refuse('Type a query first, for example: SELECT source, count(*) FROM events GROUP BY source');
  if (list.some((t) => t.text === ';')) return refuse('Only one statement at a time: remove everything after the first semicolon.');

  const words = list.map((t) => (t.kind === 'word' ? t.text.toLowerCase() : t.text));
  let start = 0, kind: 'query' | 'explain' = 'query', analyze = false;
  if (words[0] === 'explain') {
    kind = 'explain';
    start = 1;
    if (words[1] === 'analyze') { analyze = true; start = 2; }
  }
  if (start >= list.length || !QUERY_START.has(words[start]))
    return refuse(`Only read-only queries run here: start with SELECT, WITH, FROM, DESCRIBE, SUMMARIZE, SHOW or EXPLAIN (found “${list[start]?.text ?? 'nothing'}”).`);

  for (let i = start; i < list.length; i++) {
    const t = list[i];
    if (t.kind !== 'word') {
      const afterFrom = words[i - 1] === 'from' || words[i - 1] === 'join';
      // DuckDB reads a quoted name that looks like a path or URL as a file ("replacement scan").
      if (afterFrom && (t.kind === 'string' || (t.kind === 'quoted' && /[/\\:]|\.[a-z0-9]{1,8}"$/i.test(t.text))))
        return refuse('Reading files is not allowed here: query the loaded tables (events, …) instead of a file name.');
      continue;
    }
    const w = words[i];
    if (WRITES.has(w)) return refuse(`The console is read-only: “${t.text.toUpperCase()}” is not allowed. Quote it ("${t.text}") if it is a column name.`);
    if (words[i + 1] === '(' && isReader(w)) return refuse(`The console cannot read files or run SQL text: ${t.text}() is not allowed.`);
  }
  const body = sql.slice(list[start].at, list.at(-1)!.end);
  return { ok: true, kind, analyze, body };
}

/** The statement the worker runs: the user's query only ever as a subquery (never a statement of its own). */
export function wrapped(g: Extract<Guarded, { ok: true }>, maxRows: number): string {
  const inner = `SELECT * FROM (\n${g.body}\n) AS console_q`;
  if (g.kind === 'explain') return `${g.analyze ? 'EXPLAIN ANALYZE' : 'EXPLAIN'} ${inner}`;
  return `${inner} LIMIT ${Math.max(1, Math.floor(maxRows)) + 1}`;
}
