// The SQL console's guard: what it lets through, what it refuses (and says why), and, on both engines, that the
// wrapping alone already stops a writing statement that slipped past it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { guardStatement, wrapped } from '../../../src/core/queries/console.ts';
import { ENGINES } from '../../helpers/engines.ts';

const refused = (sql: string) => { const g = guardStatement(sql); return g.ok ? null : g.message; };

describe('guardStatement', () => {
  it.each([
    'SELECT 1', 'select * from events limit 5;', '  -- note\nWITH x AS (SELECT 1) SELECT * FROM x', 'FROM events LIMIT 3',
    'DESCRIBE events', 'SUMMARIZE events', 'SHOW TABLES', 'EXPLAIN SELECT 1', 'EXPLAIN ANALYZE SELECT count(*) FROM events',
    "SELECT 'DROP TABLE events; DELETE' AS harmless", 'SELECT "update" FROM (SELECT 1 AS "update")', '(SELECT 1) UNION (SELECT 2)',
    "SELECT $$ ; delete $$", "SELECT E'it\\'s ; ok'", 'SELECT 1 /* outer /* inner */ still comment ; */',
  ])('accepts %s', (sql) => {
    expect(refused(sql)).toBeNull();
  });

  it.each([
    ['DELETE FROM events', /read-only.*DELETE/],
    ['WITH x AS (SELECT 1) DELETE FROM events', /read-only: “DELETE”/],
    ['SELECT 1; DROP TABLE events', /one statement/],
    ['SELECT 1; SELECT 2', /one statement/],
    ['SELECT 1 /* a /* b */ c */ ; DROP TABLE events', /one statement/],
    ["SELECT 1 /* /* */ ' */ ; DROP TABLE events; --'", /one statement/],
    ['CREATE TABLE t AS SELECT 1', /start with SELECT/],
    ['PRAGMA version', /start with SELECT/],
    ['EXPLAIN ANALYZE DELETE FROM events', /start with SELECT/],
    ['SELECT * FROM read_csv(\'/etc/passwd\')', /read_csv\(\) is not allowed/],
    ["SELECT * FROM 'http://127.0.0.1/x.csv'", /Reading files/],
    ["SELECT * FROM query('DELETE FROM events')", /query\(\) is not allowed/],
    ['SELECT 1 FROM events WHERE x = \'unterminated', /Unterminated string/],
    ['   ', /Type a query/],
    ['SET memory_limit = \'1GB\'', /start with SELECT/],
    ['SELECT * FROM events; ATTACH \'x.db\'', /one statement/],
  ])('refuses %s', (sql, why) => {
    expect(refused(sql)).toMatch(why);
  });

  it('keeps the statement text without trailing semicolons or comments around it', () => {
    const g = guardStatement('  SELECT 1 AS a ; ; ');
    expect(g).toEqual({ ok: true, kind: 'query', analyze: false, body: 'SELECT 1 AS a' });
    expect(wrapped(g as Extract<typeof g, { ok: true }>, 10)).toBe('SELECT * FROM (\nSELECT 1 AS a\n) AS console_q LIMIT 11');
  });
});

describe.each(ENGINES)('the console wrapping on $name', ({ open }) => {
  let engine: Engine;
  beforeAll(async () => { engine = await open(); await engine.query('CREATE TABLE t AS SELECT range AS a FROM range(5)'); });
  afterAll(async () => { await engine.close(); });

  it('runs queries, DESCRIBE and SUMMARIZE as subqueries, capped at the row limit plus one', async () => {
    const run = async (sql: string, max = 3) => { const g = guardStatement(sql); if (!g.ok) throw new Error(g.message); return engine.query(wrapped(g, max)); };
    expect((await run('SELECT a FROM t ORDER BY a')).map((r) => r.a)).toEqual([0, 1, 2, 3]);
    expect((await run('DESCRIBE t')).map((r) => r.column_name)).toEqual(['a']);
    expect((await run('SUMMARIZE t'))[0].column_name).toBe('a');
    expect((await run('EXPLAIN SELECT a FROM t')).length).toBeGreaterThan(0);
  });

  it.each(['DELETE FROM t', 'WITH x AS (SELECT 1) DELETE FROM t', 'DROP TABLE t', 'INSERT INTO t VALUES (9)'])(
    'cannot execute %s even if the guard were bypassed', async (body) => {
      await expect(engine.query(wrapped({ ok: true, kind: 'query', analyze: false, body }, 10))).rejects.toThrow();
      expect((await engine.query('SELECT count(*)::INTEGER AS n FROM t'))[0].n).toBe(5);
    });
});
