// The one global view filter every chart and table follows, mirrored in the URL hash.

import { emptyFilters, LIST_KEYS, PERSONAL_KEYS, snapRange, type Filters, type ListKey } from '../../core/queries/filters.ts';
import { decodeHash, encodeHash } from './hash.ts';
import { isPersonal, route, pageId } from './route.svelte.ts';

export const filters: Filters = $state(decodeHash(location.hash).filters);

/** The filter a page may apply: manager-facing pages never filter by (so never show) a person's identity. */
export function filtersFor(page: string): Filters {
  const f: Filters = { ...emptyFilters(), from: filters.from, to: filters.to };
  for (const k of LIST_KEYS) f[k] = isPersonal(page) || !PERSONAL_KEYS.includes(k) ? [...filters[k]] : [];
  return f;
}

export function setRange(from: number, to: number): void {
  [filters.from, filters.to] = snapRange(from, to);
}

export function clearRange(): void { filters.from = null; filters.to = null; }

/** Adds the value to the key's filter, or takes it away if it is already there (a click on a bar). */
export function toggle(key: ListKey, value: string): void {
  const list = filters[key];
  filters[key] = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export function clearKey(key: ListKey): void { filters[key] = []; }

export function clearAll(): void { Object.assign(filters, emptyFilters()); }

function adopt(next: Filters): void {
  if (next.from !== filters.from) filters.from = next.from;
  if (next.to !== filters.to) filters.to = next.to;
  for (const k of LIST_KEYS) if (next[k].join('\n') !== filters[k].join('\n')) filters[k] = next[k];
}

/** Keeps the hash and the state in step, both ways. Returns a function that stops it. */
export function startHashSync(): () => void {
  const onHash = () => {
    const { page, filters: next } = decodeHash(location.hash);
    // a person-free page's hash says nothing about actor / ip: keep those filters for the other pages
    if (!isPersonal(pageId(page))) for (const k of PERSONAL_KEYS) next[k] = filters[k];
    adopt(next);
  };
  addEventListener('hashchange', onHash);
  const stop = $effect.root(() => {
    $effect(() => {
      const hash = encodeHash(route.page, filters, isPersonal(route.page));
      if (location.hash !== hash) history.replaceState(history.state, '', hash);
    });
  });
  return () => { removeEventListener('hashchange', onHash); stop(); };
}
