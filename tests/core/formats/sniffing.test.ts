import { describe, expect, it } from 'vitest';
import { FORMATS, formatById } from '../../../src/core/ingest/formats/index.ts';
import { load, wellFormed } from './load.ts';

const CLAIMS: Record<string, string> = {
  'm365-purview.csv': 'm365-ual-csv',
  'm365-classic.csv': 'm365-ual-csv',
  'm365-search.csv': 'm365-ual-csv',
  'm365-flattened.csv': 'm365-ual-csv',
  'm365-activity.json': 'm365-ual-json',
  'm365-lowercase.jsonl': 'm365-ual-json',
  'm365-search.json': 'm365-ual-json',
  'm365-graph.json': 'm365-ual-json',
  'entra-signins.json': 'entra-signin-json',
  'entra-graph-signins.json': 'entra-signin-json',
  'entra-audit.jsonl': 'entra-signin-json',
  'gws-activities.json': 'gws-reports-json',
  'gws-pages.json': 'gws-reports-json',
  'gws-elastic.ndjson': 'gws-reports-json',
  'gws-panther.jsonl': 'gws-reports-json',
  'github-audit.json': 'github-audit-json',
  'github-audit.ndjson': 'github-audit-json',
  'github-audit.csv': 'github-audit-csv',
  'anypoint-audit.json': 'anypoint-audit-json',
};

describe('format registry', () => {
  it('lists every format id once and finds them by id', () => {
    const ids = FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(7);
    for (const id of ids) expect(formatById(id)?.id).toBe(id);
    expect(formatById('nope')).toBeUndefined();
  });
});

describe('every fixture is claimed by exactly its format', () => {
  for (const [file, id] of Object.entries(CLAIMS)) {
    it(`${file} → ${id}, every other format scores 0`, async () => {
      const loaded = await load(file);
      expect(loaded.format.id).toBe(id);
      for (const [other, score] of Object.entries(loaded.scores)) if (other !== id) expect(score, other).toBe(0);
      expect(loaded.rows.length).toBeGreaterThan(0);
      for (const row of loaded.rows) expect(wellFormed(row), JSON.stringify(row)).toEqual([]);
    });
  }
});

describe('sniffers refuse what is not theirs', () => {
  const json = FORMATS.filter((f) => f.framing === 'json');
  const csv = FORMATS.filter((f) => f.framing === 'csv');
  it('scalars, arrays and unrelated objects score 0 everywhere', () => {
    for (const rec of [null, 3, 'text', [1, 2], {}, { hello: 'world' }, { data: [], total: 0 }]) {
      for (const f of json) if (f.framing === 'json') expect(f.sniffRecord(rec), `${f.id} ${JSON.stringify(rec)}`).toBe(0);
    }
  });
  it('unrelated CSV headers score 0 everywhere', () => {
    for (const header of [['a', 'b'], ['Date (UTC)', 'Request ID', 'User agent'], ['PersonId', 'MetricDate', 'Collaboration_hours']]) {
      for (const f of csv) if (f.framing === 'csv') expect(f.sniffHeader(header), f.id).toBe(0);
    }
  });
  it('matches CSV header names case-insensitively, trimmed, with a BOM', () => {
    const m365 = formatById('m365-ual-csv');
    if (m365?.framing !== 'csv') throw new Error('csv format expected');
    expect(m365.sniffHeader(['\uFEFFcreationdate ', ' USERIDS', 'operations', 'auditdata'])).toBeGreaterThan(0.9);
  });
});
