// @vitest-environment jsdom
// Adding a Sigma rule: broken YAML, an unknown log source, a field our data lacks and an oversized file are
// refused with the reason; a good rule (pasted or chosen as a file) is added. Compiled by the real compiler.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import SigmaForm from '../../../src/lib/security/SigmaForm.svelte';
import { checkSigma } from '../../../src/lib/security/run/sigma.ts';

const GOOD = `title: Mailbox rule created
id: 0b7b0a3e-1111-4c1c-9e55-000000000002
author: Test Author
level: medium
tags: [attack.t1564.008]
logsource: { product: m365, service: exchange }
detection:
  selection: { Operation: New-InboxRule }
  condition: selection
`;

const settle = async () => { for (let i = 0; i < 4; i++) { await tick(); await new Promise((r) => setTimeout(r, 0)); } };

function mount() {
  const onadd = vi.fn();
  const compile = vi.fn(async (y: string) => checkSigma(y));
  render(SigmaForm, { compile, onadd });
  return { onadd, compile };
}

async function paste(text: string) {
  await fireEvent.input(screen.getByTestId('sigma-text'), { target: { value: text } });
  await fireEvent.click(screen.getByTestId('sigma-add'));
  await settle();
}

async function choose(name: string, text: string) {
  const input = screen.getByTestId('sigma-file') as HTMLInputElement;
  const file = new File([text], name, { type: 'application/yaml' });
  // jsdom's File has no text(); browsers' does
  if (typeof file.text !== 'function') Object.defineProperty(file, 'text', { value: async () => text });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await fireEvent.change(input);
  await settle();
}

describe('Sigma rule form', () => {
  it('refuses YAML that does not parse and says why', async () => {
    const { onadd } = mount();
    await paste('title: [unclosed\ndetection: {');
    expect(screen.getByTestId('sigma-error').textContent).toMatch(/not valid YAML/);
    expect(screen.getByRole('alert')).toBe(screen.getByTestId('sigma-error'));
    expect(onadd).not.toHaveBeenCalled();
  });

  it('refuses a log source it has no field map for, from a chosen file', async () => {
    const { onadd, compile } = mount();
    await choose('win.yml', 'title: Windows thing\nlogsource: { product: windows, category: process_creation }\ndetection: { s: { Image: x }, condition: s }\n');
    expect(compile).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('sigma-error').textContent).toMatch(/“Windows thing” cannot be used: no field map for logsource windows\/process_creation/);
    expect(onadd).not.toHaveBeenCalled();
  });

  it('names a field our exports do not have', async () => {
    const { onadd } = mount();
    await paste('title: Needs failure reason\nlogsource: { product: azure, service: signinlogs }\ndetection: { s: { failure_status_reason: x }, condition: s }\n');
    expect(screen.getByTestId('sigma-error').textContent).toMatch(/cannot be evaluated on these exports: no field for failure_status_reason/);
    expect(onadd).not.toHaveBeenCalled();
  });

  it('refuses an empty form and an oversized file without compiling', async () => {
    const { compile } = mount();
    await fireEvent.click(screen.getByTestId('sigma-add'));
    await settle();
    expect(screen.getByTestId('sigma-error').textContent).toMatch(/Paste a Sigma rule/);
    await choose('huge.yml', 'x'.repeat(300 * 1024));
    expect(screen.getByTestId('sigma-error').textContent).toMatch(/limit 256 KB/);
    expect(compile).not.toHaveBeenCalled();
  });

  it('adds a rule that compiles, with its title and the file it came from', async () => {
    const { onadd } = mount();
    await choose('inbox.yml', GOOD);
    expect(onadd).toHaveBeenCalledWith({ id: 'sigma:0b7b0a3e-1111-4c1c-9e55-000000000002', title: 'Mailbox rule created', yaml: GOOD, file: 'inbox.yml' });
    expect(screen.getByTestId('sigma-ok').textContent).toMatch(/Added “Mailbox rule created” \(m365\/exchange, level medium, T1564.008\)/);
    expect((screen.getByTestId('sigma-text') as HTMLTextAreaElement).value).toBe('');
  });
});
