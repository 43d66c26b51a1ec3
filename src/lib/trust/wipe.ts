// Clears everything this origin stored in the browser except the colour theme: the origin-private file system,
// localStorage, sessionStorage, IndexedDB, Cache Storage and cookies.

import { opfsRoot, removeAll } from '../../core/workspace/dir.ts';
import { setTheme, theme } from '../state/theme.svelte.ts';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`IndexedDB ${name} could not be deleted`));
    req.onblocked = () => resolve(); // deleted as soon as the last connection closes
  });
}

export async function wipeBrowserStorage(): Promise<void> {
  const root = await opfsRoot();
  if (root) await removeAll(root);
  const mode = theme.mode;
  globalThis.localStorage?.clear();
  setTheme(mode);
  globalThis.sessionStorage?.clear();
  if (typeof indexedDB !== 'undefined' && 'databases' in indexedDB)
    for (const db of await indexedDB.databases()) if (db.name) await deleteDatabase(db.name);
  if (typeof caches !== 'undefined') for (const name of await caches.keys()) await caches.delete(name);
  if (typeof document !== 'undefined')
    for (const c of document.cookie.split(';')) {
      const name = c.split('=')[0].trim();
      if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
    }
}
