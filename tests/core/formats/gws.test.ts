import { describe, expect, it } from 'vitest';
import { gwsReportsJson } from '../../../src/core/ingest/formats/gws-reports-json.ts';
import { load } from './load.ts';

describe('gws-reports-json: Reports API pages', async () => {
  const { rows, errors } = await load('gws-activities.json');
  const named = (action: string) => rows.find((r) => r.action === action)!;

  it('explodes every event of an activity into its own row with a distinct record id', () => {
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.action)).toEqual(['login_challenge', 'login_failure', 'authorize', 'ASSIGN_ROLE', 'CHANGE_APPLICATION_SETTING', 'change_user_access']);
    expect(new Set(rows.map((r) => r.recordId)).size).toBe(rows.length);
    expect(rows[0].recordId).toMatch(/^-6709442587437772138:1672554282442:login:login_challenge:[0-9a-f]{8}$/);
    expect(rows[0].ts).toBe(1672554282442);
  });

  it('reads login outcomes from the event name and challenge status; intValue arrives as a string', () => {
    expect(named('login_failure')).toMatchObject({ outcome: 'failure', category: 'authentication', actor: 'victim@example.com', ip: '203.0.113.8' });
    expect(named('login_failure').attrs).toMatchObject({ login_timestamp: '1672554282442000', is_suspicious: 'true', event_type: 'login' });
    expect(named('login_challenge')).toMatchObject({ outcome: 'failure' });
    expect(named('login_challenge').attrs.login_challenge_method).toBe('password,idv_preregistered_phone');
  });

  it('flattens OAuth scopes (multiValue) and scope_data (multiMessageValue)', () => {
    const r = named('authorize');
    expect(r).toMatchObject({ category: 'application', appId: '1234567890-abc.apps.googleusercontent.com', ip: '192.0.2.9', target: 'Mail Helper' });
    expect(r.attrs).toMatchObject({ scope: 'https://mail.google.com/,openid', 'scope_data.product_bucket': 'GMAIL,IDENTITY' });
  });

  it('finds the target user of admin and drive events; KEY callers are services', () => {
    expect(named('ASSIGN_ROLE')).toMatchObject({ category: 'role', targetUser: 'intern@example.com', ts: 1672747200500 });
    expect(named('CHANGE_APPLICATION_SETTING')).toMatchObject({ category: 'policy' });
    const drive = named('change_user_access');
    expect(drive).toMatchObject({ category: 'sharing', actor: 'system', actorType: 'service', targetUser: 'outsider@gmail.example', target: '1AbCdEf' });
    expect(drive.attrs).toMatchObject({ visibility: 'shared_externally', new_value: 'can_edit', 'resource.size': '2048', 'actor.callerType': 'KEY' });
  });
});

describe('gws-reports-json: other shapes', () => {
  it('reads an array of pages and skips envelopes without items', async () => {
    const { rows, errors } = await load('gws-pages.json');
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ts: 1675209601000, outcome: 'success', action: 'login_success' });
  });

  it('reads Elastic-style lines (events as one object), skips page envelopes, refuses a line without time', async () => {
    const { rows, errors } = await load('gws-elastic.ndjson');
    expect(rows.map((r) => [r.ts, r.action, r.category])).toEqual([
      [1677661200000, '2sv_disable', 'authentication'], [1677661500000, 'email_forwarding_out_of_domain', 'mail'],
    ]);
    expect(rows[0].ip).toBe('192.0.2.77');
    expect(errors).toEqual([{ line: 4, message: 'no time field (id.time)' }]);
  });

  it('reads the rule-engine shape (parameters as a name → value map) with the same keys', async () => {
    const { rows, errors } = await load('gws-panther.jsonl');
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ ts: 1670727468693, action: 'DELETE_ROLE', category: 'role', target: 'CustomAdminRoleName' });
    expect(rows[1].attrs).toMatchObject({ old_value: 'private', new_value: 'people_with_link', 'message_info.source.address': 'x@example.io' });
    expect(rows[1].attrs).not.toHaveProperty('is_encrypted');
  });

  it('gives the same record id to the same event in the API shape and the rule-engine shape', () => {
    const id = { time: '2023-05-05T05:05:05Z', uniqueQualifier: '42', applicationName: 'drive' };
    const [api] = gwsReportsJson.read({ id, actor: { email: 'a@b.c' }, events: [{ name: 'view', parameters: [{ name: 'doc_id', value: 'd1' }, { name: 'n', intValue: '3' }] }] });
    const [flat] = gwsReportsJson.read({ id: { ...id, time: '2023-05-05 05:05:05.000000000' }, actor: { email: 'a@b.c' }, name: 'view', parameters: { n: 3, doc_id: 'd1' } });
    expect(flat.recordId).toBe(api.recordId);
  });

  it('refuses activities without events or event names', () => {
    const id = { time: '2023-05-05T05:05:05Z', applicationName: 'drive' };
    expect(() => gwsReportsJson.read({ id, events: [] })).toThrow('activity has no events');
    expect(() => gwsReportsJson.read({ id, events: [{ type: 'access' }] })).toThrow('event 1 has no name');
    expect(() => gwsReportsJson.read({ kind: 'admin#reports#activities', items: [{ id, events: [{ name: 'x' }] }, { id: {}, events: [{ name: 'y' }] }] }))
      .toThrow('page of 2 records refused because record 2 is unreadable: no time field (id.time)');
  });
});
