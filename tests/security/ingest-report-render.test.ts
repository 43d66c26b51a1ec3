// @vitest-environment jsdom
// Log-derived text (file names, error reasons) must reach the page as inert text: no element, attribute or
// script an export author planted may appear in the DOM.

import { cleanup, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import IngestReport from '../../src/lib/components/IngestReport.svelte';
import { newReport, type FileReport } from '../../src/core/ingest/report.ts';
import { HOSTILE_CONTROL, HOSTILE_MARKUP, HOSTILE_UNICODE, HOSTILE_URLS, FORMULA_PAYLOADS, HUGE } from '../helpers/hostile.ts';

afterEach(cleanup);

const TAGS = 'script, img, svg, iframe, a, style, h1, b, object, embed, form, input, link, meta';

function reportFor(name: string, reasons: string[], fatal: string | null): FileReport {
  const r = newReport(1, name);
  r.format = fatal ? null : 'github-audit-json';
  r.read = reasons.length + 1;
  r.loaded = 1;
  r.rejected = reasons.length;
  r.errors = reasons.map((reason, i) => ({ line: i + 2, reason }));
  r.fatal = fatal;
  return r;
}

describe('IngestReport renders hostile names and reasons as text', () => {
  const hostile = [...HOSTILE_MARKUP, ...HOSTILE_URLS, ...HOSTILE_UNICODE, ...HOSTILE_CONTROL, ...FORMULA_PAYLOADS];

  it.each(hostile.map((s) => [JSON.stringify(s).slice(0, 60), s]))('%s', (_label, s) => {
    const files = [reportFor(s, [s, `invalid JSON: ${s}`], null), reportFor(`${s}.zip › ${s}`, [], s)];
    const { container } = render(IngestReport, { props: { summary: { files, events: 2, ms: 1 }, events: 2 } });
    expect(container.querySelectorAll(TAGS)).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    const names = [...container.querySelectorAll('.file .name')].map((e) => e.textContent);
    expect(names).toEqual([s, `${s}.zip › ${s}`]);
    const items = [...container.querySelectorAll('li')].map((e) => e.textContent);
    expect(items).toEqual([`line 2: ${s}`, `line 3: invalid JSON: ${s}`]);
    expect(container.querySelector('.fatal')?.textContent).toContain(s);
    for (const el of container.querySelectorAll('*'))
      for (const attr of el.getAttributeNames()) expect(attr, `attribute on <${el.tagName}>`).not.toMatch(/^on|^href$|^src$|^srcdoc$/i);
  });

  it('a 1 MB file name and reason render whole, as text', () => {
    const files = [reportFor(HUGE, [HUGE], null)];
    const { container } = render(IngestReport, { props: { summary: { files, events: 1, ms: 1 }, events: 1 } });
    expect(container.querySelector('.file .name')?.textContent).toHaveLength(HUGE.length);
    expect(container.querySelector('li')?.textContent).toBe(`line 2: ${HUGE}`);
  });
});
