// Checks an exported trail: every line a well-formed entry, every hash right, every link to the line before
// intact, and the file ending on its export seal. Reports the first line that breaks, with the reason.

import { isFlatDetail } from './detail.ts';
import { ENTRY_FIELDS, GENESIS, hashBody, type TrailEntry } from './entry.ts';

export type TrailCheck = { ok: true; entries: number; head: string } | { ok: false; line: number; reason: string };

export interface VerifyOptions {
  /** Require the last entry to be the `export-trail` seal (true for exported files). */
  sealed?: boolean;
  /** The last entry's hash as recorded elsewhere; catches a trail rebuilt from scratch. */
  head?: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KIND = /^[a-z][a-z-]{0,39}$/;

export async function verifyTrail(ndjson: string, opts: VerifyOptions = {}): Promise<TrailCheck> {
  const lines = ndjson.split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length && lines.at(-1) === '') lines.pop();
  if (!lines.length) return { ok: false, line: 1, reason: 'the file holds no trail entries' };
  const entries: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) return { ok: false, line: i + 1, reason: 'blank line inside the trail' };
    try { entries.push(JSON.parse(lines[i])); }
    catch { return { ok: false, line: i + 1, reason: i === lines.length - 1 ? 'not valid JSON (the file may be cut short)' : 'not valid JSON' }; }
  }
  return verifyEntries(entries, { sealed: true, ...opts });
}

export async function verifyEntries(entries: readonly unknown[], opts: VerifyOptions = {}): Promise<TrailCheck> {
  let prev = GENESIS;
  for (let i = 0; i < entries.length; i++) {
    const line = i + 1;
    const shape = shapeProblem(entries[i]);
    if (shape) return { ok: false, line, reason: shape };
    const e = entries[i] as TrailEntry;
    if ((await hashBody(e)) !== e.hash) return { ok: false, line, reason: 'the hash does not match the entry (the entry was edited)' };
    if (e.seq !== line) return { ok: false, line, reason: `expected entry ${line}, found entry ${e.seq} (an entry was removed, added or moved)` };
    if (e.prev !== prev) return { ok: false, line, reason: 'prev does not match the hash of the line before (an entry was removed, added or moved)' };
    prev = e.hash;
  }
  const count = entries.length;
  if (!count) return { ok: false, line: 1, reason: 'the trail holds no entries' };
  if (opts.sealed) {
    const last = entries[count - 1] as TrailEntry;
    if (last.kind !== 'export-trail' || last.detail.entries !== count)
      return { ok: false, line: count, reason: 'the trail does not end with its export seal (entries after this line are missing)' };
  }
  if (opts.head !== undefined && opts.head.toLowerCase() !== prev)
    return { ok: false, line: count, reason: 'the last hash differs from the recorded one (the trail was replaced or cut)' };
  return { ok: true, entries: count, head: prev };
}

function shapeProblem(v: unknown): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not a trail entry (expected a JSON object)';
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!(ENTRY_FIELDS as readonly string[]).includes(k)) return `unexpected field '${k.slice(0, 40)}'`;
  for (const k of ENTRY_FIELDS) if (!(k in o)) return `missing field '${k}'`;
  if (!Number.isSafeInteger(o.seq) || (o.seq as number) < 1) return 'seq must be a whole number from 1';
  if (typeof o.at !== 'string' || !ISO_UTC.test(o.at) || Number.isNaN(Date.parse(o.at))) return 'at must be an ISO 8601 UTC time';
  if (typeof o.kind !== 'string' || !KIND.test(o.kind)) return 'kind must be a short lower-case name';
  if (!isFlatDetail(o.detail)) return 'detail must be a flat object of names, ids and counts';
  if (typeof o.prev !== 'string' || !HEX64.test(o.prev)) return 'prev must be 64 lower-case hex digits';
  if (typeof o.hash !== 'string' || !HEX64.test(o.hash)) return 'hash must be 64 lower-case hex digits';
  return null;
}
