import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { hrDirectory } from '../../../src/core/ingest/tables/directory-hr.ts';
import { usageEmail } from '../../../src/core/ingest/tables/usage-email.ts';
import { loadStaff, reportingTrees } from '../../../src/core/productivity/directory.ts';
import { collectWeeks, type MergedWeek } from '../../../src/core/productivity/person-weeks.ts';
import { existingTables } from '../../../src/core/productivity/tables.ts';
import { ENGINES, extensionRequests } from '../../helpers/engines.ts';
import { HR_HEADER, putEvents, putTable, type TestEvent } from './fixtures.ts';

const DIRECTORY = `${HR_HEADER}
boss@x.test,Boss,Exec,CEO,,8,US,America/New_York,2019-01-01,,user
ann@x.test,Ann,Eng,Engineer,boss@x.test,3,US,America/New_York,2020-01-01,,user
bob@x.test,Bob,Eng,Engineer,boss@x.test,2,IN,Asia/Kolkata,2021-01-01,,user
guest@x.test,Guest,,,,,,,,,guest`;

const ann = (at: string, action: string, extra: Partial<TestEvent> = {}): TestEvent => ({ at, actor: 'ann@x.test', action, ...extra });
const file = (target: string) => ({ category: 'file', target });

const EVENTS: TestEvent[] = [
  ann('2024-04-16T14:00:00Z', 'Send'),                    // New York 10:00 Tue
  ann('2024-04-17T23:30:00Z', 'Send'),                    // 19:30 Wed: after hours
  ann('2024-04-22T02:00:00Z', 'Send'),                    // Sun 21 Apr 22:00 local: still the week of 15 Apr, weekend
  ann('2024-04-18T15:00:00Z', 'MessageSent'),
  ann('2024-04-18T17:40:00Z', 'MeetingParticipantDetail', { attrs: { JoinTime: '2024-04-18T16:00:00Z', LeaveTime: '2024-04-18T17:30:00Z' } }),
  ann('2024-04-16T15:00:00Z', 'FileAccessed', file('site/doc1')),
  ann('2024-04-16T16:00:00Z', 'FileModified', file('site/doc1')),
  ann('2024-04-19T13:00:00Z', 'FileAccessed', file('site/doc2')),
  ann('2024-04-19T13:05:00Z', 'FileDeleted', file('site/doc3')),  // not "worked on"
  ann('2024-04-19T13:06:00Z', 'UserLoggedIn'),                    // not collaboration
  { at: '2024-04-16T03:00:00Z', actor: 'bob@x.test', action: 'Send' },         // Kolkata 08:30
  { at: '2024-04-16T12:00:00Z', actor: 'bob@x.test', action: 'Send' },         // 17:30: after hours
  { at: '2024-04-21T18:45:00Z', actor: 'bob@x.test', action: 'MessageSent' },  // Mon 22 Apr 00:15 local: next week
  { at: '2024-04-17T10:00:00Z', actor: 'guest@x.test', action: 'Send' },
  { at: '2024-04-17T10:00:00Z', actor: 'stranger@elsewhere.test', action: 'Send' },
  { at: '2024-04-17T10:00:00Z', actor: 'bob@x.test', action: 'message_posted', source: 'gws', workload: 'chat' },
  // Gmail: one message to two recipients is logged twice; one more message without a Message-ID; a delivery to bob
  ...['ann@x.test', 'boss@x.test'].map((to) => gmail('bob@x.test', to, '<m1@x>')),
  gmail('bob@x.test', 'ann@x.test', null),
  gmail('ann@x.test', 'bob@x.test', '<m2@x>'),
];

function gmail(from: string, to: string, id: string | null): TestEvent {
  const attrs: Record<string, string> = { 'message_info.source.address': from, 'message_info.destination.address': to, 'message_info.subject': 'x' };
  if (id) attrs['message_info.rfc2822_message_id'] = id;
  return { at: '2024-04-18T04:30:00Z', actor: 'bob@x.test', action: 'delivery', source: 'gws', workload: 'gmail', category: 'mail', attrs };
}

const USAGE = `\uFEFFReport Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,Send Count,Receive Count,Read Count,Meeting Created Count,Meeting Interacted Count,Assigned Products,Report Period
2024-04-22,ann@x.test,Ann,False,,2024-04-21,10,40,30,0,2,OFFICE 365 E3,7
2024-04-22,bob@x.test,Bob,False,,2024-04-21,30,60,15,1,1,OFFICE 365 E3,30`;

describe.each(ENGINES)('person-weeks on $name', ({ open }) => {
  let engine: Engine;
  let weeks: MergedWeek[];
  const find = (id: string, week: string) => weeks.find((w) => w.identity === id && w.week === week);

  beforeAll(async () => {
    engine = await open();
    await putTable(engine, hrDirectory, DIRECTORY);
    await putEvents(engine, EVENTS);
    const tables = await existingTables(engine);
    weeks = await collectWeeks(engine, tables, await loadStaff(engine, tables));
  });
  afterAll(async () => { await engine.close(); });

  it('counts mail, chat, meetings, distinct files and after-hours actions in each person’s local week', () => {
    expect(find('ann@x.test', '2024-04-15')).toEqual({
      identity: 'ann@x.test', week: '2024-04-15', active: true, department: 'Eng', level: '3',
      values: {
        emails_sent: 3, chats: 1, meetings: 1, meeting_hours: 1.5, collaboration_hours: 1.5, documents: 2,
        all_activity: 8, after_hours_activity: 2,
      },
    });
    // bob: 2 Exchange sends + 2 Gmail messages (the delivery logged in his log for ann's message is not his)
    expect(find('bob@x.test', '2024-04-15')?.values).toMatchObject({ emails_sent: 4, chats: 1, all_activity: 5, after_hours_activity: 1 });
    expect(find('bob@x.test', '2024-04-22')?.values).toMatchObject({ emails_sent: 0, chats: 1, all_activity: 1, after_hours_activity: 1 });
  });

  it('leaves out guests and people missing from the directory', () => {
    expect(weeks.map((w) => w.identity).sort()).toEqual(['ann@x.test', 'bob@x.test', 'bob@x.test']);
  });

  it('prefers the usage report counts and spreads longer report periods to a weekly average', async () => {
    await putTable(engine, usageEmail, USAGE);
    const tables = await existingTables(engine);
    weeks = await collectWeeks(engine, tables, await loadStaff(engine, tables));
    expect(find('ann@x.test', '2024-04-15')?.values).toMatchObject({ emails_sent: 10, emails_received: 40, emails_read: 30, chats: 1 });
    expect(find('bob@x.test', '2024-04-15')?.values.chats).toBe(1);
    const bob = find('bob@x.test', '2024-04-15')!.values;
    expect(bob.emails_sent).toBeCloseTo(7, 9);
    expect(bob.emails_received).toBeCloseTo(14, 9);
    expect(bob.emails_read).toBeCloseTo(3.5, 9);
    expect(extensionRequests).toEqual([]);
  });

  it('builds reporting trees that exclude the manager and survive cycles', async () => {
    const staff = await loadStaff(engine, await existingTables(engine));
    expect(reportingTrees(staff)).toEqual(new Map([['boss@x.test', new Set(['ann@x.test', 'bob@x.test'])]]));
    const loop = new Map([
      ['a', { email: 'a', manager: 'b', department: null, level: null, timeZone: null }],
      ['b', { email: 'b', manager: 'a', department: null, level: null, timeZone: null }],
    ]);
    expect(reportingTrees(loop)).toEqual(new Map([['b', new Set(['a'])], ['a', new Set(['b'])]]));
  });
});
