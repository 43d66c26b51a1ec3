// @vitest-environment jsdom
// The global filter and the URL hash stay in step both ways; person-identifying values never reach the hash of
// a manager-facing page.

import { flushSync } from 'svelte';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeHash, encodeHash } from '../../src/lib/state/hash.ts';
import { clearAll, filters, filtersFor, setRange, startHashSync, toggle } from '../../src/lib/state/filters.svelte.ts';
import { route } from '../../src/lib/state/route.svelte.ts';
import { emptyFilters } from '../../src/core/queries/filters.ts';

const T0 = Date.UTC(2024, 2, 1, 10);
const H = 3_600_000;

describe('hash encoding', () => {
  it('round-trips the page, the range and repeated list values, including awkward text', () => {
    const f = { ...emptyFilters(), from: T0, to: T0 + 5 * H, source: ['m365', 'gws'], action: ['a&b=c', 'Send, now'], actor: ['ann@x'] };
    const hash = encodeHash('overview', f, true);
    expect(hash).toBe('#/overview?from=2024-03-01T10%3A00Z&to=2024-03-01T15%3A00Z&source=m365&source=gws&action=a%26b%3Dc&action=Send%2C+now&actor=ann%40x');
    expect(decodeHash(hash)).toEqual({ page: 'overview', filters: f });
  });

  it('leaves actor and ip out when the page may not carry them', () => {
    const f = { ...emptyFilters(), category: ['file'], actor: ['ann@x'], ip: ['203.0.113.7'] };
    expect(encodeHash('productivity', f, false)).toBe('#/productivity?category=file');
  });

  it('ignores malformed or inverted times and empty values', () => {
    expect(decodeHash('#/overview?from=yesterday&to=2024-03-01T10:00Z&source=').filters).toEqual({ ...emptyFilters(), to: T0 });
    expect(decodeHash('#/overview?from=2024-03-02T00:00Z&to=2024-03-01T00:00Z').filters).toEqual(emptyFilters());
  });
});

describe('filter state ↔ hash', () => {
  let stop: () => void;
  beforeAll(() => { stop = startHashSync(); });
  afterAll(() => stop());
  beforeEach(() => { clearAll(); route.page = 'overview'; flushSync(); });

  it('writes filter changes into the hash', () => {
    toggle('source', 'entra');
    setRange(T0 + 20 * 60_000, T0 + 2 * H + 1);
    flushSync();
    expect(location.hash).toBe('#/overview?from=2024-03-01T10%3A00Z&to=2024-03-01T13%3A00Z&source=entra');
    toggle('source', 'entra');
    flushSync();
    expect(location.hash).toBe('#/overview?from=2024-03-01T10%3A00Z&to=2024-03-01T13%3A00Z');
  });

  it('reads a hash typed or pasted by the user', () => {
    location.hash = '#/overview?outcome=failure&category=file&category=mail';
    dispatchEvent(new HashChangeEvent('hashchange'));
    flushSync();
    expect(filters.outcome).toEqual(['failure']);
    expect(filters.category).toEqual(['file', 'mail']);
    expect(filters.from).toBeNull();
  });

  it('keeps actor filters out of the productivity hash and out of its queries, and back on other pages', () => {
    toggle('actor', 'ann@x');
    toggle('category', 'file');
    route.page = 'productivity';
    flushSync();
    expect(location.hash).toBe('#/productivity?category=file');
    expect(filtersFor('productivity').actor).toEqual([]);
    dispatchEvent(new HashChangeEvent('hashchange'));
    flushSync();
    expect(filters.actor).toEqual(['ann@x']);
    route.page = 'security';
    flushSync();
    expect(location.hash).toBe('#/security?category=file&actor=ann%40x');
    expect(filtersFor('security').actor).toEqual(['ann@x']);
  });
});
