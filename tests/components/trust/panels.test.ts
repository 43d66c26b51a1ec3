// @vitest-environment jsdom
// The trust panels and the page state behind them, with the origin-private file system replaced by an in-memory
// folder: the trail verifies and downloads sealed, tampering shows; keeping moves the trail to disk and back;
// a kept workspace is restored at start; "Wipe everything" restarts the engine and leaves only the theme.

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import TrailPanel from '../../../src/lib/trust/TrailPanel.svelte';
import WorkspacePanel from '../../../src/lib/trust/WorkspacePanel.svelte';
import MemoryUse from '../../../src/lib/trust/MemoryUse.svelte';
import ExportMenu from '../../../src/lib/components/ExportMenu.svelte';
import EventsTable from '../../../src/lib/security/EventsTable.svelte';
import { Activity, activity } from '../../../src/lib/trust/activity.svelte.ts';
import { Workspace, TRAIL_DIR, type WorkspaceEngine } from '../../../src/lib/trust/workspace.svelte.ts';
import { csvRecordCount, detailText, loadDetail } from '../../../src/lib/trust/details.ts';
import { setTheme } from '../../../src/lib/state/theme.svelte.ts';
import { MemoryTrailStore, verifyTrail, type TrailEntry } from '../../../src/core/trail/index.ts';
import { TRAIL_FILE } from '../../../src/core/trail/opfs-store.ts';
import { newReport } from '../../../src/core/ingest/report.ts';
import { MemoryDir, MemoryFile } from '../../core/workspace/memory-dir.ts';

const settle = async () => { for (let i = 0; i < 8; i++) { await tick(); await new Promise((r) => setTimeout(r, 0)); } };
const blobText = (b: Blob) => new Promise<string>((ok) => { const r = new FileReader(); r.onload = () => ok(String(r.result)); r.readAsText(b); });

let root: MemoryDir;
beforeEach(() => {
  root = new MemoryDir();
  Object.defineProperty(navigator, 'storage', { configurable: true, value: { getDirectory: async () => root } });
});
afterEach(() => { cleanup(); vi.restoreAllMocks(); localStorage.clear(); sessionStorage.clear(); });

function captureDownloads() {
  const blobs: Blob[] = [];
  URL.createObjectURL = vi.fn((b: Blob) => { blobs.push(b); return 'blob:test'; }) as typeof URL.createObjectURL;
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  return blobs;
}

function fakeEngine(trail = new Activity()) {
  const engine = {
    trail,
    keepWorkspace: vi.fn(async () => ({ savedAt: '2026-09-01T10:00:00.000Z', bytes: 1234 })),
    forgetWorkspace: vi.fn(async () => { await root.removeEntry('auditlens', { recursive: true }).catch(() => undefined); }),
    restoreKept: vi.fn(async () => ({ savedAt: '2026-09-01T09:00:00.000Z', bytes: 99 })),
    restart: vi.fn(async () => {}),
  } satisfies WorkspaceEngine;
  return engine;
}

const trailFile = () => ((root.children.get(TRAIL_DIR) as MemoryDir | undefined)?.children.get(TRAIL_FILE) as MemoryFile | undefined);
const trailLines = () => new TextDecoder().decode(trailFile()?.data ?? new Uint8Array()).split('\n').filter(Boolean);

describe('TrailPanel', () => {
  it('verifies the trail, and downloads it sealed so the CLI format verifies with the shown head', async () => {
    const trail = new Activity();
    await trail.record('load-files', loadDetail([{ ...newReport(0, 'a.csv'), format: 'm365-ual-csv', bytes: 10, loaded: 3 }], 3));
    await trail.record('view-person', { person: 'p-1' });
    const blobs = captureDownloads();
    render(TrailPanel, { trail });
    await settle();
    expect(screen.getByTestId('trail-count').textContent).toBe('2');
    await fireEvent.click(screen.getByTestId('trail-verify'));
    await waitFor(() => expect(screen.getByTestId('trail-check').textContent).toMatch(/All 2 entries verify/));
    await fireEvent.click(screen.getByTestId('trail-download'));
    await waitFor(() => expect(blobs).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('trail-sealed')).toBeTruthy());
    const text = await blobText(blobs[0]);
    const head = screen.getByTestId('trail-head').textContent!;
    expect(await verifyTrail(text, { head })).toEqual({ ok: true, entries: 3, head });
    expect(screen.getByTestId('trail-sealed').textContent).toContain(head);
    expect(screen.getByTestId('trail-count').textContent).toBe('3');
  });

  it('shows which entry fails when the stored trail was edited', async () => {
    const trail = new Activity();
    await trail.record('run-query', { query: 'SELECT 1', params: [] });
    await trail.record('run-query', { query: 'SELECT 2', params: [] });
    const edited = (await trail.exportNdjson()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as TrailEntry);
    const store = new MemoryTrailStore();
    for (const e of edited) await store.append(e.seq === 2 ? { ...e, detail: { query: 'SELECT 3', params: [] } } : e);
    const shown = new Activity();
    await shown.moveTo(store, 'kept');
    render(TrailPanel, { trail: shown });
    await fireEvent.click(screen.getByTestId('trail-verify'));
    await waitFor(() => expect(screen.getByTestId('trail-check').getAttribute('data-ok')).toBe('false'));
    expect(screen.getByTestId('trail-check').textContent).toMatch(/Entry 2 fails: the hash does not match/);
  });
});

describe('Workspace (opt-in keeping, restore, wipe)', () => {
  it('keeping moves the trail, entries unchanged, into the private file system; unticking moves it back and deletes it', async () => {
    const engine = fakeEngine();
    await engine.trail.record('load-files', { files: ['a.csv'], events: 3 });
    const before = engine.trail.entries;
    const ws = new Workspace(engine);
    render(WorkspacePanel, { workspace: ws, trail: engine.trail });
    await ws.start();
    await settle();
    expect(screen.getByTestId('workspace-state').textContent).toMatch(/In memory only/);

    await fireEvent.click(screen.getByTestId('keep-workspace'));
    await waitFor(() => expect(ws.busy).toBeNull());
    expect(engine.keepWorkspace).toHaveBeenCalledTimes(1);
    expect(ws.kept).toBe(true);
    expect(engine.trail.where).toBe('kept');
    expect(trailLines().map((l) => JSON.parse(l))).toEqual(before.map((e) => ({ ...e })));
    expect(screen.getByTestId('workspace-state').textContent).toMatch(/Kept on this computer · saved 2026-09-01 10:00 UTC · 1.2 KB\. A reload restores it\./);
    await engine.trail.record('view-person', { person: 'p-2' });
    expect(trailLines()).toHaveLength(2);

    await fireEvent.click(screen.getByTestId('keep-workspace'));
    await waitFor(() => expect(ws.busy).toBeNull());
    expect(ws.kept).toBe(false);
    expect(engine.forgetWorkspace).toHaveBeenCalledTimes(1);
    expect(root.paths()).toEqual([]);
    expect(engine.trail.where).toBe('memory');
    expect(engine.trail.entries.map((e) => e.kind)).toEqual(['load-files', 'view-person']);
  });

  it('a failed save keeps nothing and says so', async () => {
    const engine = fakeEngine();
    engine.keepWorkspace.mockRejectedValueOnce(Object.assign(new Error('quota exceeded'), { name: 'QuotaExceededError' }));
    const ws = new Workspace(engine);
    await ws.keep();
    expect(ws.kept).toBe(false);
    expect(ws.error).toMatch(/could not be kept: quota exceeded\. Nothing was kept\./);
    expect(root.paths()).toEqual([]);
    expect(engine.trail.where).toBe('memory');
  });

  it('at start, a kept workspace is restored and its trail goes on from where it was', async () => {
    const old = fakeEngine();
    const first = new Workspace(old);
    await old.trail.record('load-files', { files: ['a.csv'], events: 3 });
    await first.keep();
    await root.getDirectoryHandle('auditlens', { create: true }).then((d) => d.getFileHandle('current.json', { create: true }))
      .then(async (f) => { const w = await f.createWritable(); await w.write('{"generation":"g-1"}'); await w.close(); });

    const engine = fakeEngine();
    const ws = new Workspace(engine);
    await ws.start();
    expect(engine.restoreKept).toHaveBeenCalledTimes(1);
    expect(ws).toMatchObject({ kept: true, busy: null, savedAt: '2026-09-01T09:00:00.000Z', savedBytes: 99 });
    expect(engine.trail.entries.map((e) => e.kind)).toEqual(['load-files']);
    await engine.trail.record('run-query', { query: 'SELECT 1', params: [] });
    expect(await engine.trail.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('a restore that fails restarts the engine and offers the wipe', async () => {
    await root.getDirectoryHandle('auditlens', { create: true }).then((d) => d.getFileHandle('current.json', { create: true }))
      .then(async (f) => { const w = await f.createWritable(); await w.write('{"generation":"g-1"}'); await w.close(); });
    const engine = fakeEngine();
    engine.restoreKept.mockRejectedValueOnce(new Error('table events came back with 3 rows instead of 4'));
    const ws = new Workspace(engine);
    await ws.start();
    expect(ws.error).toMatch(/could not be restored: table events came back with 3 rows instead of 4\. "Wipe everything" removes it\./);
    expect(engine.restart).toHaveBeenCalledTimes(1);
  });

  it('"Wipe everything" asks first, then restarts the engine, empties the trail and leaves only the theme', async () => {
    const engine = fakeEngine();
    setTheme('dark');
    localStorage.setItem('someone-else', 'x');
    sessionStorage.setItem('s', 'y');
    await engine.trail.record('load-files', { files: ['a.csv'], events: 3 });
    const ws = new Workspace(engine);
    await ws.keep();
    await root.getFileHandle('stray', { create: true });
    render(WorkspacePanel, { workspace: ws, trail: engine.trail, detailed: true });
    await waitFor(() => expect(screen.getByTestId('storage-report').textContent).toMatch(/Private file system: 2 files/));

    await fireEvent.click(screen.getByTestId('wipe-button'));
    expect(engine.restart).not.toHaveBeenCalled();
    expect(screen.getByRole('group', { name: 'Confirm wiping' }).textContent).toMatch(/1 entries/);
    await fireEvent.click(screen.getByTestId('wipe-confirm'));
    await waitFor(() => expect(screen.getByTestId('wipe-done')).toBeTruthy());
    await settle();
    expect(engine.restart).toHaveBeenCalledTimes(1);
    expect(root.paths()).toEqual([]);
    expect(Object.keys(localStorage)).toEqual(['auditlens.theme']);
    expect(localStorage.getItem('auditlens.theme')).toBe('dark');
    expect(sessionStorage.length).toBe(0);
    expect(engine.trail.entries).toEqual([]);
    expect(ws.kept).toBe(false);
    expect(screen.getByTestId('wipe-done')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('storage-report').textContent).toMatch(/Private file system: nothing.*Local storage: auditlens\.theme.*Session storage: nothing/s));
    setTheme('system');
  });
});

describe('MemoryUse', () => {
  it('shows DuckDB memory use against the limit', async () => {
    const engine = { status: 'ready', version: 1, info: { memoryLimit: '1.0 GiB' }, memory: vi.fn(async () => ({ usedBytes: 512 * 1024 ** 2 })) };
    render(MemoryUse, { engine });
    await waitFor(() => expect(screen.getByTestId('memory-use').getAttribute('data-used')).not.toBe(''));
    expect(screen.getByTestId('memory-use').textContent).toMatch(/512 MB of 1.0 GB \(50 %\)/);
    expect(screen.getByRole('meter', { name: 'DuckDB memory use' }).getAttribute('value')).toBe('0.5');
  });
});

describe('recording exports and the details of steps', () => {
  it('a CSV export from any export menu is recorded with its record count', async () => {
    captureDownloads();
    const before = activity.entries.length;
    render(ExportMenu, { title: 'Top actions', csv: async () => 'key,n\r\n"multi\r\nline",3\r\nb,4\r\n' });
    await fireEvent.click(screen.getByRole('button', { name: /Export/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'CSV data' }));
    await waitFor(() => expect(activity.entries.length).toBe(before + 1));
    expect(activity.entries.at(-1)).toMatchObject({ kind: 'export', detail: { what: 'Top actions', format: 'csv', rows: 2 } });
  });

  it('opening an original record from a security view is recorded with file and line, not the record', async () => {
    const row = { ts: Date.UTC(2026, 8, 1), source: 'github', action: 'repo.create', outcome: 'success', actor: 'p-9', ip: null, country: null, target: null, user_agent: null, file_id: 3, line: 17, byte_offset: 900, byte_length: 40 };
    const engine = {
      version: 1, summary: { files: [{ ...newReport(3, 'github/audit-log.json') }] },
      query: vi.fn(async (sql: string) => (/count\(/i.test(sql) ? [{ n: 1 }] : [row])),
      readRaw: vi.fn(async () => '{"action":"repo.create","secret":"do-not-record"}'),
    };
    const before = activity.entries.length;
    const { container } = render(EventsTable, { engine, cond: { sql: 'TRUE', params: [] }, label: 'Events' });
    await waitFor(() => expect(container.querySelector('tbody tr[data-row="0"].clickable')).toBeTruthy());
    await fireEvent.click(container.querySelector('tbody tr[data-row="0"]')!);
    await waitFor(() => expect(activity.entries.length).toBe(before + 1));
    const entry = activity.entries.at(-1)!;
    expect(entry).toMatchObject({ kind: 'view-raw', detail: { file: 'github/audit-log.json', line: 17, fileId: 3, offset: 900 } });
    expect(JSON.stringify(entry)).not.toContain('do-not-record');
  });

  it('printing the page is recorded as an export', async () => {
    location.hash = '#/overview?source=m365';
    const before = activity.entries.length;
    dispatchEvent(new Event('beforeprint'));
    await waitFor(() => expect(activity.entries.length).toBe(before + 1));
    expect(activity.entries.at(-1)).toMatchObject({ kind: 'export', detail: { what: 'print of #/overview', format: 'print', rows: null } });
  });

  it('counts CSV records across quoted line breaks and a BOM', () => {
    expect(csvRecordCount('a,b\r\n1,2\r\n')).toBe(1);
    expect(csvRecordCount('\uFEFFa\r\n"x\r\ny"\r\n"q""\n"\r\nlast')).toBe(3);
    expect(csvRecordCount('')).toBe(0);
  });

  it('load details name up to 100 files with size, format and counts, and count the rest', () => {
    const files = Array.from({ length: 103 }, (_, i) => ({ ...newReport(i, `f${i}.csv`), bytes: i, loaded: 2 * i, rejected: i % 2, format: i % 3 ? 'm365-ual-csv' : null }));
    const d = loadDetail(files, 9);
    expect((d.files as string[])).toHaveLength(100);
    expect(d).toMatchObject({ more: 3, events: 9 });
    expect([d.bytes, d.formats, d.loaded, d.rejected].map((l) => (l as unknown[])[3])).toEqual([3, 'not loaded', 6, 1]);
    expect(detailText({ files: ['a', 'b', 'c', 'd', 'e'], params: [], events: 2 })).toBe('files: a, b, c, d, … (1 more) · events: 2');
  });
});
