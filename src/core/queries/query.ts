import type { Value } from '../engine.ts';

/** A query as data: SQL text with `?` placeholders and the values bound to them. */
export interface Query { sql: string; params: Value[] }

export const q = (sql: string, params: Value[] = []): Query => ({ sql, params });
