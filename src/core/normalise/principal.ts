import type { ActorType } from '../schema/events.ts';

/** Lower-cases a principal and strips wrappers such as SharePoint claims (`i:0#.f|membership|x@y`). */
export function normalisePrincipal(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  let s = String(value).trim();
  if (!s) return null;
  const claim = /\|membership\|(.+)$/i.exec(s);
  if (claim) s = claim[1];
  s = s.replace(/^smtp:/i, '');
  return s.toLowerCase();
}

/** Guesses the kind of a principal from its shape when the source does not say. */
export function principalType(p: string | null): ActorType {
  if (!p) return 'unknown';
  if (p === 'anonymous' || p.startsWith('urn:spo:anon')) return 'anonymous';
  if (p.startsWith('nt authority\\') || p === 'app@sharepoint' || p === 'certificate' || p.endsWith('@sharepoint')) return 'system';
  if (p.startsWith('serviceprincipal_') || /\[bot\]$/.test(p)) return 'service';
  if (p.includes('#ext#')) return 'guest';
  return 'user';
}
