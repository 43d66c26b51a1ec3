// Reads one original record back from the dropped file, so no copy of raw records is kept in memory.

import { openEntries } from './stream/open.ts';
import type { EntryInfo } from './pipeline.ts';

export const MAX_RAW_BYTES = 1024 * 1024;

export async function readRaw(blob: Blob, entry: EntryInfo, offset: number, length: number): Promise<string> {
  const want = Math.min(length, MAX_RAW_BYTES);
  for await (const e of openEntries(blob, entry.name)) {
    if (!samePath(e.path, entry.path)) continue;
    const out = new Uint8Array(want);
    let at = 0, pos = 0;
    for await (const chunk of e.stream) {
      const end = pos + chunk.length;
      if (end > offset && at < want) {
        const from = Math.max(0, offset - pos);
        const take = Math.min(chunk.length - from, want - at);
        out.set(chunk.subarray(from, from + take), at);
        at += take;
      }
      pos = end;
      if (at >= want) break;
    }
    const text = new TextDecoder().decode(out.subarray(0, at));
    return length > want ? `${text}\n… (${length - want} more bytes not shown)` : text;
  }
  throw new Error(`${entry.name}: entry no longer found in the file`);
}

const samePath = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
