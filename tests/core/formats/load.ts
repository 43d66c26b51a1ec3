// Runs a fixture file the way the pipeline does: frame, sniff every format, then read each record.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMATS } from '../../../src/core/ingest/formats/index.ts';
import { RowError, type Format } from '../../../src/core/ingest/formats/format.ts';
import { frameCsv, splitCsv } from '../../../src/core/ingest/records/csv-framer.ts';
import { frameJson, WRAPPER_KEYS } from '../../../src/core/ingest/records/json-framer.ts';
import type { RawRecord } from '../../../src/core/ingest/records/record.ts';
import type { EventRow } from '../../../src/core/schema/events.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const fixturePath = (name: string) => path.join(repoRoot, 'fixtures/small', name);

export interface Loaded {
  format: Format;
  scores: Record<string, number>;
  rows: EventRow[];
  errors: { line: number; message: string }[];
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

async function frames(gen: AsyncGenerator<RawRecord>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

async function* once(bytes: Uint8Array) { yield bytes; }

export async function load(name: string): Promise<Loaded> {
  const bytes = new Uint8Array(readFileSync(fixturePath(name)));
  const head = decode(bytes).trimStart();
  return head[0] === '[' || head[0] === '{' ? loadJson(bytes, head[0] === '{') : loadCsv(bytes);
}

async function loadJson(bytes: Uint8Array, topIsObject: boolean): Promise<Loaded> {
  const plain = await frames(frameJson(once(bytes)));
  const first: unknown = JSON.parse(decode(plain[0].bytes));
  const inner = innerRecord(first);
  const scores: Record<string, number> = {};
  let best: Format | null = null, bestScore = 0, unwrap = false;
  for (const f of FORMATS) {
    if (f.framing !== 'json') continue;
    const direct = f.sniffRecord(first);
    const viaWrapper = f.unwrap && inner !== undefined ? f.sniffRecord(inner) : 0;
    scores[f.id] = Math.max(direct, viaWrapper);
    if (direct > bestScore) { best = f; bestScore = direct; unwrap = false; }
    if (viaWrapper > bestScore) { best = f; bestScore = viaWrapper; unwrap = true; }
  }
  if (!best || best.framing !== 'json') throw new Error('no format claims this fixture');
  const format = best;
  const records = unwrap && topIsObject ? await frames(frameJson(once(bytes), { unwrap: true })) : plain;
  return { format, scores, ...readAll(records, (rec) => format.read(JSON.parse(decode(rec.bytes)))) };
}

async function loadCsv(bytes: Uint8Array): Promise<Loaded> {
  const records = (await frames(frameCsv(once(bytes)))).filter((r) => {
    const t = decode(r.bytes);
    return !t.startsWith('#TYPE') && t.trim() !== '';
  });
  const header = splitCsv(decode(records[0].bytes)).map((h) => h.trim());
  const scores: Record<string, number> = {};
  let best: Format | null = null, bestScore = 0;
  for (const f of FORMATS) {
    if (f.framing !== 'csv') continue;
    scores[f.id] = f.sniffHeader(header);
    if (scores[f.id] > bestScore) { best = f; bestScore = scores[f.id]; }
  }
  if (!best || best.framing !== 'csv') throw new Error('no format claims this fixture');
  const reader = best.open(header);
  return { format: best, scores, ...readAll(records.slice(1), (rec) => reader.read(splitCsv(decode(rec.bytes)))) };
}

function readAll(records: RawRecord[], read: (rec: RawRecord) => EventRow[]) {
  const rows: EventRow[] = [];
  const errors: { line: number; message: string }[] = [];
  for (const rec of records) {
    try { rows.push(...read(rec)); } catch (e) {
      if (!(e instanceof RowError)) throw e;
      errors.push({ line: rec.line, message: e.message });
    }
  }
  return { rows, errors };
}

function innerRecord(rec: unknown): unknown {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return undefined;
  for (const [k, v] of Object.entries(rec)) if (WRAPPER_KEYS.has(k) && Array.isArray(v) && v.length) return v[0];
  return undefined;
}

/** The row whose recordId is given (fails loudly when missing). */
export function byId(rows: EventRow[], id: string): EventRow {
  const row = rows.find((r) => r.recordId === id);
  if (!row) throw new Error(`no row with recordId ${id}`);
  return row;
}

const CATEGORIES = ['authentication', 'account', 'role', 'mail', 'file', 'sharing', 'repository', 'api', 'admin',
  'collaboration', 'policy', 'application', 'audit', 'device', 'alert', 'other'];
const ACTOR_TYPES = ['user', 'admin', 'service', 'system', 'anonymous', 'guest', 'unknown'];

/** Invariants every row of every format keeps (what the batch writer and the views rely on). */
export function wellFormed(row: EventRow): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(row.ts)) problems.push(`ts ${row.ts}`);
  if (!CATEGORIES.includes(row.category)) problems.push(`category ${row.category}`);
  if (!['success', 'failure', 'unknown'].includes(row.outcome)) problems.push(`outcome ${row.outcome}`);
  if (!ACTOR_TYPES.includes(row.actorType)) problems.push(`actorType ${row.actorType}`);
  if (!row.action) problems.push('empty action');
  for (const p of [row.actor, row.targetUser]) if (p !== null && p !== p.toLowerCase()) problems.push(`principal ${p} not lower-case`);
  if (row.country !== null && !/^[A-Z]{2}$/.test(row.country)) problems.push(`country ${row.country}`);
  for (const [k, v] of Object.entries(row.attrs)) {
    if (!k || typeof v !== 'string' || k.includes('\x1f')) problems.push(`attr ${k}`);
  }
  return problems;
}
