// @vitest-environment jsdom
// The DataTable asks the engine for pages as the reader scrolls and keeps only the rows in view in the DOM.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import DataTable from '../../src/lib/components/DataTable.svelte';

const TOTAL = 10_000;
const columns = [{ key: 'id', kind: 'number' as const }, { key: 'name' }];

function source() {
  const calls: [number, number][] = [];
  const fetchPage = vi.fn(async (offset: number, limit: number) => {
    calls.push([offset, limit]);
    return Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => ({ id: offset + i, name: `row ${offset + i}` }));
  });
  return { calls, fetchPage };
}

const settle = async () => { for (let i = 0; i < 5; i++) { await tick(); await new Promise((r) => setTimeout(r, 0)); } };

describe('DataTable', () => {
  it('fetches only the first page at first and renders a window of rows', async () => {
    const { calls, fetchPage } = source();
    const { container } = render(DataTable, { columns, total: TOTAL, fetchPage, label: 'Numbers', pageSize: 100, rowHeight: 30, height: 300 });
    await settle();
    expect(calls).toEqual([[0, 100]]);
    const rows = container.querySelectorAll('tbody tr[data-row]');
    expect(rows.length).toBeLessThan(40);
    expect(rows[0].textContent).toContain('row 0');
    expect(container.querySelector('table')!.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
  });

  it('fetches the page under the scroll position and shows those rows', async () => {
    const { calls, fetchPage } = source();
    const { container } = render(DataTable, { columns, total: TOTAL, fetchPage, label: 'Numbers', pageSize: 100, rowHeight: 30, height: 300 });
    await settle();
    const scroller = screen.getByRole('region', { name: 'Numbers, scrollable' });
    scroller.scrollTop = 5_000 * 30;
    await fireEvent.scroll(scroller);
    await settle();
    // rows 4,992 (5,000 less the 8-row margin) to 5,018 are wanted: pages 49 and 50
    expect(calls.slice(1)).toEqual([[4_900, 100], [5_000, 100]]);
    const shown = [...container.querySelectorAll('tbody tr[data-row]')].map((r) => Number(r.getAttribute('data-row')));
    expect(shown).toContain(5_000);
    expect(shown.length).toBeLessThan(40);
    expect(container.querySelector('tr[data-row="5000"]')!.textContent).toContain('row 5000');
    expect(screen.getByTestId('table-range').textContent).toMatch(/Rows 5,001–/);
  });

  it('starts over when it is given a new source (a new filter)', async () => {
    const first = source();
    const view = render(DataTable, { columns, total: TOTAL, fetchPage: first.fetchPage, label: 'Numbers', pageSize: 100, rowHeight: 30, height: 300 });
    await settle();
    const second = source();
    await view.rerender({ columns, total: 42, fetchPage: second.fetchPage, label: 'Numbers', pageSize: 100, rowHeight: 30, height: 300 });
    await settle();
    expect(second.calls).toEqual([[0, 100]]);
    expect(screen.getByTestId('table-range').textContent).toMatch(/of 42/);
  });
});
