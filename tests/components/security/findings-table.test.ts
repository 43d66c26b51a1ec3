// @vitest-environment jsdom
// The findings list's contract (one alert-row per finding with rule, actor, techniques and severity), its ranking,
// its filters (page filters and the global ones), and hostile log text shown as inert text.

import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import FindingsTable from '../../../src/lib/security/FindingsTable.svelte';
import FindingsView from '../../../src/lib/security/FindingsView.svelte';
import { emptyView, setView, view } from '../../../src/lib/security/nav.svelte.ts';
import { clearAll, filters, filtersFor, setRange } from '../../../src/lib/state/filters.svelte.ts';
import { HOSTILE_MARKUP, HOSTILE_UNICODE, RLO } from '../../helpers/hostile.ts';
import { finding, FINDINGS, H, RESULT, T } from './fixtures.ts';

// jsdom has no layout: the chart beside the list only needs the observer to exist
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

const engine = { version: 1, query: async () => [{ n: 0 }], readRaw: async () => '{}' };
const rows = (c: HTMLElement) => [...c.querySelectorAll<HTMLTableRowElement>('[data-testid="alerts-table"] [data-testid="alert-row"]')];
const settle = async () => { for (let i = 0; i < 4; i++) { await tick(); await new Promise((r) => setTimeout(r, 0)); } };
const hrefs = { userHref: (u: string) => `#/security?user=${encodeURIComponent(u)}`, addressHref: (a: string) => `#/security?address=${a}` };

describe('FindingsTable', () => {
  it('has one row per finding carrying rule, actor, techniques and severity', () => {
    const { container } = render(FindingsTable, { findings: FINDINGS, ...hrefs });
    const r = rows(container);
    expect(r).toHaveLength(4);
    expect(r.map((x) => [x.dataset.rule, x.dataset.actor, x.dataset.attack, x.dataset.severity])).toEqual([
      ['X3.brute', 'alice@contoso.com', 'T1110.001', 'medium'],
      ['X3.spray', '198.51.100.9', 'T1110.003', 'high'],
      ['M4.audit', 'bob@contoso.com', 'T1562.008', 'critical'],
      ['G3.exposure', 'carol@contoso.com', 'T1567 T1537', 'medium'],
    ]);
    expect(container.querySelector('[data-testid="alerts-table"]')!.getAttribute('data-total')).toBe('4');
  });

  it('shows each finding explained, in UTC, with pivots to the identity, the address and the records', async () => {
    const { container } = render(FindingsTable, { findings: [FINDINGS[2], FINDINGS[1]], ...hrefs, records: undefined });
    const [audit, spray] = rows(container);
    expect(audit.textContent).toContain('Audit logging disabled or bypassed');
    expect(audit.textContent).toContain('Set-AdminAuditLogConfig');
    expect(audit.textContent).toContain('2026-09-11 18:00 UTC');
    expect(within(audit).getByTestId('pivot-user').getAttribute('href')).toBe('#/security?user=bob%40contoso.com');
    expect(within(audit).getByTestId('pivot-ip').getAttribute('href')).toBe('#/security?address=203.0.113.5');
    // a spray finding is about an address: its identity cell links to the address page
    expect(within(spray).getByTestId('pivot-address').getAttribute('href')).toBe('#/security?address=198.51.100.9');
    expect(spray.textContent).toContain('2026-09-10 14:00 UTC');
    expect(spray.textContent).toContain('→ 2026-09-10 15:00 UTC');
  });

  it('renders hostile actors and evidence as inert text with hidden characters made visible', () => {
    const nasty = [...HOSTILE_MARKUP, ...HOSTILE_UNICODE].map((s, i) => finding({ rule: `T.${i}`, actor: `${s}@contoso.com`, evidence: s, target: s }));
    const { container } = render(FindingsTable, { findings: nasty, ...hrefs });
    expect(rows(container)).toHaveLength(nasty.length);
    expect(container.querySelector('script, img, iframe, svg, style, #injected, a[href^="javascript"]')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(container.textContent).toContain('<img src=x onerror="window.__pwned=1">');
    expect(container.textContent).not.toContain(RLO);
    expect(container.textContent).toContain('invoice⟨U+202E⟩fdp.exe');
  });
});

describe('FindingsView filters', () => {
  beforeEach(() => { clearAll(); Object.assign(view, emptyView()); flushSync(); });

  const mount = () => render(FindingsView, { engine, result: RESULT, get global() { return filtersFor('security'); }, view });

  it('ranks by severity, then the identity\'s priority, then recency', async () => {
    const { container } = mount();
    await settle();
    expect(rows(container).map((r) => r.dataset.rule)).toEqual(['M4.audit', 'X3.spray', 'X3.brute', 'G3.exposure']);
  });

  it('filters by severity, rule and technique (sub-techniques match their parent)', async () => {
    const { container } = mount();
    await settle();
    await fireEvent.click(screen.getByTestId('severity-medium'));
    await settle();
    expect(view.severity).toEqual(['medium']);
    expect(rows(container).map((r) => r.dataset.rule)).toEqual(['X3.brute', 'G3.exposure']);
    setView({ severity: [], technique: 'T1110' });
    await settle();
    expect(rows(container).map((r) => r.dataset.rule)).toEqual(['X3.spray', 'X3.brute']);
    await fireEvent.change(screen.getByTestId('filter-rule'), { target: { value: 'X3.spray' } });
    await settle();
    expect(rows(container).map((r) => r.dataset.actor)).toEqual(['198.51.100.9']);
  });

  it('follows the global source, identity and time range', async () => {
    const { container } = mount();
    await settle();
    await fireEvent.change(screen.getByTestId('filter-source'), { target: { value: 'gws' } });
    await settle();
    expect(filters.source).toEqual(['gws']);
    expect(rows(container).map((r) => r.dataset.rule)).toEqual(['X3.spray', 'X3.brute', 'G3.exposure']);
    filters.source = [];
    filters.actor = ['alice@contoso.com'];
    await settle();
    expect(rows(container).map((r) => r.dataset.rule)).toEqual(['X3.brute']);
    filters.actor = [];
    setRange(T + 20 * H, T + 40 * H);
    await settle();
    expect(rows(container).map((r) => r.dataset.rule)).toEqual(['M4.audit']);
  });

  it('says so when no finding matches, rather than showing an empty table', async () => {
    filters.actor = ['nobody@contoso.com'];
    const { container } = mount();
    await settle();
    expect(rows(container)).toHaveLength(0);
    expect(container.querySelector('[data-testid="alerts-table"]')!.textContent).toMatch(/No finding matches/);
  });
});
