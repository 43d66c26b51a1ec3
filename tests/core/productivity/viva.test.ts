import { existsSync, openAsBlob, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { TABLE_FORMATS } from '../../../src/core/ingest/tables/index.ts';
import { ingest } from '../../../src/core/ingest/session.ts';
import { splitCsv } from '../../../src/core/ingest/records/csv-framer.ts';
import { createWorkspaceKey } from '../../../src/core/privacy/pseudonym.ts';
import { productivityTrends } from '../../../src/core/productivity/trends.ts';
import { ENGINES, extensionRequests } from '../../helpers/engines.ts';

const DIR = '/work/shared/corpus/productivity';
const FILES = ['pq_data.csv', 'pq_data_vivainsights_R_2025.csv', 'sq_data_wpa.csv', 'dv_data_wpa.csv'];
const present = FILES.every((f) => existsSync(`${DIR}/${f}`));
if (!present) console.warn(`Viva sample tests skipped: ${FILES.join(', ')} not found under ${DIR}`);

/** The R 2025 sample read independently: Organization and Emails_sent per person per Sunday. */
function rSample() {
  const [head, ...lines] = readFileSync(`${DIR}/pq_data_vivainsights_R_2025.csv`, 'utf8').trim().split('\n');
  const h = splitCsv(head);
  const at = (n: string) => h.indexOf(n);
  return lines.map((l) => {
    const f = splitCsv(l);
    return { person: f[at('PersonId')], date: f[at('MetricDate')], org: f[at('Organization')], emails: Number(f[at('Emails_sent')]) };
  });
}

describe.skipIf(!present).each(ENGINES)('Viva Insights samples on $name', ({ open }) => {
  let engine: Engine;
  beforeAll(async () => { engine = await open(); });
  afterAll(async () => {
    await engine.close();
    expect(extensionRequests).toEqual([]);
  });

  it('reads all four person-query samples: ISO and US dates, Sunday weeks, NA as missing', async () => {
    const inputs = await Promise.all(FILES.map(async (f) => ({ blob: await openAsBlob(`${DIR}/${f}`), name: f })));
    const { files } = await ingest(engine, inputs, { formats: TABLE_FORMATS });
    // dv_data repeats 94 (PersonId, Date) rows of sq_data: the later copies count as duplicates.
    expect(files.map((r) => [r.format, r.read, r.loaded, r.duplicates, r.rejected])).toEqual([
      ['viva-person-query-csv', 1000, 1000, 0, 0], ['viva-person-query-csv', 6900, 6900, 0, 0],
      ['viva-person-query-csv', 4403, 4403, 0, 0], ['viva-person-query-csv', 877, 783, 94, 0],
    ]);
    const [s] = await engine.query(`SELECT count(*) FILTER (WHERE isodow(metric_date) <> 7)::INTEGER AS not_sunday,
      count(*) FILTER (WHERE metric_date = DATE '2019-12-15')::INTEGER AS us_dates,
      count(*) FILTER (WHERE organization IS NULL)::INTEGER AS missing_org FROM viva_person_week`);
    expect(s.not_sunday).toBe(0);
    expect(s.us_dates).toBeGreaterThan(0);
    expect(s.missing_org).toBe(35); // dv_data rows with Organization = NA that are not duplicates
  });

  it('aggregates the R sample by organisation per 4-week block, matching an independent computation', async () => {
    await engine.query('DELETE FROM viva_person_week');
    await ingest(engine, [{ blob: await openAsBlob(`${DIR}/pq_data_vivainsights_R_2025.csv`), name: 'pq.csv' }], { formats: TABLE_FORMATS });
    const r = await productivityTrends(engine, { by: 'department', key: await createWorkspaceKey(), metrics: ['emails_sent'] });
    // Block 2024-05-13/P4W holds the Viva weeks starting Sunday 12, 19, 26 May and 2 June.
    const sundays = new Set(['2024-05-12', '2024-05-19', '2024-05-26', '2024-06-02']);
    const perPerson = new Map<string, { org: string; values: number[] }>();
    for (const row of rSample()) {
      if (!sundays.has(row.date)) continue;
      const p = perPerson.get(row.person) ?? { org: row.org, values: [] };
      p.values.push(row.emails);
      perPerson.set(row.person, p);
    }
    for (const org of ['Finance', 'Research', 'Sales']) {
      const means = [...perPerson.values()].filter((p) => p.org === org).map((p) => p.values.reduce((a, b) => a + b) / p.values.length);
      const cell = r.groups.find((c) => c.group === `department:${org}` && c.period === '2024-05-13/P4W');
      expect(cell?.members).toBe(means.length);
      expect(cell?.metrics.emails_sent).toBeCloseTo(means.reduce((a, b) => a + b) / means.length, 3);
    }
    // 7 organisations + the total, 23 weeks in 7 blocks; all organisations have at least 13 people.
    expect(new Set(r.groups.map((c) => c.group)).size).toBe(8);
    expect(r.suppressed).toBe(0);
  });
});
