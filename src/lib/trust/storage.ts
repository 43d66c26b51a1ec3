// What this origin keeps in the browser, read the way the browser exposes it: files in the origin-private file
// system, keys of localStorage and sessionStorage, IndexedDB databases, Cache Storage caches and cookies.

import { listFiles, opfsRoot, type ListedFile } from '../../core/workspace/dir.ts';

export interface StorageReport {
  opfs: ListedFile[];
  local: string[];
  session: string[];
  indexedDb: string[];
  caches: string[];
  cookies: string[];
}

const keys = (s: Storage | undefined) => (s ? Array.from({ length: s.length }, (_, i) => s.key(i)!).sort() : []);

export async function storageReport(): Promise<StorageReport> {
  const root = await opfsRoot();
  const dbs = typeof indexedDB !== 'undefined' && 'databases' in indexedDB ? await indexedDB.databases() : [];
  return {
    opfs: root ? await listFiles(root) : [],
    local: keys(globalThis.localStorage),
    session: keys(globalThis.sessionStorage),
    indexedDb: dbs.map((d) => d.name ?? '').sort(),
    caches: typeof caches !== 'undefined' ? (await caches.keys()).sort() : [],
    cookies: typeof document !== 'undefined' && document.cookie ? document.cookie.split(';').map((c) => c.split('=')[0].trim()).sort() : [],
  };
}
