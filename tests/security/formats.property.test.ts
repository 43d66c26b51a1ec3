// Every format module, fed records shaped like its own exports but with any field replaced by arbitrary JSON,
// either returns well-formed rows or refuses the record with a RowError. Nothing else may escape.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/core/ingest/formats/index.ts';
import { RowError, type CsvFormat, type JsonFormat } from '../../src/core/ingest/formats/format.ts';
import type { EventRow } from '../../src/core/schema/events.ts';

const T = '2026-03-02T10:15:00.123Z';
const m365 = { CreationTime: '2026-03-02T10:15:00', Id: 'r-1', Operation: 'FileAccessed', OrganizationId: 'o-1', RecordType: 6,
  UserId: 'a@contoso.example', UserType: 0, Workload: 'SharePoint', ClientIP: '203.0.113.7:443', ObjectId: 'https://x/doc.docx',
  Parameters: [{ Name: 'Identity', Value: 'b@contoso.example' }], ModifiedProperties: [{ Name: 'Role', NewValue: 'Admin', OldValue: '' }] };
const signIn = { id: 's-1', createdDateTime: T, userPrincipalName: 'a@contoso.example', userId: 'u-1', appId: 'app', appDisplayName: 'Teams',
  ipAddress: '198.51.100.4', clientAppUsed: 'Browser', status: { errorCode: 50126, failureReason: 'bad password' },
  location: { countryOrRegion: 'DE', city: 'Berlin' }, deviceDetail: { operatingSystem: 'Windows' }, conditionalAccessStatus: 'success' };

/** Per JSON format: records in the shapes its exports take. */
const SAMPLES: Record<string, unknown[]> = {
  'm365-ual-json': [m365, { CreationDate: T, UserIds: 'a@contoso.example', Operations: 'FileAccessed', RecordType: 'SharePointFileOperation', AuditData: JSON.stringify(m365), Identity: 'r-1' }],
  'entra-signin-json': [signIn, { time: T, operationName: 'Sign-in activity', category: 'SignInLogs', resultType: '0', callerIpAddress: '198.51.100.4', properties: signIn },
    { id: 'a-1', activityDateTime: T, activityDisplayName: 'Add member to role', category: 'RoleManagement', result: 'success',
      initiatedBy: { user: { userPrincipalName: 'admin@contoso.example', ipAddress: '203.0.113.9' } },
      targetResources: [{ type: 'User', userPrincipalName: 'b@contoso.example', modifiedProperties: [{ displayName: 'Role.DisplayName', newValue: '"Global Administrator"' }] }] }],
  'gws-reports-json': [{ kind: 'admin#reports#activity', id: { time: T, uniqueQualifier: '1', applicationName: 'drive', customerId: 'C0' },
    actor: { email: 'a@contoso.example', profileId: '1' }, ipAddress: '203.0.113.7',
    events: [{ type: 'access', name: 'download', parameters: [{ name: 'doc_id', value: 'd1' }, { name: 'visibility', boolValue: true }, { name: 'owners', multiValue: ['x', 'y'] }] }] }],
  'github-audit-json': [{ '@timestamp': 1772446500000, _document_id: 'd-1', action: 'repo.create', actor: 'octocat', actor_ip: '198.51.100.4',
    actor_location: { country_code: 'DE' }, created_at: 1772446500000, org: 'contoso', repo: 'contoso/api', visibility: 'private' }],
  'anypoint-audit-json': [{ id: 'e-1', timestamp: T, action: 'Create', subaction: 'Deploy', objectType: 'Application', objectName: 'orders-api',
    platform: 'Runtime Manager', organizationId: 'o-1', user: { username: 'dev1', email: 'dev1@contoso.example' }, ipAddress: '203.0.113.7', payload: { env: 'prod' } }],
};

/** Per CSV format: a header as its exports have it, and one row. */
const CSV_SAMPLES: Record<string, [header: string[], row: string[]]> = {
  'm365-ual-csv': [['RecordId', 'CreationDate', 'RecordType', 'Operation', 'UserId', 'AuditData', 'AssociatedAdminUnits'],
    ['r-1', `${T} `, '6', 'FileAccessed', 'a@contoso.example', JSON.stringify(m365), '']],
  'github-audit-csv': [['@timestamp', 'action', 'actor', 'actor_ip', 'actor_location.country_code', 'org', 'repo', '_document_id'],
    ['1772446500000', 'repo.create', 'octocat', '198.51.100.4', 'DE', 'contoso', 'contoso/api', 'd-1']],
};

const weird = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 12 }), fc.double(), fc.constantFrom('', ' ', 'null', '-', '0', '1e400', '__proto__', '{"a":', '[]', '{}'),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString())),
);

/** Keeps the shape of `template` while any value may be swapped for junk or dropped. */
function mutate(template: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (Array.isArray(template)) return fc.oneof(weird, fc.array(fc.oneof(...template.map((t) => mutate(t, depth + 1))), { maxLength: 3 }));
  if (template && typeof template === 'object') {
    const keys = Object.entries(template as Record<string, unknown>);
    const fields = fc.tuple(...keys.map(([, v]) => fc.option(fc.oneof({ weight: 3, arbitrary: mutate(v, depth + 1) }, { weight: 1, arbitrary: weird }), { freq: 8 })));
    const obj = fields.map((vals) => Object.fromEntries(keys.flatMap(([k], i) => (vals[i] === null ? [] : [[k, vals[i]]]))));
    return depth === 0 ? obj : fc.oneof({ weight: 4, arbitrary: obj }, { weight: 1, arbitrary: weird });
  }
  return fc.oneof({ weight: 2, arbitrary: fc.constant(template) }, { weight: 1, arbitrary: weird });
}

function checkRows(rows: EventRow[]): void {
  expect(Array.isArray(rows)).toBe(true);
  for (const r of rows) {
    expect(Number.isFinite(r.ts)).toBe(true);
    expect(typeof r.action).toBe('string');
    for (const v of Object.values(r.attrs)) expect(typeof v).toBe('string');
  }
}

/** Runs one read; counts outcomes so a test can check that both kinds really occurred. */
function onlyRowError(run: () => EventRow[], seen: { rows: number; refused: number }): void {
  let rows: EventRow[];
  try { rows = run(); } catch (e) {
    if (e instanceof RowError) { seen.refused++; return; }
    throw e;
  }
  checkRows(rows);
  seen.rows += rows.length;
}

const jsonFormats = FORMATS.filter((f): f is JsonFormat => f.framing === 'json');
const csvFormats = FORMATS.filter((f): f is CsvFormat => f.framing === 'csv');

describe.each(jsonFormats.map((f) => [f.id, f] as const))('%s read()', (id, format) => {
  it('reads its own sample shapes', () => {
    expect(SAMPLES[id], `add sample records for ${id}`).toBeDefined();
    for (const s of SAMPLES[id]) {
      const rows = format.read(s);
      expect(rows.length).toBeGreaterThan(0);
      checkRows(rows);
    }
  });

  it('returns rows or throws RowError for mutated records, wrappers and arbitrary JSON', () => {
    const record = fc.oneof(...SAMPLES[id].map((s) => mutate(s)));
    const anything = fc.oneof(
      { weight: 4, arbitrary: record },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('items', 'value', 'data', 'records', 'activities'), fc.array(record, { maxLength: 3 })).map(([k, v]) => ({ [k]: v })) },
    );
    const seen = { rows: 0, refused: 0 };
    fc.assert(fc.property(anything, (v) => onlyRowError(() => format.read(v), seen)), { numRuns: 400, seed: 5 });
    expect(seen.rows).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });
});

describe.each(csvFormats.map((f) => [f.id, f] as const))('%s open() and read()', (id, format) => {
  it('returns rows or throws RowError for any field values', () => {
    expect(CSV_SAMPLES[id], `add a header and row for ${id}`).toBeDefined();
    const [header, sample] = CSV_SAMPLES[id];
    expect(format.sniffHeader(header)).toBeGreaterThan(0);
    const reader = format.open(header);
    expect(reader.read(sample).length).toBeGreaterThan(0);
    const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
    const field = (value: string) => fc.oneof({ weight: 3, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: weird.map(asText) },
      { weight: 1, arbitrary: mutate(m365).map(asText) });
    const seen = { rows: 0, refused: 0 };
    fc.assert(fc.property(fc.tuple(...sample.map(field)), (fields) => onlyRowError(() => reader.read(fields), seen)), { numRuns: 400, seed: 6 });
    expect(seen.rows).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('open() on an arbitrary header throws nothing but RowError', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...CSV_SAMPLES[id][0])), { maxLength: 10 }), (h) => {
      try { format.open(h); } catch (e) { if (!(e instanceof RowError)) throw e; }
    }), { numRuns: 200, seed: 8 });
  });
});
