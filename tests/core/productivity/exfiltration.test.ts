// Attacks 17–19 and 21 end to end: free text, pseudonym reversal, identifiers in the released numbers, and
// the deleted-user signal. Everything a manager could receive is the JSON of a release.

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { splitCsv } from '../../../src/core/ingest/records/csv-framer.ts';
import { hrDirectory } from '../../../src/core/ingest/tables/directory-hr.ts';
import { usageEmail } from '../../../src/core/ingest/tables/usage-email.ts';
import { vivaPersonQuery } from '../../../src/core/ingest/tables/viva-person.ts';
import { createWorkspaceKey, pseudonymiseAll } from '../../../src/core/privacy/pseudonym.ts';
import { DIMENSIONS } from '../../../src/core/productivity/groups.ts';
import { productivityTrends } from '../../../src/core/productivity/trends.ts';
import { ENGINES, extensionRequests } from '../../helpers/engines.ts';
import { HR_HEADER, putEvents, putTable, type TestEvent } from './fixtures.ts';

const NAMES = Array.from({ length: 14 }, (_, i) => `Zelda${String.fromCharCode(65 + i)} Quixote`);
const EMAILS = NAMES.map((_, i) => `person${i}@corp.test`);
const DIRECTORY = [HR_HEADER, ...EMAILS.map((e, i) =>
  `${e},${NAMES[i]},Eng,Engineer,${i ? EMAILS[0] : ''},${i ? 2 : 6},US,America/Chicago,2020-01-01,,user`)].join('\n');
const SUBJECT = 'Person0937/Person0132 salary review';
const EVENTS: TestEvent[] = EMAILS.flatMap((actor, i): TestEvent[] => [
  { at: '2024-04-16T15:00:00Z', actor, action: 'Send', attrs: { 'Item.Subject': SUBJECT, 'Item.Id': `AAMk${i}` } },
  { at: '2024-04-17T15:00:00Z', actor, action: 'MessageSent', attrs: { ChatThreadId: `19:${actor}` } },
]);
const GUIDS = Array.from({ length: 12 }, (_, i) => `0b7c2a1e-5d4f-4c3b-9a8e-${String(i).padStart(12, '0')}`);
const VIVA = ['PersonId,MetricDate,Emails_sent,Collaboration_hours,After_hours_collaboration_hours,Organization,LevelDesignation,IsActive',
  ...GUIDS.map((g, i) => `${g},2024-04-14,${i + 3},${10 + i},1.5,Finance,Senior IC,TRUE`)].join('\n');
const TOKEN = 'FE7CC8C15246EDCCA289C9A4022762F7';
const USAGE = ['Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period',
  `2024-04-22,${TOKEN},${TOKEN},True,2024-04-20,2024-04-19,9,9,9,0,0,E3,7`].join('\n');

describe.each(ENGINES)('what leaves the machine, on $name', ({ open }) => {
  let engine: Engine;
  let key: CryptoKey;
  let released: string;
  const notes: string[] = [];
  beforeAll(async () => {
    engine = await open();
    key = await createWorkspaceKey();
    await putTable(engine, hrDirectory, DIRECTORY);
    await putTable(engine, vivaPersonQuery, VIVA);
    await putTable(engine, usageEmail, USAGE);
    await putEvents(engine, EVENTS);
    const out = [];
    for (const population of ['directory', 'viva'] as const) {
      for (const by of DIMENSIONS) {
        out.push(await productivityTrends(engine, { by, key, population, onNote: (n) => notes.push(n) }));
        out.push(await productivityTrends(engine, { by, key, population, viewer: EMAILS[0] }));
      }
    }
    released = JSON.stringify(out);
  });
  afterAll(async () => {
    await engine.close();
    expect(extensionRequests).toEqual([]);
  });

  it('publishes something (the scans below are not vacuous), one population at a time', async () => {
    expect(released).toContain('"members":13');
    expect(released).toContain('department:Finance');
    expect(notes).toContain('12 Viva person-query rows were left out: they cannot be joined to e-mail-keyed data (choose population viva to use them)');
    const auto = await productivityTrends(engine, { by: 'department', key });
    expect(auto.groups.map((c) => c.group)).toEqual(['all', 'department:Eng']);
  });

  it('attack 17: no subject line or other free text reaches a release', () => {
    for (const fragment of ['Person0937', 'Person0132', 'salary', 'AAMk', '19:']) expect(released).not.toContain(fragment);
  });

  it('attack 19: no address, UPN, GUID, PersonId, concealed token, hash or display name in a release', () => {
    expect(released).not.toMatch(/@/);
    expect(released).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(released).not.toMatch(/[0-9a-f]{16,}/i);
    for (const n of NAMES) for (const part of n.split(' ')) expect(released).not.toContain(part);
  });

  it('attack 18: our pseudonyms match no unsalted hash of the staff list and never appear in a release', async () => {
    const pids = await pseudonymiseAll(key, [...EMAILS, ...GUIDS.map((g) => `viva:${g}`)]);
    const ours = new Set(pids.values());
    expect(ours.size).toBe(EMAILS.length + GUIDS.length);
    for (const e of [...EMAILS, ...GUIDS]) {
      for (const variant of [e, e.toUpperCase(), ` ${e} `]) {
        for (const algo of ['md5', 'sha1', 'sha256']) {
          const h = createHash(algo).update(variant).digest('hex');
          expect(ours.has(h)).toBe(false);
          expect(ours.has(h.toUpperCase())).toBe(false);
        }
      }
    }
    for (const p of ours) expect(released).not.toContain(p.slice(0, 12));
  });

  it('attack 21: the deleted-user columns of a usage report never enter a table', () => {
    const [head, line] = USAGE.split('\n');
    const reader = usageEmail.open(splitCsv(head));
    const deleted = reader.read(splitCsv(line));
    const alive = reader.read(splitCsv(line.replace('True,2024-04-20', 'False,')));
    expect(deleted).toEqual(alive);
  });
});
