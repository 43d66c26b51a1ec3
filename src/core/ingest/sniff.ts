// Picks the format of a text entry from its first bytes, never from its name.

import { splitCsv } from './records/csv-framer.ts';
import { frameJson, WRAPPER_KEYS } from './records/json-framer.ts';
import type { AnyFormat, Format } from './formats/format.ts';

export type Sniffed =
  | { ok: true; format: AnyFormat; unwrap: boolean; skipLines: number }
  | { ok: false; reason: string };

const loose = new TextDecoder('utf-8');

export async function sniff(head: Uint8Array, formats: readonly AnyFormat[]): Promise<Sniffed> {
  const text = loose.decode(head);
  const trimmed = text.trimStart();
  const supported = `Supported: ${formats.map((f) => f.label).join('; ')}.`;
  if (!trimmed) return { ok: false, reason: `the file is empty. ${supported}` };
  if (/[\u0000-\u0008\u000e-\u001a]/.test(text.slice(0, 4096))) return { ok: false, reason: `this looks like binary data, not a text export. ${supported}` };

  if (trimmed[0] === '[' || trimmed[0] === '{') return sniffJson(head, formats, supported);

  const lines = text.split(/\r?\n/);
  let skipLines = 0;
  while (skipLines < lines.length - 1 && (lines[skipLines].startsWith('#TYPE') || lines[skipLines].trim() === '')) skipLines++;
  const header = splitCsv(lines[skipLines]).map((h) => h.trim());
  let best: AnyFormat | null = null, score = 0;
  for (const f of formats) {
    if (f.framing !== 'csv') continue;
    const s = f.sniffHeader(header);
    if (s > score) { score = s; best = f; }
  }
  if (best) return { ok: true, format: best, unwrap: false, skipLines };
  const cols = header.slice(0, 8).map((h) => h.slice(0, 40)).join(', ');
  const headerLike = header.length > 1 && header.every((h) => h.length > 0 && h.length <= 60 && !/\s{2,}|[.!?]$/.test(h));
  if (!headerLike) {
    const first = lines[skipLines].slice(0, 80).replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ');
    return { ok: false, reason: `not a supported export: it looks like plain text (first line: "${first}"). ${supported}` };
  }
  return { ok: false, reason: header.length > 1
    ? `not a supported export: it looks like CSV with columns ${cols}${header.length > 8 ? ', …' : ''}. ${supported}`
    : `not a supported export: the first line is neither a CSV header we know nor JSON. ${supported}` };
}

async function sniffJson(head: Uint8Array, formats: readonly AnyFormat[], supported: string): Promise<Sniffed> {
  const first = await firstRecord(head);
  if (first === undefined) return { ok: false, reason: `the JSON could not be read: its first record is malformed or longer than the sniffing window. ${supported}` };
  const inner = wrapped(first);
  let best: Format | null = null, score = 0, unwrap = false;
  for (const f of formats as readonly Format[]) {
    if (f.framing !== 'json') continue;
    const candidates: [unknown, boolean][] = [[first, false]];
    if (inner !== undefined && f.unwrap) candidates.push([inner, true]);
    for (const [rec, viaWrapper] of candidates) {
      const s = f.sniffRecord(rec);
      if (s > score) { score = s; best = f; unwrap = viaWrapper; }
    }
  }
  if (best) return { ok: true, format: best, unwrap, skipLines: 0 };
  const keys = first && typeof first === 'object' ? Object.keys(first as object).slice(0, 10).join(', ') : typeof first;
  return { ok: false, reason: `not a supported export: it looks like JSON records with keys ${keys.slice(0, 300)}. ${supported}` };
}

async function firstRecord(head: Uint8Array): Promise<unknown> {
  async function* once() { yield head; }
  for await (const r of frameJson(once())) {
    if (r.error) return undefined;
    try { return JSON.parse(loose.decode(r.bytes)); } catch { return undefined; }
  }
  return undefined;
}

/** The first element of a wrapper's list (`{"items":[…]}`), if the record is a wrapper. */
function wrapped(rec: unknown): unknown {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return undefined;
  for (const [k, v] of Object.entries(rec)) if (WRAPPER_KEYS.has(k) && Array.isArray(v) && v.length) return v[0];
  return undefined;
}
