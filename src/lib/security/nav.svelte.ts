// Where the analyst is inside the Security page, kept in the hash after the global filter so every view can be
// linked and Back works: `#/security?from=…&source=gws&view=rules`, `…&user=alice@…`, `…&address=203.0.113.5`,
// `…&severity=high&rule=X3.spray&technique=T1110`. Only this (personal) page carries identities in its hash.

import { filters } from '../state/filters.svelte.ts';
import { encodeHash } from '../state/hash.ts';
import { route } from '../state/route.svelte.ts';
import { parseView, viewQuery, type SecurityView } from './model/view.ts';

export { TABS, emptyView, parseView, viewQuery, type SecurityView, type Tab } from './model/view.ts';

export const view: SecurityView = $state(parseView(location.hash));

function adopt(next: SecurityView): void {
  for (const k of Object.keys(next) as (keyof SecurityView)[]) {
    if (JSON.stringify(view[k]) !== JSON.stringify(next[k])) (view as unknown as Record<string, unknown>)[k] = next[k];
  }
}

addEventListener('hashchange', () => { if (route.page === 'security') adopt(parseView(location.hash)); });

/** A link within the Security page that keeps the global filter. */
export function securityHref(v: Partial<SecurityView>): string {
  const base = encodeHash('security', filters, true);
  const own = viewQuery(v);
  return own ? `${base}${base.includes('?') ? '&' : '?'}${own}` : base;
}

export const userHref = (user: string) => securityHref({ user });
export const addressHref = (address: string) => securityHref({ address });

/**
 * Writes the page's view into the hash after the global filter sync has written its part (that sync does not
 * know these keys). Call from the page's $effect; returns the cleanup.
 */
export function keepViewInHash(): () => void {
  const want = securityHref(view);
  const t = setTimeout(() => {
    if (route.page === 'security' && location.hash !== want) history.replaceState(history.state, '', want);
  });
  return () => clearTimeout(t);
}

/** Changes the list filters in place (no new history entry). */
export function setView(patch: Partial<SecurityView>): void { Object.assign(view, patch); }
