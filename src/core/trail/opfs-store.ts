// A trail kept in a file of the origin-private file system (OPFS): one canonical JSON line per entry, appended
// in place, so a kept workspace carries its trail across reloads. The file has the same lines as an export,
// without the seal.

import { canonicalJson } from './canonical.ts';
import type { TrailEntry } from './entry.ts';
import type { TrailStore } from './store.ts';
import type { DirLike, FileLike } from '../workspace/dir.ts';

export const TRAIL_FILE = 'trail.ndjson';

/**
 * Where a stored trail stops making sense; the entries before it are still served. A last line cut short by a
 * closing tab is dropped (`repaired`) and appending goes on; any other damage makes the store refuse appends,
 * because new entries could not be chained to what the file really holds.
 */
export interface TrailDamage { line: number; reason: string; repaired: boolean }

export class FileTrailStore implements TrailStore {
  private constructor(
    private readonly file: FileLike,
    private list: TrailEntry[],
    private bytes: number,
    readonly damage: TrailDamage | null,
  ) {}

  /** Opens (or creates) the trail file in `dir` and reads what it holds. */
  static async open(dir: DirLike, name = TRAIL_FILE): Promise<FileTrailStore> {
    const file = await dir.getFileHandle(name, { create: true });
    const text = await (await file.getFile()).text();
    const { entries, damage, goodBytes } = parseLines(text);
    return new FileTrailStore(file, entries, goodBytes, damage);
  }

  async append(entry: TrailEntry): Promise<void> {
    if (this.damage && !this.damage.repaired) throw new Error(`the stored trail is damaged at line ${this.damage.line} (${this.damage.reason}); nothing more can be chained to it`);
    const line = new TextEncoder().encode(`${canonicalJson(entry)}\n`);
    const w = await this.file.createWritable({ keepExistingData: true });
    try {
      await w.truncate(this.bytes);
      await w.seek(this.bytes);
      await w.write(line);
      await w.close();
    } catch (e) { await w.abort?.().catch(() => undefined); throw e; }
    this.bytes += line.length;
    this.list.push(Object.freeze({ ...entry }));
  }

  async entries(): Promise<readonly TrailEntry[]> {
    return this.list.slice();
  }

  async last(): Promise<TrailEntry | null> {
    return this.list.at(-1) ?? null;
  }
}

/** Entries are parsed, not trusted: verifyEntries checks them. Parsing stops at the first line that is not JSON. */
function parseLines(text: string): { entries: TrailEntry[]; damage: TrailDamage | null; goodBytes: number } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries: TrailEntry[] = [];
  const encoder = new TextEncoder();
  let goodBytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const cut = i === lines.length - 1 && !text.endsWith('\n');
    let value: unknown;
    try { value = JSON.parse(lines[i]); } catch {
      return { entries, goodBytes, damage: cut
        ? { line: i + 1, reason: 'the last line was cut short (the tab closed while writing) and is dropped', repaired: true }
        : { line: i + 1, reason: 'not valid JSON', repaired: false } };
    }
    if (!value || typeof value !== 'object' || Array.isArray(value) || cut)
      return { entries, goodBytes, damage: { line: i + 1, reason: cut ? 'the last line has no line end' : 'not a trail entry', repaired: false } };
    entries.push(Object.freeze(value as TrailEntry));
    goodBytes += encoder.encode(lines[i]).length + 1;
  }
  return { entries, damage: null, goodBytes };
}
