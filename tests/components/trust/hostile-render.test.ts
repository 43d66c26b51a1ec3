// @vitest-environment jsdom
// Text an export author planted in a log reaches every view as inert text: table cells, SQL console results and
// column names, chart labels and tooltips (and their SVG export), the original-record view, the trail panel and
// the memory-ceiling notice. No element, attribute or script of theirs appears; CSV exports of it are formula-safe.

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DataTable from '../../../src/lib/components/DataTable.svelte';
import SqlConsole from '../../../src/lib/components/SqlConsole.svelte';
import DataPage from '../../../src/lib/pages/DataPage.svelte';
import TrailPanel from '../../../src/lib/trust/TrailPanel.svelte';
import CeilingNotice from '../../../src/lib/trust/CeilingNotice.svelte';
import { Activity } from '../../../src/lib/trust/activity.svelte.ts';
import { drawRankedBars } from '../../../src/lib/charts/ranked-bars.ts';
import { drawSmallMultiples } from '../../../src/lib/charts/small-multiples.ts';
import { drawTimeline } from '../../../src/lib/charts/timeline.ts';
import { tooltip } from '../../../src/lib/charts/frame.ts';
import { svgMarkup } from '../../../src/lib/export/image.ts';
import { newReport } from '../../../src/core/ingest/report.ts';
import { FORMULA_PAYLOADS, HOSTILE_CONTROL, HOSTILE_MARKUP, HOSTILE_UNICODE, HOSTILE_URLS } from '../../helpers/hostile.ts';

const HOSTILE = [...HOSTILE_MARKUP, ...HOSTILE_URLS, ...HOSTILE_UNICODE, ...HOSTILE_CONTROL, ...FORMULA_PAYLOADS];
/** Elements none of our views draw; any of them in the DOM would come from a planted string. */
const FOREIGN = 'script, img, iframe, object, embed, a, style, h1, b, form, input[type=image], link, meta, foreignObject, use, image, animate, set';

const settle = async () => { for (let i = 0; i < 6; i++) { await tick(); await new Promise((r) => setTimeout(r, 0)); } };
const pwned = () => (window as unknown as { __pwned?: number }).__pwned;

function expectInert(root: ParentNode) {
  expect(root.querySelectorAll(FOREIGN), 'injected elements').toHaveLength(0);
  for (const el of root.querySelectorAll('*'))
    for (const attr of el.getAttributeNames()) expect(attr, `attribute on <${el.tagName}>`).not.toMatch(/^on|^href$|^xlink:href$|^src$|^srcdoc$/i);
  expect(pwned()).toBeUndefined();
}

/** RFC 4180 cells of a CSV text (after an optional BOM). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '', quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1)!.push(cell); cell = ''; }
    else if (c === '\r' && s[i + 1] === '\n') { rows.at(-1)!.push(cell); cell = ''; rows.push([]); i++; }
    else cell += c;
  }
  if (cell || rows.at(-1)!.length) rows.at(-1)!.push(cell);
  if (!rows.at(-1)!.length) rows.pop();
  return rows;
}

function captureDownloads() {
  const blobs: Blob[] = [];
  URL.createObjectURL = vi.fn((b: Blob) => { blobs.push(b); return 'blob:test'; }) as typeof URL.createObjectURL;
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  return blobs;
}

const blobText = (b: Blob) => new Promise<string>((ok) => { const r = new FileReader(); r.onload = () => ok(String(r.result)); r.readAsText(b); });

beforeEach(() => { delete (window as unknown as { __pwned?: number }).__pwned; });
afterEach(() => { cleanup(); vi.restoreAllMocks(); });

describe('DataTable cells', () => {
  it('shows every hostile string as the cell text and title, and exports them formula-safe', async () => {
    const rows = HOSTILE.map((s, i) => ({ id: i, actor: s, target: `${s} · target` }));
    const fetchPage = async (offset: number, limit: number) => rows.slice(offset, offset + limit);
    const blobs = captureDownloads();
    const { container } = render(DataTable, { columns: [{ key: 'id', kind: 'number' }, { key: 'actor' }, { key: 'target' }], total: rows.length, fetchPage, label: 'Events', height: 4000 });
    await waitFor(() => expect(container.querySelectorAll('tbody tr[data-row] td[title]').length).toBe(3 * HOSTILE.length));
    const cells = [...container.querySelectorAll('tbody tr[data-row]')].map((tr) => tr.querySelectorAll('td')[1]);
    expect(cells).toHaveLength(HOSTILE.length);
    cells.forEach((td, i) => { expect(td.textContent!.trim()).toBe(HOSTILE[i].trim()); expect(td.getAttribute('title')).toBe(HOSTILE[i]); });
    expectInert(container);

    await fireEvent.click(screen.getByRole('button', { name: /Export/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'CSV data' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const table = csvCells(await blobText(blobs[0]));
    expect(table[0]).toEqual(['id', 'actor', 'target']);
    for (const [, actor] of table.slice(1)) expect(actor, 'no cell a spreadsheet would run').not.toMatch(/^[\s"\u200B]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    const formulaRows = table.slice(1).filter((r) => (FORMULA_PAYLOADS as readonly string[]).includes(HOSTILE[Number(r[0])]));
    expect(formulaRows).toHaveLength(FORMULA_PAYLOADS.length);
    for (const r of formulaRows) expect(r[1]).toBe(`'${HOSTILE[Number(r[0])]}`);
  });
});

describe('SQL console results', () => {
  it('renders hostile column names and values as text', async () => {
    const col = '<img src=x onerror="window.__pwned=1">';
    const api = {
      consoleRun: vi.fn(async () => ({ kind: 'query' as const, columns: [{ name: col, type: 'VARCHAR' }, { name: 'n', type: 'BIGINT' }], rows: HOSTILE.length, truncated: false, ms: 1 })),
      consolePage: vi.fn(async (offset: number, limit: number) => HOSTILE.slice(offset, offset + limit).map((s, i) => ({ [col]: s, n: offset + i }))),
      consoleCancel: vi.fn(async () => true),
    };
    const { container } = render(SqlConsole, { api, sql: 'SELECT 1' });
    await fireEvent.click(screen.getByRole('button', { name: 'Run query' }));
    await waitFor(() => expect(container.querySelector('[data-testid="sql-result"] tbody tr[data-row="4"] td[title]')).toBeTruthy());
    const result = container.querySelector('[data-testid="sql-result"]')!;
    expect(result.querySelector('thead th')!.textContent).toBe(col);
    const shown = [...result.querySelectorAll('tbody tr[data-row]')].map((tr) => tr.querySelector('td')!.textContent!.trim());
    expect(shown.slice(0, 5)).toEqual(HOSTILE.slice(0, 5).map((s) => s.trim()));
    expectInert(container);
  });
});

describe('charts', () => {
  const box = () => { const el = document.createElement('div'); document.body.append(el); return el; };

  it('ranked bars, small multiples and the timeline write hostile labels as SVG text only', () => {
    const bars = box();
    drawRankedBars(bars, HOSTILE.map((key, i) => ({ key, n: i + 1, detail: key })), { title: HOSTILE[0], colour: () => '#333', onSelect: () => {} });
    const labels = [...bars.querySelectorAll('text.label')].map((t) => t.textContent);
    expect(labels).toHaveLength(HOSTILE.length);
    expect(labels.every((l) => l!.length > 0)).toBe(true);
    expect([...bars.querySelectorAll('[role="button"]')].map((b) => b.getAttribute('aria-label')).join('\n')).toContain(HOSTILE_MARKUP[1]);
    expectInert(bars);

    const multiples = box();
    drawSmallMultiples(multiples, HOSTILE.slice(0, 8).flatMap((panel) => [0, 1].map((d) => ({ panel, x: Date.UTC(2026, 8, 1 + d), n: d + 1 }))), { title: 'per category', colour: () => '#333' });
    expect([...multiples.querySelectorAll('text.panel-title')].map((t) => t.textContent).sort()).toEqual(HOSTILE.slice(0, 8).sort());
    expectInert(multiples);

    const timeline = box();
    drawTimeline(timeline, HOSTILE.slice(0, 6).map((series, i) => ({ x: Date.UTC(2026, 8, 1, i), series, n: i + 1 })), { title: HOSTILE_MARKUP[0], step: 3600_000, colour: () => '#333' });
    expect(timeline.querySelector('svg title')!.textContent).toBe(HOSTILE_MARKUP[0]);
    expectInert(timeline);
  });

  it('tooltips set hostile lines as text', () => {
    const el = box();
    const tip = tooltip(el);
    tip.show(new MouseEvent('mousemove', { clientX: 5, clientY: 5 }), [...HOSTILE_MARKUP]);
    expect([...el.querySelectorAll('.chart-tip div')].map((d) => d.textContent)).toEqual([...HOSTILE_MARKUP]);
    expectInert(el);
  });

  it('the SVG export of a hostile chart parses back with the labels as text and nothing active', () => {
    const el = box();
    drawRankedBars(el, HOSTILE_MARKUP.map((key, i) => ({ key, n: i + 1 })), { title: HOSTILE_MARKUP[2], colour: () => '#333', labelWidth: 2000 });
    const markup = svgMarkup(el.querySelector('svg')!, '#fff');
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expectInert(doc);
    expect([...doc.querySelectorAll('text.label')].map((t) => t.textContent)).toEqual([...HOSTILE_MARKUP]);
    expect(doc.documentElement.getAttribute('aria-label')).toBe(HOSTILE_MARKUP[2]);
  });
});

describe('the original record, the trail and the ceiling notice', () => {
  it('the Data page shows a hostile original record as text', async () => {
    const record = JSON.stringify({ actor: HOSTILE_MARKUP[0], UserAgent: HOSTILE_MARKUP[1], Target: HOSTILE_UNICODE[0], Formula: FORMULA_PAYLOADS[1] });
    const row = { ts: Date.UTC(2026, 8, 1), source: 'm365', category: 'file', action: HOSTILE_MARKUP[6], outcome: 'success', actor: HOSTILE_MARKUP[2], ip: HOSTILE_URLS[0], target: HOSTILE_MARKUP[4], country: null, workload: null, file_id: 0, byte_offset: 10, byte_length: record.length };
    const query = vi.fn(async (sql: string) => (/information_schema/.test(sql) ? [] : /count\(\*\)/.test(sql) ? [{ n: 1 }] : /SELECT line/.test(sql) ? [{ line: 2 }] : [row]));
    const engine = {
      status: 'ready', version: 1, summary: { files: [{ ...newReport(0, HOSTILE_MARKUP[3]) }], events: 1, ms: 1 }, trail: new Activity(),
      query, gesture: () => (q: { sql: string; params: unknown[] }) => query(q.sql), readRaw: vi.fn(async () => record),
      consoleRun: vi.fn(), consolePage: vi.fn(), consoleCancel: vi.fn(),
    };
    const { container } = render(DataPage, { engine: engine as never });
    await waitFor(() => expect(container.querySelector('[data-testid="events-table"] tbody tr[data-row="0"].clickable')).toBeTruthy());
    await fireEvent.click(container.querySelector('[data-testid="events-table"] tbody tr[data-row="0"]')!);
    await waitFor(() => expect(container.querySelector('[data-testid="raw-record"] pre')).toBeTruthy());
    await waitFor(() => expect(engine.trail.entries.length).toBe(1));
    const pre = container.querySelector('[data-testid="raw-record"] pre')!;
    expect(pre.textContent).toBe(JSON.stringify(JSON.parse(record), null, 2));
    expectInert(container.querySelector('[data-testid="events-panel"]')!);
    expect(engine.trail.entries.at(-1)).toMatchObject({ kind: 'view-raw', detail: { file: HOSTILE_MARKUP[3], line: 2, fileId: 0, offset: 10 } });
  });

  it('the trail panel shows hostile file names and SQL text as text', async () => {
    const trail = new Activity();
    await trail.record('load-files', { files: [...HOSTILE_MARKUP], events: 1 });
    await trail.record('run-query', { query: `SELECT '${HOSTILE_MARKUP[0]}'`, params: [] });
    const { container } = render(TrailPanel, { trail });
    await settle();
    const details = [...container.querySelectorAll('td.detail')].map((d) => d.textContent);
    expect(details[0]).toBe(`query: SELECT '${HOSTILE_MARKUP[0]}'`);
    expect(details[1]).toContain(HOSTILE_MARKUP[1]);
    expectInert(container);
  });

  it('the memory-ceiling notice shows hostile file names and reasons as text', () => {
    const stopped = { ...newReport(0, HOSTILE_MARKUP[0]), read: 5, loaded: 4, fatal: `stopped after 5 rows: the engine's memory is nearly full (${HOSTILE_MARKUP[1]}); loading stopped here` };
    const skipped = { ...newReport(1, HOSTILE_MARKUP[6]), fatal: 'not loaded: loading stopped at the memory ceiling before this file' };
    const { container } = render(CeilingNotice, { props: { files: [stopped, skipped], events: 4 } });
    expect(container.querySelector('strong')!.textContent).toBe(HOSTILE_MARKUP[0]);
    expect(container.querySelector('.reason')!.textContent).toContain(HOSTILE_MARKUP[1]);
    expect(container.querySelector('li')!.textContent).toBe(HOSTILE_MARKUP[6]);
    expectInert(container);
  });
});
