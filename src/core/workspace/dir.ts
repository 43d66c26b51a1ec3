// The slice of the File System Access API the workspace uses. The origin-private file system (OPFS) provides
// it in the page and in workers; tests use an in-memory folder with the same shape.

export type WriteChunk = ArrayBuffer | ArrayBufferView | Blob | string;

export interface Writable {
  write(data: WriteChunk): Promise<void>;
  seek(position: number): Promise<void>;
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}

export interface FileLike {
  kind: 'file';
  name: string;
  getFile(): Promise<Blob>;
  createWritable(options?: { keepExistingData?: boolean }): Promise<Writable>;
}

export interface DirLike {
  kind: 'directory';
  name: string;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirLike>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileLike>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
  values(): AsyncIterable<DirLike | FileLike>;
}

/** The origin's private file system, or null where the browser has none. */
export async function opfsRoot(): Promise<DirLike | null> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.getDirectory) return null;
  try { return (await storage.getDirectory()) as unknown as DirLike; } catch { return null; }
}

const isMissing = (e: unknown) => e instanceof Error && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

export async function childDir(dir: DirLike, name: string, create = false): Promise<DirLike | null> {
  try { return await dir.getDirectoryHandle(name, { create }); } catch (e) { if (isMissing(e)) return null; throw e; }
}

export async function childFile(dir: DirLike, name: string, create = false): Promise<FileLike | null> {
  try { return await dir.getFileHandle(name, { create }); } catch (e) { if (isMissing(e)) return null; throw e; }
}

export async function readText(dir: DirLike, name: string): Promise<string | null> {
  const file = await childFile(dir, name);
  return file ? (await file.getFile()).text() : null;
}

/** Replaces a file's content; the browser swaps it in on close, so readers see the old or the new file whole. */
export async function writeFile(dir: DirLike, name: string, data: WriteChunk | readonly WriteChunk[]): Promise<number> {
  const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
  let bytes = 0;
  try {
    for (const chunk of Array.isArray(data) ? data : [data]) { await w.write(chunk); bytes += size(chunk); }
    await w.close();
  } catch (e) { await w.abort?.().catch(() => undefined); throw e; }
  return bytes;
}

/** Copies a blob in slices, so a large dropped file is never held in memory whole. */
export async function writeBlob(dir: DirLike, name: string, blob: Blob, slice = 8 * 1024 * 1024): Promise<void> {
  const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
  try {
    for (let at = 0; at < blob.size; at += slice) await w.write(await blob.slice(at, at + slice).arrayBuffer());
    await w.close();
  } catch (e) { await w.abort?.().catch(() => undefined); throw e; }
}

export async function remove(dir: DirLike, name: string): Promise<void> {
  try { await dir.removeEntry(name, { recursive: true }); } catch (e) { if (!isMissing(e)) throw e; }
}

/** Deletes every entry of a folder (the folder itself stays). */
export async function removeAll(dir: DirLike): Promise<void> {
  const names: string[] = [];
  for await (const h of dir.values()) names.push(h.name);
  for (const n of names) await remove(dir, n);
}

export interface ListedFile { path: string; bytes: number }

/** Every file under a folder with its size, depth first. */
export async function listFiles(dir: DirLike, prefix = ''): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  for await (const h of dir.values()) {
    const path = `${prefix}${h.name}`;
    if (h.kind === 'file') out.push({ path, bytes: (await h.getFile()).size });
    else out.push(...await listFiles(h, `${path}/`));
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function size(chunk: WriteChunk): number {
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk).length;
  return 'arrayBuffer' in chunk ? chunk.size : chunk.byteLength;
}
