// Conformance against public sample records kept outside the repo (../shared/corpus, see its README).
// Rule-engine test events are replayed record by record: each must be claimed by the right format
// and give at least one row with a valid time, unless the record itself carries no usable time.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS, formatById } from '../../../src/core/ingest/formats/index.ts';
import { RowError, type JsonFormat } from '../../../src/core/ingest/formats/format.ts';
import { repoRoot } from './load.ts';

const corpus = path.resolve(repoRoot, '../shared/corpus');
const present = existsSync(corpus);
const jsonFormats = FORMATS.filter((f): f is JsonFormat => f.framing === 'json');

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasAny = (o: Obj, keys: string[]) => keys.some((k) => o[k] !== undefined && o[k] !== null && o[k] !== '');

/**
 * Why a record may be refused. Test events are trimmed to the fields their rule reads, so many carry
 * no time at all; our rows must have one (no silent defaults). One rule's tests use a malformed time.
 */
const REFUSALS: Record<string, (log: Obj) => RegExp | null> = {
  'm365-ual-json': (log) => (hasAny(log, ['CreationTime', 'creationtime']) ? null : /^no time field/),
  'entra-signin-json': (log) => {
    const props = isObj(log.properties) ? log.properties : {};
    return hasAny(log, ['time']) || hasAny(props, ['createdDateTime', 'activityDateTime']) ? null : /^no time field/;
  },
  'gws-reports-json': (log) => (isObj(log.id) && hasAny(log.id, ['time']) ? null : /^no time field \(id\.time\)$/),
  'github-audit-json': (log) => {
    if (!hasAny(log, ['@timestamp', 'at_sign_timestamp', 'created_at', 'timestamp'])) return /^no time field/;
    return log.created_at === '2024-12-17 00:00:00000000' ? /^no valid time in created_at: '2024-12-17 00:00:00000000'$/ : null;
  },
};

const FILES: [file: string, formatId: string][] = [
  ['m365_ual/panther_Microsoft365.Audit_tests.jsonl', 'm365-ual-json'],
  ['entra_id/panther_Azure.Audit_tests.jsonl', 'entra-signin-json'],
  ['github/panther_GitHub.Audit_tests.jsonl', 'github-audit-json'],
  ['google_workspace/panther_GSuite.ActivityEvent_tests.jsonl', 'gws-reports-json'],
];

interface Outcome { name: string; claimedBy: string | null; rows: number; validTs: boolean; error: string | null }

function bestFormat(record: unknown): string | null {
  let best: string | null = null, score = 0;
  for (const f of jsonFormats) { const s = f.sniffRecord(record); if (s > score) { score = s; best = f.id; } }
  return best;
}

function replay(record: Obj, name: string, formatId: string): Outcome {
  const format = formatById(formatId) as JsonFormat;
  try {
    const rows = format.read(record);
    return { name, claimedBy: bestFormat(record), rows: rows.length, validTs: rows.every((r) => Number.isFinite(r.ts)), error: null };
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    return { name, claimedBy: bestFormat(record), rows: 0, validTs: false, error: e.message };
  }
}

const lines = (file: string) => readFileSync(path.join(corpus, file), 'utf8').split('\n').filter((l) => l.trim());

describe.skipIf(!present)(`public corpus conformance (${corpus})`, () => {
  for (const [file, formatId] of FILES) {
    const records = present ? lines(file).map((l) => JSON.parse(l) as { log: Obj; _rule_id: string; _test_name: string }) : [];
    const outcomes = records.map((w) => ({ ...replay(w.log, `${w._rule_id} / ${w._test_name}`, formatId), log: w.log }));
    const read = outcomes.filter((o) => o.rows > 0 && o.validTs).length;

    it(`${path.basename(file)}: ${outcomes.length}/${outcomes.length} claimed by ${formatId}, ${read} read, ${outcomes.length - read} refused for a stated reason`, () => {
      expect(outcomes.length).toBeGreaterThan(0);
      for (const o of outcomes) {
        expect(o.claimedBy, o.name).toBe(formatId);
        const allowed = REFUSALS[formatId](o.log);
        if (allowed) expect(o.error, o.name).toMatch(allowed);
        else expect({ name: o.name, error: o.error, rows: o.rows > 0, validTs: o.validTs }).toEqual({ name: o.name, error: null, rows: true, validTs: true });
      }
    });
  }

  it('reads the SIEM-table rows (Sentinel OfficeActivity and AuditLogs) as best-effort dialects', () => {
    for (const [file, formatId] of [['m365_ual/OfficeActivityEvents.json', 'm365-ual-json'], ['entra_id/AADAuditEvents.json', 'entra-signin-json']]) {
      for (const line of lines(file)) {
        const record = JSON.parse(line) as Obj;
        expect(bestFormat(record), file).toBe(formatId);
        const rows = (formatById(formatId) as JsonFormat).read(record);
        expect(rows.length).toBe(1);
        expect(Number.isFinite(rows[0].ts)).toBe(true);
      }
    }
  });

  it('claims no Defender advanced-hunting rows (not an audit export we support)', () => {
    for (const line of lines('m365_ual/Microsoft365DefenderEvents.json')) expect(bestFormat(JSON.parse(line))).toBeNull();
  });
});

if (!present) {
  describe('public corpus conformance', () => {
    it.skip(`skipped: ${corpus} is absent (the public sample corpus is kept outside the repository)`, () => {});
  });
}
