// @vitest-environment jsdom
// The Security page's own hash keys survive the global filter's hash sync, links keep the global filter, and a
// hash change (a link, Back) moves the page to the identity or address it names.

import { flushSync } from 'svelte';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearAll, filters, startHashSync } from '../../../src/lib/state/filters.svelte.ts';
import { route } from '../../../src/lib/state/route.svelte.ts';
import { addressHref, emptyView, keepViewInHash, securityHref, setView, userHref, view } from '../../../src/lib/security/nav.svelte.ts';

const later = () => new Promise((r) => setTimeout(r, 5));

describe('security hash keys in the app', () => {
  let stop: () => void;
  beforeAll(() => { history.replaceState(null, '', '#/security'); route.page = 'security'; stop = startHashSync(); });
  afterAll(() => { stop(); clearAll(); });

  it('links carry the global filter, then the page\'s own key', () => {
    filters.source = ['gws'];
    expect(userHref('ann@x.org')).toBe('#/security?source=gws&user=ann%40x.org');
    expect(addressHref('203.0.113.5')).toBe('#/security?source=gws&address=203.0.113.5');
    filters.source = [];
    expect(securityHref({ tab: 'rules' })).toBe('#/security?view=rules');
  });

  it('writes the view after the global sync has written its part', async () => {
    setView({ ...emptyView(), severity: ['high'] });
    filters.actor = ['ann@x.org'];
    flushSync();
    const cancel = keepViewInHash();
    await later();
    expect(location.hash).toBe('#/security?actor=ann%40x.org&severity=high');
    cancel();
    filters.actor = [];
    setView(emptyView());
  });

  it('follows a hash change to an identity page and back', async () => {
    location.hash = userHref('ann@x.org');
    await later();
    expect(view.user).toBe('ann@x.org');
    location.hash = '#/security?view=signins';
    await later();
    expect([view.user, view.tab]).toEqual([null, 'signins']);
  });
});
