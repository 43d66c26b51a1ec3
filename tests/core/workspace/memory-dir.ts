// An in-memory stand-in for an origin-private file system folder, with the browser's semantics where our code
// relies on them: writes land in a swap copy that replaces the file only on close, NotFoundError for missing
// entries, and recursive removal.

import { Blob as NodeBlob } from 'node:buffer';
import type { DirLike, FileLike, Writable, WriteChunk } from '../../../src/core/workspace/dir.ts';

const notFound = (name: string) => Object.assign(new Error(`${name} not found`), { name: 'NotFoundError' });
const mismatch = (name: string) => Object.assign(new Error(`${name} is of the other kind`), { name: 'TypeMismatchError' });

const isBlob = (c: unknown): c is Blob => typeof (c as Blob).arrayBuffer === 'function';

async function bytesOf(chunk: WriteChunk): Promise<Uint8Array> {
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  if (isBlob(chunk)) return new Uint8Array(await chunk.arrayBuffer());
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk.slice(0));
  return new Uint8Array(chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
}

export class MemoryFile implements FileLike {
  readonly kind = 'file' as const;
  data = new Uint8Array(0);
  /** Every open writable, for tests that check nothing is left open. */
  open = 0;
  constructor(readonly name: string) {}

  /** Node's Blob, also under jsdom (whose Blob has no text() or stream()). */
  async getFile(): Promise<Blob> { return new NodeBlob([this.data.slice()]) as unknown as Blob; }

  async createWritable(options: { keepExistingData?: boolean } = {}): Promise<Writable> {
    let swap = options.keepExistingData ? this.data.slice() : new Uint8Array(0);
    let at = 0, done = false;
    this.open++;
    const finish = () => { if (done) throw new Error('the writable is closed'); done = true; this.open--; };
    return {
      write: async (chunk) => {
        if (done) throw new Error('the writable is closed');
        const b = await bytesOf(chunk);
        if (at + b.length > swap.length) { const grown = new Uint8Array(at + b.length); grown.set(swap); swap = grown; }
        swap.set(b, at);
        at += b.length;
      },
      seek: async (p) => { at = p; },
      truncate: async (n) => { const cut = new Uint8Array(n); cut.set(swap.subarray(0, n)); swap = cut; at = Math.min(at, n); },
      close: async () => { finish(); this.data = swap; },
      abort: async () => { finish(); },
    };
  }
}

export class MemoryDir implements DirLike {
  readonly kind = 'directory' as const;
  readonly children = new Map<string, MemoryDir | MemoryFile>();
  constructor(readonly name = '') {}

  async getDirectoryHandle(name: string, options: { create?: boolean } = {}): Promise<DirLike> {
    const found = this.children.get(name);
    if (found) { if (found.kind !== 'directory') throw mismatch(name); return found; }
    if (!options.create) throw notFound(name);
    const dir = new MemoryDir(name);
    this.children.set(name, dir);
    return dir;
  }

  async getFileHandle(name: string, options: { create?: boolean } = {}): Promise<FileLike> {
    const found = this.children.get(name);
    if (found) { if (found.kind !== 'file') throw mismatch(name); return found; }
    if (!options.create) throw notFound(name);
    const file = new MemoryFile(name);
    this.children.set(name, file);
    return file;
  }

  async removeEntry(name: string, options: { recursive?: boolean } = {}): Promise<void> {
    const found = this.children.get(name);
    if (!found) throw notFound(name);
    if (found.kind === 'directory' && found.children.size && !options.recursive) throw Object.assign(new Error('not empty'), { name: 'InvalidModificationError' });
    this.children.delete(name);
  }

  async *values(): AsyncIterable<DirLike | FileLike> { yield* [...this.children.values()]; }

  /** Every path below this folder, for assertions. */
  paths(prefix = ''): string[] {
    return [...this.children.values()].flatMap((c) => c.kind === 'file' ? [`${prefix}${c.name}`] : c.paths(`${prefix}${c.name}/`)).sort();
  }
}
