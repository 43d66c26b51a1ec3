// Rows of non-event inputs (directory, usage reports, Viva) go to their own tables, through a typed staging table.

import type { ColumnBatch, Engine } from '../engine.ts';
import { ident } from '../sql/quote.ts';
import type { TableFormat, TableValue } from './formats/format.ts';

const BATCH_ROWS = 8192;
type Col = TableFormat['columns'][number];

const staged = (c: Col) => (c.sql === 'DOUBLE' || c.sql === 'INTEGER' || c.sql === 'TIMESTAMP' ? 'DOUBLE' : 'VARCHAR');
const cast = (c: Col) => {
  const name = ident(c.name);
  switch (c.sql) {
    case 'TIMESTAMP': return `epoch_ms(CAST(${name} AS BIGINT))`;
    case 'INTEGER': return `CAST(${name} AS INTEGER)`;
    case 'DATE': return `TRY_CAST(${name} AS DATE)`;
    case 'BOOLEAN': return `TRY_CAST(${name} AS BOOLEAN)`;
    default: return name;
  }
};

export const META_COLUMNS = ['_file_id', '_line', '_seq'] as const;

export class TableWriter {
  private rows: Record<string, TableValue>[] = [];
  private meta: number[][] = [];
  private ready = false;

  constructor(private engine: Engine, readonly format: TableFormat, private nextSeq: () => number) {}

  async add(row: Record<string, TableValue>, fileId: number, line: number): Promise<void> {
    this.rows.push(row);
    this.meta.push([fileId, line, this.nextSeq()]);
    if (this.rows.length >= BATCH_ROWS) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.rows.length) return;
    const { table, columns } = this.format;
    const stage = ident(`_stage_${table}`);
    if (!this.ready) {
      const defs = columns.map((c) => `${ident(c.name)} ${c.sql}`).concat(['_file_id INTEGER', '_line BIGINT', '_seq BIGINT']);
      await this.engine.query(`CREATE TABLE IF NOT EXISTS ${ident(table)} (${defs.join(', ')})`);
      const stageDefs = columns.map((c) => `${ident(c.name)} ${staged(c)}`).concat(['_file_id DOUBLE', '_line DOUBLE', '_seq DOUBLE']);
      await this.engine.query(`CREATE TABLE IF NOT EXISTS ${stage} (${stageDefs.join(', ')})`);
      this.ready = true;
    }
    const batch: ColumnBatch = {
      length: this.rows.length,
      columns: [
        ...columns.map((c) => staged(c) === 'DOUBLE'
          ? { name: c.name, kind: 'double' as const, values: Float64Array.from(this.rows, (r) => toNumber(r[c.name])) }
          : { name: c.name, kind: 'string' as const, values: this.rows.map((r) => (r[c.name] === null || r[c.name] === undefined ? null : String(r[c.name]))) }),
        ...META_COLUMNS.map((name, i) => ({ name, kind: 'double' as const, values: Float64Array.from(this.meta, (m) => m[i]) })),
      ],
    };
    this.rows = [];
    this.meta = [];
    await this.engine.append(`_stage_${table}`, batch);
    const select = columns.map(cast).concat(['CAST(_file_id AS INTEGER)', 'CAST(_line AS BIGINT)', 'CAST(_seq AS BIGINT)']);
    await this.engine.query(`INSERT INTO ${ident(table)} SELECT ${select.join(', ')} FROM ${stage}`);
    await this.engine.query(`DELETE FROM ${stage}`);
  }
}

function toNumber(v: TableValue): number {
  if (v === null || v === undefined || v === '') return NaN;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : NaN;
}
