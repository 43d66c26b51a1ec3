// The workspace key, the sticky noise draws and the ε ledger. In the browser they are kept in this origin's
// IndexedDB, so a reload neither draws fresh noise (which could be averaged away) nor forgets the ε already
// spent; the key is a non-extractable CryptoKey, stored as such. Without IndexedDB (tests, CLI) they live in memory.

import { PrivacyLedger, type NoiseStore } from '../../../core/privacy/ledger.ts';
import { createWorkspaceKey } from '../../../core/privacy/pseudonym.ts';

export interface PrivacyState {
  key(): Promise<CryptoKey>;
  store: NoiseStore;
  ledger: PrivacyLedger;
  /** Writes new draws and charges through to storage (no-op in memory). */
  save(): Promise<void>;
}

/** Noise draws by statistic, readable as a whole so they can be written out. */
export class KeptNoiseStore implements NoiseStore {
  readonly draws = new Map<string, number>();
  get(key: string) { return this.draws.get(key); }
  set(key: string, noise: number) { this.draws.set(key, noise); }
}

/** A ledger that remembers what it charged, so it can be written out and replayed. */
export class RecordingLedger extends PrivacyLedger {
  readonly charges = new Map<string, number>();

  override tryCharge(period: string, people: Iterable<string>, epsilon: number, budget: number): boolean {
    const list = [...people];
    if (!super.tryCharge(period, list, epsilon, budget)) return false;
    for (const p of list) {
      const k = `${period}\u0000${p}`;
      this.charges.set(k, (this.charges.get(k) ?? 0) + epsilon);
    }
    return true;
  }

  /** Restores spent ε (and the refusal count) written by an earlier session. */
  replay(charges: Iterable<[string, number]>, refused: number): void {
    for (const [k, spent] of charges) {
      const [period, person] = k.split('\u0000');
      this.tryCharge(period, [person], spent, Number.POSITIVE_INFINITY);
    }
    this.refused = refused;
  }
}

export function memoryPrivacyState(): PrivacyState {
  let key: Promise<CryptoKey> | null = null;
  return { key: () => (key ??= createWorkspaceKey()), store: new KeptNoiseStore(), ledger: new RecordingLedger(), save: async () => {} };
}

const DB = 'auditlens-productivity';
const STORE = 'privacy';

/** The kept state when IndexedDB is there and works; memory otherwise. */
export async function openPrivacyState(): Promise<PrivacyState> {
  if (typeof indexedDB === 'undefined') return memoryPrivacyState();
  try { return await keptState(await openDb()); } catch { return memoryPrivacyState(); }
}

async function keptState(db: IDBDatabase): Promise<PrivacyState> {
  let key = (await get<CryptoKey>(db, 'key')) ?? null;
  if (!key) { key = await createWorkspaceKey(); await put(db, 'key', key); }
  const store = new KeptNoiseStore();
  for (const [k, v] of (await get<[string, number][]>(db, 'draws')) ?? []) store.set(k, v);
  const ledger = new RecordingLedger();
  ledger.replay((await get<[string, number][]>(db, 'charges')) ?? [], (await get<number>(db, 'refused')) ?? 0);
  const fixed = key;
  return {
    key: async () => fixed, store, ledger,
    async save() {
      await put(db, 'draws', [...store.draws.entries()]);
      await put(db, 'charges', [...ledger.charges.entries()]);
      await put(db, 'refused', ledger.refused);
    },
  };
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function get<T>(db: IDBDatabase, key: string): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
    req.onsuccess = () => resolve(req.result as T | undefined);
    req.onerror = () => reject(req.error);
  });
}

function put(db: IDBDatabase, key: string, value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}
