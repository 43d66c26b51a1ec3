// The trail kept in a file of the origin-private file system: entries survive a reopen, the chain goes on across
// it, a line cut short by a closing tab is dropped, and any other damage stops appends and shows in verification.

import { describe, expect, it } from 'vitest';
import { Trail, verifyEntries, verifyTrail } from '../../../src/core/trail/index.ts';
import { FileTrailStore, TRAIL_FILE } from '../../../src/core/trail/opfs-store.ts';
import { MemoryDir, MemoryFile } from './memory-dir.ts';

const clock = () => { let t = Date.UTC(2026, 8, 1, 9); return () => (t += 1000); };

async function sample(dir: MemoryDir) {
  const trail = new Trail(await FileTrailStore.open(dir), clock());
  await trail.record('load-files', { files: ['a.csv', 'b.json'], events: 12 });
  await trail.record('view-person', { person: 'p-7f3a' });
  await trail.record('run-query', { query: 'SELECT 1', params: [] });
  return trail;
}

const fileText = (dir: MemoryDir) => new TextDecoder().decode((dir.children.get(TRAIL_FILE) as MemoryFile).data);

describe('FileTrailStore', () => {
  it('keeps entries across a reopen and the chain goes on unbroken', async () => {
    const dir = new MemoryDir();
    const first = await sample(dir);
    const written = await first.entries();
    const reopened = await FileTrailStore.open(dir);
    expect(await reopened.entries()).toEqual(written);
    expect(reopened.damage).toBeNull();
    const trail = new Trail(reopened, clock());
    await trail.record('export', { what: 'timeline.png', rows: 0 });
    const all = await trail.entries();
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyEntries(all)).toMatchObject({ ok: true, entries: 4 });
    expect(await verifyTrail(await trail.exportNdjson())).toMatchObject({ ok: true, entries: 5 });
  });

  it('writes one canonical line per entry, the lines an export holds before its seal', async () => {
    const dir = new MemoryDir();
    const trail = await sample(dir);
    const exported = await trail.exportNdjson();
    const stored = fileText(dir);
    expect(exported.startsWith(stored.split('\n').slice(0, 3).join('\n'))).toBe(true);
    expect(stored.split('\n')).toHaveLength(5); // 3 entries, the seal, and the final line end
  });

  it('drops a last line cut short by a closing tab, and appends after the last whole entry', async () => {
    const dir = new MemoryDir();
    await sample(dir);
    const file = dir.children.get(TRAIL_FILE) as MemoryFile;
    const text = fileText(dir);
    file.data = new TextEncoder().encode(text + text.split('\n')[0].slice(0, 40));
    const store = await FileTrailStore.open(dir);
    expect(store.damage).toMatchObject({ line: 4, repaired: true });
    const trail = new Trail(store, clock());
    await trail.record('export', { what: 'events.csv', rows: 3 });
    expect(fileText(dir).startsWith(text)).toBe(true);
    expect(await verifyTrail(fileText(dir), { sealed: false })).toMatchObject({ ok: true, entries: 4 });
  });

  it('refuses to append after damage in the middle, which verification reports', async () => {
    const dir = new MemoryDir();
    await sample(dir);
    const file = dir.children.get(TRAIL_FILE) as MemoryFile;
    const lines = fileText(dir).split('\n');
    lines[1] = '{"seq":2, oops';
    file.data = new TextEncoder().encode(lines.join('\n'));
    const store = await FileTrailStore.open(dir);
    expect(store.damage).toMatchObject({ line: 2, reason: 'not valid JSON', repaired: false });
    expect(await store.entries()).toHaveLength(1);
    await expect(new Trail(store).record('export', { what: 'x', rows: 1 })).rejects.toThrow(/damaged at line 2/);
    expect(await verifyTrail(fileText(dir), { sealed: false })).toMatchObject({ ok: false, line: 2 });
  });

  it('reads an edited entry back as it is, so verification catches it', async () => {
    const dir = new MemoryDir();
    await sample(dir);
    const file = dir.children.get(TRAIL_FILE) as MemoryFile;
    file.data = new TextEncoder().encode(fileText(dir).replace('p-7f3a', 'p-0000'));
    const store = await FileTrailStore.open(dir);
    expect(store.damage).toBeNull();
    expect(await verifyEntries(await store.entries())).toMatchObject({ ok: false, line: 2, reason: expect.stringMatching(/edited/) });
  });
});
