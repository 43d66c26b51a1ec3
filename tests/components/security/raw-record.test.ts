// @vitest-environment jsdom
// The original record is shown as inert text: markup from a hostile export never becomes elements, hidden and
// direction-changing characters are made visible, and "Copy" copies the record exactly as stored.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import RawRecord from '../../../src/lib/security/RawRecord.svelte';
import { HOSTILE_CONTROL, HOSTILE_MARKUP, HOSTILE_UNICODE, HOSTILE_URLS, HUGE, RLO, ZWSP } from '../../helpers/hostile.ts';

const settle = async () => { for (let i = 0; i < 4; i++) { await tick(); await new Promise((r) => setTimeout(r, 0)); } };
const pwned = () => (window as unknown as { __pwned?: number }).__pwned;

describe('raw record viewer', () => {
  afterEach(() => { vi.unstubAllGlobals(); });

  it('shows a hostile JSON record as text, indented, with hidden characters visible', async () => {
    const record = JSON.stringify({ Operation: 'New-InboxRule', Parameters: [...HOSTILE_MARKUP, ...HOSTILE_URLS, ...HOSTILE_UNICODE, ...HOSTILE_CONTROL] });
    const { container } = render(RawRecord, { read: async () => ({ text: record }) });
    await settle();
    const pre = screen.getByTestId('raw-text');
    expect(pre.children).toHaveLength(0);
    expect(container.querySelector('script, img, iframe, svg, style, a, #injected')).toBeNull();
    expect(pwned()).toBeUndefined();
    const text = pre.textContent!;
    expect(text).toContain('"Operation": "New-InboxRule"');
    expect(text).toContain('<img src=x onerror=\\"window.__pwned=1\\">');
    expect(text).toContain('</td></tr></table><h1 id=\\"injected\\">injected</h1>');
    expect(text).not.toContain(RLO);
    expect(text).not.toContain(ZWSP);
    expect(text).toContain('invoice⟨U+202E⟩fdp.exe');
    expect(text).toContain('ad⟨U+200B⟩min@contoso.com');
  });

  it('shows a hostile CSV line with the file\'s column names, and as stored on request', async () => {
    const line = `2026-09-01T10:00:00,"<script>window.__pwned=1</script>","{""Subject"":""${RLO}gpj.exe""}"`;
    render(RawRecord, { read: async () => ({ text: line, header: 'CreationDate,Operation,AuditData' }) });
    await settle();
    const text = () => screen.getByTestId('raw-text').textContent!;
    expect(text()).toContain('Operation: <script>window.__pwned=1</script>');
    expect(text()).toContain('"Subject": "⟨U+202E⟩gpj.exe"');
    await fireEvent.click(screen.getByLabelText('As stored'));
    await settle();
    expect(text()).toBe(line.replace(RLO, '⟨U+202E⟩'));
    expect(pwned()).toBeUndefined();
  });

  it('copies the record exactly as stored, hidden characters included', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const record = `{"name":"${RLO}evil"}`;
    render(RawRecord, { read: async () => ({ text: record }) });
    await settle();
    await fireEvent.click(screen.getByTestId('raw-copy'));
    await settle();
    expect(writeText).toHaveBeenCalledWith(record);
    expect(screen.getByText(/Copied the record as stored/)).toBeTruthy();
  });

  it('says when the browser refuses to copy, and when the record cannot be read', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: async () => { throw new Error('denied'); } } });
    render(RawRecord, { read: async () => ({ text: '{}' }) });
    await settle();
    await fireEvent.click(screen.getByTestId('raw-copy'));
    await settle();
    expect(screen.getByText(/did not allow copying/)).toBeTruthy();
    render(RawRecord, { read: async () => { throw new Error('no loaded file with id 7'); } });
    await settle();
    expect(screen.getByRole('alert').textContent).toContain('no loaded file with id 7');
  });

  it('renders a megabyte-long value without trouble', async () => {
    render(RawRecord, { read: async () => ({ text: JSON.stringify({ v: HUGE }) }) });
    await settle();
    expect(screen.getByTestId('raw-text').textContent!.length).toBeGreaterThan(HUGE.length);
  });
});
