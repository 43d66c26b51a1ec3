// @vitest-environment jsdom
// A real load stopped at the memory ceiling (DuckDB-WASM, with the limit forced down) is shown prominently:
// where it stopped and after how many rows, the report's own reason and command-line advice, the files not
// read, and the events that stay queryable.

import { Blob as NodeBlob } from 'node:buffer';
import { cleanup, render } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import CeilingNotice from '../../../src/lib/trust/CeilingNotice.svelte';
import { ceilingStop } from '../../../src/lib/trust/ceiling.ts';
import { FORMATS } from '../../../src/core/ingest/formats/index.ts';
import { ingest } from '../../../src/core/ingest/session.ts';
import { generateDemo } from '../../../fixtures/generate/index.ts';
import { openWasmNode } from '../../../workers/engine/wasm-node.ts';

afterEach(cleanup);

describe('memory ceiling in the page', () => {
  it('says how far loading got, why, what to do instead, and that the loaded events stay queryable', async () => {
    const engine = await openWasmNode();
    const demo = generateDemo({ users: 40, days: 7, scenarios: [] });
    const pick = ['m365/purview-audit.csv', 'github/audit-log.json', 'entra/signins.json'];
    // Node's Blob: jsdom's has no stream()
    const inputs = pick.map((path) => ({ blob: new NodeBlob([demo.files.find((f) => f.path === path)!.text]) as unknown as Blob, name: path }));
    const res = await ingest(engine, inputs, { formats: FORMATS, retentionMonths: 24, memory: { limitBytes: 1, every: 1 } });
    const [{ n }] = await engine.query('SELECT count(*)::DOUBLE AS n FROM events');
    await engine.close();

    const at = res.files.findIndex((f) => f.fatal?.startsWith('stopped'));
    expect(at, 'the forced limit stops the load before the last file').toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(pick.length - 1);
    const stop = ceilingStop(res.files)!;
    expect(stop).toMatchObject({ file: pick[at], filesLoaded: res.files.filter((f) => f.loaded > 0).length, skipped: pick.slice(at + 1) });
    expect(stop.rowsRead).toBe(res.files[at].read);
    expect(stop.reason).toMatch(/^The engine's memory is nearly full \(\d+ MB of 0 MB\); loading stopped here and what was loaded stays queryable\.$/);
    expect(stop.advice).toMatch(/^For larger exports use the command line: npm run cli -- convert/);
    expect(Number(n)).toBe(res.files.reduce((t, f) => t + f.loaded, 0));
    expect(Number(n)).toBeGreaterThan(0);

    const { container } = render(CeilingNotice, { props: { files: res.files, events: Number(n) } });
    const notice = container.querySelector('[data-testid="ceiling-notice"]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    const skipped = pick.length - 1 - at;
    expect(notice.textContent).toContain(`Stopped in ${pick[at]} after ${stop.rowsRead.toLocaleString('en-US')} rows. ${stop.filesLoaded} of 3 files were loaded; ${skipped} were not read.`);
    expect(notice.textContent).toContain(`The ${Number(n).toLocaleString('en-US')} events loaded stay queryable`);
    expect(notice.querySelector('[data-testid="ceiling-advice"]')!.textContent).toBe(stop.advice);
    expect([...notice.querySelectorAll('li')].map((li) => li.textContent)).toEqual(pick.slice(at + 1));
  });

  it('shows nothing when loading did not stop at the ceiling', () => {
    const { container } = render(CeilingNotice, { props: { files: [], events: 0 } });
    expect(container.querySelector('[data-testid="ceiling-notice"]')).toBeNull();
  });
});
