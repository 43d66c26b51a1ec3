import type { Engine } from '../engine.ts';

/** Names of the tables the engine holds (lower case). */
export async function existingTables(engine: Engine): Promise<Set<string>> {
  const rows = await engine.query('SELECT table_name FROM information_schema.tables');
  return new Set(rows.map((r) => String(r.table_name).toLowerCase()));
}
