// Pseudonymous person ids: HMAC-SHA-256 under a per-workspace key that WebCrypto holds as non-extractable,
// over the normalised identifier (NFC, trimmed, lower case). Without the key, hashing a staff list
// (MD5, SHA-1, SHA-256, salted or not) matches nothing.

const encoder = new TextEncoder();

export async function createWorkspaceKey(): Promise<CryptoKey> {
  return globalThis.crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
}

export function normaliseIdentifier(id: string): string {
  return id.normalize('NFC').trim().toLowerCase();
}

export async function pseudonymise(key: CryptoKey, id: string): Promise<string> {
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(normaliseIdentifier(id)));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Pseudonyms for many identifiers at once (each distinct identifier is signed once). */
export async function pseudonymiseAll(key: CryptoKey, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const macs = await Promise.all(unique.map((id) => pseudonymise(key, id)));
  return new Map(unique.map((id, i) => [id, macs[i]]));
}
