// @vitest-environment jsdom
// The productivity page over a hand-made release: every published cell carries the agg-cell contract, withheld
// cells say why and show no number, the settings refuse unsafe values, the viewer's address stays out of the
// address bar, and the CSV holds exactly the cells on screen.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ProductivityPage from '../../../src/lib/pages/ProductivityPage.svelte';
import type { ProductivityRequest, ProductivityResult } from '../../../src/lib/productivity/run/types.ts';

const P1 = '2024-04-15/P4W', P2 = '2024-05-13/P4W';
const metrics = (sent: number | null, hours = 6.5) => ({ collaboration_hours: hours, emails_sent: sent, meetings: 4, after_hours_share: 0.125 });
const shares = Array.from({ length: 168 }, (_, i) => (i === 34 ? 0.6 : i === 63 ? 0.4 : 0));

function result(minGroup = 10, dp: ProductivityRequest['dp'] = null): ProductivityResult {
  return {
    release: {
      minGroup, resolution: 'block', suppressed: 5,
      ...(dp ? { dp: { epsilonPerStatistic: dp.epsilon, budgetPerPeriod: dp.budgetPerPeriod, periods: [{ period: P1, maxSpent: 4 }], refused: 2 } } : {}),
      groups: [
        { group: 'all', period: P1, members: 40, metrics: metrics(12.25) },
        { group: 'all', period: P2, members: 41, metrics: metrics(13.5) },
        { group: 'department:Eng', period: P1, members: 20, metrics: metrics(10) },
        { group: 'department:Sales', period: P1, members: 12, metrics: metrics(null, 7) },
        { group: 'tree:T01', period: P1, members: 30, metrics: metrics(11) },
      ],
    },
    groupKeys: ['all', 'department:Eng', 'department:Legal', 'department:Sales', 'tree:T01'],
    periods: [P1, P2],
    partial: [{ period: P2, days: 9, of: 28 }],
    span: { first: '2024-04-15', last: '2024-05-21' },
    heatmap: { cells: [{ group: 'all', period: P1, members: 40, shares }], unavailable: null },
    notes: [],
  };
}

function fakeEngine() {
  const calls: ProductivityRequest[] = [];
  return {
    calls,
    engine: { version: 1, productivity: vi.fn(async (req: ProductivityRequest) => { calls.push(req); return result(req.minGroup, req.dp); }) },
  };
}

// jsdom has no layout: charts are drawn at their default width
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

const valueCells = () => [...document.querySelectorAll<HTMLElement>('[data-testid="values-table"] [data-testid="agg-cell"]')];

describe('ProductivityPage', () => {
  beforeEach(() => { location.hash = '#/productivity'; });
  afterEach(() => vi.restoreAllMocks());

  it('marks every published cell of the shown dimension with group, period and members', async () => {
    const { engine } = fakeEngine();
    render(ProductivityPage, { engine });
    await screen.findAllByTestId('values-table');
    const cells = valueCells();
    // 4 metrics × the 4 department-view cells published (all ×2, Eng, Sales); the tree is not in this view
    expect(cells).toHaveLength(16);
    const seen = new Set(cells.map((c) => `${c.dataset.group}|${c.dataset.period}|${c.dataset.members}`));
    expect([...seen].sort()).toEqual([`all|${P1}|40`, `all|${P2}|41`, `department:Eng|${P1}|20`, `department:Sales|${P1}|12`]);
    const eng = cells.find((c) => c.dataset.group === 'department:Eng' && c.dataset.metric === 'emails_sent')!;
    expect(eng.dataset.value).toBe('10');
    expect(eng.textContent).toMatch(/10\s+20 people/);
    const scope = cells.find((c) => c.dataset.group === 'all' && c.dataset.period === P1 && c.dataset.metric === 'after_hours_share')!;
    expect(scope.textContent).toMatch(/12\.5 %/);
    expect(document.body.textContent).not.toMatch(/tree:T01|Reporting tree T01/);
  });

  it('shows withheld cells as withheld, without a number, and says why', async () => {
    const { engine } = fakeEngine();
    render(ProductivityPage, { engine });
    const [table] = await screen.findAllByTestId('values-table');
    const withheld = within(table).getAllByTestId('withheld-cell');
    // Eng P2, Legal P1 and P2, Sales P2
    expect(withheld.map((c) => `${c.dataset.group}|${c.dataset.period}`).sort()).toEqual(
      [`department:Eng|${P2}`, `department:Legal|${P1}`, `department:Legal|${P2}`, `department:Sales|${P2}`]);
    for (const c of withheld) {
      expect(c.textContent!.trim()).toBe('withheld');
      expect(c.dataset.members).toBeUndefined();
    }
    const why = screen.getByTestId('why-withheld').textContent!.replace(/\s+/g, ' ');
    expect(why).toContain('fewer than 10 active people');
    expect(why).toContain('allow differencing');
    // a published cell whose metric is withheld (too few with a value) shows no number either
    const sales = valueCells().find((c) => c.dataset.group === 'department:Sales' && c.dataset.metric === 'emails_sent')!;
    expect(sales.dataset.value).toBe('');
    expect(sales.querySelector('.v')!.textContent).toBe('not shown');
    expect(screen.getByTestId('kpi-cells').textContent).toContain('4 of 8');
  });

  it('refuses a minimum group size below 10 unless small groups are explicitly allowed, and never below 2', async () => {
    const { engine, calls } = fakeEngine();
    render(ProductivityPage, { engine });
    await screen.findAllByTestId('values-table');
    const input = screen.getByTestId('min-group') as HTMLInputElement;
    const type = async (v: string) => { await fireEvent.input(input, { target: { value: v } }); await fireEvent.change(input); await tick(); };

    await type('5');
    expect(screen.getByTestId('min-group-error').textContent).toMatch(/below the floor of 10/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(calls.at(-1)!.minGroup).toBe(10);
    expect(screen.getByTestId('min-group-applied').textContent).toContain('10');

    await type('12');
    await waitFor(() => expect(calls.at(-1)!.minGroup).toBe(12));
    expect(screen.queryByTestId('min-group-error')).toBeNull();

    await type('7.5');
    expect(screen.getByTestId('min-group-error').textContent).toMatch(/whole number/);
    expect(calls.at(-1)!.minGroup).toBe(12);

    await fireEvent.click(screen.getByTestId('allow-small'));
    expect(screen.getByTestId('small-groups-warning').textContent).toMatch(/single out/);
    await type('1');
    expect(screen.getByTestId('min-group-error').textContent).toMatch(/at least 2/);
    await type('5');
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ minGroup: 5, allowSmallGroups: true }));

    await fireEvent.click(screen.getByTestId('allow-small'));
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ minGroup: 10, allowSmallGroups: false }));
    expect(input.value).toBe('10');
  });

  it('refuses noise settings outside the policy and shows the ledger when noise is on', async () => {
    const { engine, calls } = fakeEngine();
    render(ProductivityPage, { engine });
    await screen.findAllByTestId('values-table');
    await fireEvent.click(screen.getByTestId('noise'));
    await waitFor(() => expect(calls.at(-1)!.dp).toEqual({ epsilon: 1, budgetPerPeriod: 6 }));
    const ledger = await screen.findByTestId('ledger');
    expect(within(ledger).getByTestId('ledger-row').dataset).toMatchObject({ period: P1, spent: '4' });
    expect(within(ledger).getByTestId('ledger-refused').textContent).toMatch(/2 values were withheld because a person’s budget/);
    const eps = screen.getByTestId('epsilon') as HTMLInputElement;
    await fireEvent.input(eps, { target: { value: '2' } });
    await fireEvent.change(eps);
    expect(screen.getByTestId('noise-error').textContent).toMatch(/ε per statistic must be in \(0, 1\]/);
    expect(calls.at(-1)!.dp).toEqual({ epsilon: 1, budgetPerPeriod: 6 });
    await fireEvent.input(eps, { target: { value: '0.5' } });
    await fireEvent.change(eps);
    await waitFor(() => expect(calls.at(-1)!.dp).toEqual({ epsilon: 0.5, budgetPerPeriod: 6 }));
  });

  it('sends the viewer to the worker and never writes it into the address bar or the page text', async () => {
    const { engine, calls } = fakeEngine();
    render(ProductivityPage, { engine });
    await screen.findAllByTestId('values-table');
    await fireEvent.input(screen.getByTestId('viewer'), { target: { value: 'pat.manager@example.test' } });
    await fireEvent.click(screen.getByTestId('viewer-apply'));
    await waitFor(() => expect(calls.at(-1)!.viewer).toBe('pat.manager@example.test'));
    expect(location.hash).toBe('#/productivity');
    expect(document.body.textContent).not.toContain('pat.manager');
  });

  it('exports as CSV exactly the cells on screen', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => { blobs.push(b); return 'blob:test'; }) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { engine } = fakeEngine();
    render(ProductivityPage, { engine });
    await screen.findAllByTestId('values-table');
    const head = document.querySelector('.head')!;
    await fireEvent.click(within(head as HTMLElement).getByRole('button', { name: /Export/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'CSV data' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const text = await new Promise<string>((ok) => { const r = new FileReader(); r.onload = () => ok(String(r.result)); r.readAsText(blobs[0]); });
    const [header, ...lines] = text.replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
    expect(header).toEqual(['group', 'group_key', 'period', 'members', 'status', 'collaboration_hours', 'emails_sent', 'meetings', 'after_hours_share']);
    // one line per group × period of the department view; numbers only where the screen shows them
    expect(lines).toHaveLength(8);
    const shown = lines.filter((l) => l[4] === 'shown');
    for (const l of shown) {
      for (const [i, metric] of ['collaboration_hours', 'emails_sent', 'meetings', 'after_hours_share'].entries()) {
        const cell = valueCells().find((c) => c.dataset.group === l[1] && c.dataset.period === l[2] && c.dataset.metric === metric)!;
        expect(cell.dataset.members).toBe(l[3]);
        expect(cell.dataset.value).toBe(l[5 + i]);
      }
    }
    expect(shown).toHaveLength(valueCells().length / 4);
    for (const l of lines.filter((x) => x[4] === 'withheld')) expect(l.slice(3).filter((v) => v !== '' && v !== 'withheld')).toEqual([]);
  });

  it('draws the weekday × hour view of a released cell and says when the chosen group has none', async () => {
    const { engine } = fakeEngine();
    render(ProductivityPage, { engine });
    await screen.findAllByTestId('values-table');
    const slots = [...document.querySelectorAll<HTMLElement>('[data-testid="heatmap-table"] [data-testid="agg-cell"]')];
    expect(slots).toHaveLength(168);
    expect(slots[34].dataset).toMatchObject({ group: 'all', period: P1, members: '40', value: '0.6', slot: '2:10' });
    await fireEvent.change(screen.getByTestId('heatmap-group'), { target: { value: 'department:Eng' } });
    expect((await screen.findByTestId('heatmap-withheld')).textContent).toMatch(/Withheld:.*fewer than 10 active people/);
    expect(document.querySelectorAll('[data-testid="heatmap-table"]')).toHaveLength(0);
  });
});
