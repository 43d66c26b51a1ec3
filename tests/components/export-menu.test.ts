// @vitest-environment jsdom
// The export menu opens and closes from the keyboard and saves the CSV text it is given as a file.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ExportMenu from '../../src/lib/components/ExportMenu.svelte';

describe('ExportMenu', () => {
  afterEach(() => vi.restoreAllMocks());

  it('offers only what it was given, and Escape closes it', async () => {
    render(ExportMenu, { title: 'Top actions', csv: async () => 'a\r\n' });
    const button = screen.getByRole('button', { name: /Export/ });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: 'CSV data' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'PNG image' })).toBeNull();
    await fireEvent.keyDown(screen.getByRole('button', { name: 'CSV data' }), { key: 'Escape' });
    expect(screen.queryByRole('button', { name: 'CSV data' })).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('downloads the CSV text under a file name made from the title', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => { blobs.push(b); return 'blob:test'; }) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download); });
    render(ExportMenu, { title: 'Top actions', csv: async () => 'key,n\r\n"=cmd",3\r\n' });
    await fireEvent.click(screen.getByRole('button', { name: /Export/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'CSV data' }));
    for (let i = 0; i < 4; i++) await tick();
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^auditlens-top-actions-\d{4}-\d\d-\d\d\.csv$/);
    const text = await new Promise<string>((ok) => { const r = new FileReader(); r.onload = () => ok(String(r.result)); r.readAsText(blobs[0]); });
    expect(text).toBe('key,n\r\n"=cmd",3\r\n');
    expect(screen.queryByRole('button', { name: 'CSV data' })).toBeNull();
  });
});
