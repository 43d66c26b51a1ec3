// Value shapes shared by the Microsoft sources: `{Name, Value}` lists, change lists and principals.

import { clean, maybeJson } from '../../normalise/flatten.ts';
import { normalisePrincipal } from '../../normalise/principal.ts';
import { isObj, text } from './fields.ts';

/** A list, also when it arrives as a JSON string (SIEM tables, flattened CSV columns). */
export function asList(v: unknown): unknown[] | null {
  const parsed = maybeJson(v);
  return Array.isArray(parsed) ? parsed : null;
}

/** The `Value` of the `{Name, Value}` entry with the given name. */
export function nameValue(list: unknown[] | null, name: string): unknown {
  if (!list) return undefined;
  for (const item of list) if (isObj(item) && item.Name === name) return item.Value;
  const lower = name.toLowerCase();
  for (const item of list) if (isObj(item) && typeof item.Name === 'string' && item.Name.toLowerCase() === lower) return item.Value;
  return undefined;
}

/** A principal when the value is a bare e-mail-like name (not a display name or an Exchange identity path). */
export function principalLike(v: unknown): string | null {
  const t = text(v)?.replace(/^smtp:/i, '');
  return t && /^[^\s@\\/]+@[^\s@\\/]+$/.test(t) ? normalisePrincipal(t) : null;
}

/**
 * Change lists (`[{Name, NewValue, OldValue}]` in UAL, `[{displayName, newValue, oldValue}]` in Entra)
 * become `<prefix>.<Name>.NewValue` / `.OldValue`, one key per side: JSON values are compacted,
 * lists of scalars joined with ','; `[]` stays `[]` (e.g. MFA methods removed).
 */
export function putChanges(list: unknown[] | null, prefix: string, out: Record<string, string>): void {
  if (!list) return;
  for (const item of list) {
    if (!isObj(item)) continue;
    const name = text(item.Name ?? item.displayName);
    if (!name) continue;
    const base = `${prefix}.${name.replace(/\./g, '_')}`;
    const newValue = compact(item.NewValue ?? item.newValue);
    const oldValue = compact(item.OldValue ?? item.oldValue);
    if (newValue !== null && !(`${base}.NewValue` in out)) out[`${base}.NewValue`] = newValue;
    if (oldValue !== null && !(`${base}.OldValue` in out)) out[`${base}.OldValue`] = oldValue;
  }
}

function compact(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const parsed = maybeJson(v);
  if (typeof parsed === 'string') {
    const t = unquote(parsed.trim());
    return t === '' ? null : clean(t, 1024);
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return '[]';
    if (parsed.every((x) => x === null || typeof x !== 'object')) return clean(parsed.map(String).join(','), 1024);
  }
  if (parsed !== null && typeof parsed === 'object') return clean(JSON.stringify(parsed), 1024);
  return String(parsed);
}

/** Entra writes scalar values JSON-encoded (`"\"Global Administrator\""`); UAL writes them bare. */
function unquote(s: string): string {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return s;
  try { const v: unknown = JSON.parse(s); return typeof v === 'string' ? v.trim() : s; } catch { return s; }
}
