// @vitest-environment jsdom
// The console explains at once why a statement is refused, and only ever sends accepted ones to the engine.

import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import SqlConsole from '../../src/lib/components/SqlConsole.svelte';

function api(fail?: string) {
  return {
    consoleRun: vi.fn(async () => {
      if (fail) throw new Error(fail);
      return { kind: 'query' as const, columns: [{ name: 'n', type: 'BIGINT' }], rows: 1, truncated: false, ms: 3 };
    }),
    consolePage: vi.fn(async () => [{ n: 7 }]),
    consoleCancel: vi.fn(async () => true),
  };
}

async function runWith(text: string, a = api()) {
  render(SqlConsole, { api: a });
  await fireEvent.input(screen.getByLabelText(/SQL query/), { target: { value: text } });
  await fireEvent.click(screen.getByRole('button', { name: 'Run query' }));
  for (let i = 0; i < 4; i++) await tick();
  return a;
}

describe('SQL console', () => {
  it('refuses a write and says the console is read-only, without calling the engine', async () => {
    const a = await runWith('DELETE FROM events WHERE 1=1');
    expect(screen.getByRole('alert').textContent).toMatch(/read-only/);
    expect(a.consoleRun).not.toHaveBeenCalled();
  });

  it('refuses a second statement', async () => {
    const a = await runWith('SELECT 1; DROP TABLE events');
    expect(screen.getByRole('alert').textContent).toMatch(/one statement at a time/i);
    expect(a.consoleRun).not.toHaveBeenCalled();
  });

  it('refuses file readers by name', async () => {
    await runWith("SELECT * FROM read_csv('x.csv')");
    expect(screen.getByRole('alert').textContent).toMatch(/read_csv\(\) is not allowed/);
  });

  it('sends an accepted query and shows the result count', async () => {
    const a = await runWith('SELECT count(*) AS n FROM events');
    expect(a.consoleRun).toHaveBeenCalledWith('SELECT count(*) AS n FROM events', 100_000);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('sql-summary').textContent).toMatch(/^1 row/);
  });

  it('shows the engine\'s error for a query that fails', async () => {
    await runWith('SELECT nope FROM events', api('Binder Error: Referenced column "nope" not found'));
    expect(screen.getByRole('alert').textContent).toContain('Referenced column "nope" not found');
  });
});
