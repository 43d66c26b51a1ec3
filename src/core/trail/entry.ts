// One step of the reviewer's audit trail, chained to the step before it by SHA-256.

import { canonicalJson } from './canonical.ts';

/** What the details of each kind of step hold: names, ids and counts, never log content. */
export interface TrailDetails {
  'load-files': { files: string[]; events: number };
  'view-person': { person: string };
  'view-raw': { file: string; line: number };
  'run-query': { query: string; params: DetailScalar[] };
  'export': { what: string; rows: number };
  /** Written by the trail itself as the last line of every export of the trail. */
  'export-trail': { entries: number };
}

export type TrailKind = keyof TrailDetails;
export type DetailScalar = string | number | boolean | null;
export type Detail = Record<string, DetailScalar | DetailScalar[]>;

export interface TrailEntry {
  /** 1 for the first step, then +1 per step. */
  seq: number;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  kind: string;
  detail: Detail;
  /** `hash` of the previous entry; GENESIS for the first. */
  prev: string;
  /** Hex SHA-256 of the canonical JSON of every other field. */
  hash: string;
}

export type EntryBody = Omit<TrailEntry, 'hash'>;

export const GENESIS = '0'.repeat(64);
export const ENTRY_FIELDS = ['seq', 'at', 'kind', 'detail', 'prev', 'hash'] as const;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function hashBody(body: EntryBody): Promise<string> {
  return sha256Hex(canonicalJson({ seq: body.seq, at: body.at, kind: body.kind, detail: body.detail, prev: body.prev }));
}

/** One NDJSON line per entry, each in canonical form. */
export const toNdjson = (entries: readonly TrailEntry[]) => entries.map((e) => `${canonicalJson(e)}\n`).join('');
