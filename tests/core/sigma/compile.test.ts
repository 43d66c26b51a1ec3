import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/core/engine.ts';
import { runDetections } from '../../../src/core/detect/runner.ts';
import { compileSigma, type SigmaResult } from '../../../src/core/sigma/compile.ts';
import { expandPattern, parseCondition } from '../../../src/core/sigma/condition.ts';
import { likePattern } from '../../../src/core/sigma/predicate.ts';
import type { EventRow } from '../../../src/core/schema/events.ts';
import { ENGINES } from '../../helpers/engines.ts';
import { ev, load, prepare } from '../detect/factory.ts';

/** Our own test rules in Sigma format (not SigmaHQ content). */
const rule = (logsource: string, detection: string, extra = '') =>
  `title: Test rule\nid: 00000000-0000-4000-8000-000000000001\nauthor: auditlens tests\nlevel: high\ntags: [attack.t1114.003, attack.collection]\n${extra}logsource:\n${logsource}\ndetection:\n${detection}`;
const M365 = '  product: m365\n  service: audit';
const AUDIT = '  product: azure\n  service: auditlogs';
const GH = '  product: github\n  service: audit';

function compiled(r: SigmaResult) {
  if (r.status !== 'compiled') throw new Error(`${r.status}: ${'reason' in r ? r.reason : ''}`);
  return r.rule;
}

describe('Sigma conditions', () => {
  it('parses and/or/not precedence, parentheses and "of" quantifiers', () => {
    expect(parseCondition('a and not b or c')).toEqual({ op: 'or', args: [{ op: 'and', args: [{ op: 'ref', name: 'a' }, { op: 'not', arg: { op: 'ref', name: 'b' } }] }, { op: 'ref', name: 'c' }] });
    expect(parseCondition('1 of sel_* and not (f1 or f2)')).toEqual({ op: 'and', args: [{ op: 'of', quant: 'any', pattern: 'sel_*' },
      { op: 'not', arg: { op: 'or', args: [{ op: 'ref', name: 'f1' }, { op: 'ref', name: 'f2' }] } }] });
    expect(() => parseCondition('selection | count() > 5')).toThrow(/aggregation/);
    expect(() => parseCondition('(a and b')).toThrow(/\)/);
    expect(expandPattern('sel_*', ['sel_a', 'sel_b', 'filter'])).toEqual(['sel_a', 'sel_b']);
    expect(expandPattern('them', ['a', '_hidden', 'b'])).toEqual(['a', 'b']);
  });

  it('turns Sigma wildcards into LIKE patterns and escapes SQL wildcards', () => {
    expect(likePattern('a*b?c')).toBe('a%b_c');
    expect(likePattern('50%_off')).toBe('50\\%\\_off');
    expect(likePattern('literal\\*star')).toBe('literal*star');
  });
});

describe('compileSigma outcomes', () => {
  it('names fields our data lacks as not evaluable', () => {
    const r = compileSigma(rule(AUDIT, '  selection:\n    targetResources.type: Device\n  condition: selection'));
    expect(r).toMatchObject({ status: 'not-evaluable', fields: ['targetResources.type'] });
  });

  it('gives a reason for what it does not support', () => {
    const cases: [string, RegExp][] = [
      [rule(M365, '  selection:\n    Operation|base64: abc\n  condition: selection'), /base64/],
      [rule(M365, '  keywords:\n    - evil\n  condition: keywords'), /keyword/],
      [rule('  product: okta', '  selection:\n    eventType: x\n  condition: selection'), /no field map for logsource okta/],
      [rule(M365, '  selection:\n    Operation: x\n  condition: selection | count() by UserId > 3'), /aggregation/],
      [rule(M365, '  selection:\n    Operation: x\n  condition: other'), /does not define/],
      ['title: c\ncorrelation:\n  type: event_count\n', /correlation/],
    ];
    for (const [yaml, reason] of cases) {
      const r = compileSigma(yaml);
      expect(r.status).toBe('unsupported');
      expect(r.status === 'unsupported' && r.reason).toMatch(reason);
    }
  });

  it('keeps id, title, author and licence for attribution, and ATT&CK technique tags', () => {
    const r = compiled(compileSigma(rule(GH, '  selection:\n    action: repo.destroy\n  condition: selection')));
    expect(r.attribution).toEqual({ id: '00000000-0000-4000-8000-000000000001', title: 'Test rule', author: 'auditlens tests', licence: 'DRL 1.1' });
    expect(r.attack).toEqual(['T1114.003']);
    expect(r.severity).toBe('high');
    expect(r.sources).toEqual(['github']);
  });
});

interface Match { yaml: string; hit: EventRow[]; miss: EventRow[] }

const MATCHES: [string, Match][] = [
  ['list field with contains (M365 Parameters)', {
    yaml: rule(M365, '  selection:\n    Operation: New-InboxRule\n    Parameters|contains: ForwardTo\n  condition: selection'),
    hit: [ev({ action: 'New-InboxRule', attrs: { 'Parameters.ForwardTo': 'x@evil.example' } })],
    miss: [ev({ action: 'New-InboxRule', attrs: { 'Parameters.MoveToFolder': 'Archive' } }), ev({ action: 'Set-InboxRule', attrs: { 'Parameters.ForwardTo': 'x@y' } })],
  }],
  ['directory operation names without the trailing period', {
    yaml: rule(AUDIT, '  selection:\n    properties.message: Add member to role\n    Category: RoleManagement\n  condition: selection'),
    hit: [ev({ workload: 'AzureActiveDirectory', action: 'Add member to role.' })],
    miss: [ev({ workload: 'Exchange', action: 'Add member to role.' }), ev({ workload: 'AzureActiveDirectory', action: 'Remove member from role.' })],
  }],
  ['1 of sel_* with a not filter that holds a missing (null) value', {
    yaml: rule(GH, '  sel_a:\n    action|startswith: secret_scanning\n  sel_b:\n    action|endswith: .disable\n  filter:\n    user_agent|contains: trusted-bot\n  condition: 1 of sel_* and not filter'),
    hit: [ev({ source: 'github', action: 'repo.disable' })],
    miss: [ev({ source: 'github', action: 'repo.disable', userAgent: 'Trusted-Bot/1.0' }), ev({ source: 'github', action: 'repo.create' })],
  }],
  ['re searches anywhere and is case-sensitive unless |i', {
    yaml: rule(GH, '  selection:\n    action|re: transfer\n  condition: selection'),
    hit: [ev({ source: 'github', action: 'repo.transfer_outgoing' })],
    miss: [ev({ source: 'github', action: 'repo.TRANSFER' })],
  }],
  ['cidr on the IP, null as empty, all of them', {
    yaml: rule(GH, '  net:\n    actor_ip|cidr: 203.0.113.0/24\n  noagent:\n    user_agent: null\n  condition: all of them'),
    hit: [ev({ source: 'github', action: 'git.clone', ip: '203.0.113.77' })],
    miss: [ev({ source: 'github', action: 'git.clone', ip: '203.0.114.1' }), ev({ source: 'github', action: 'git.clone', ip: '203.0.113.77', userAgent: 'git/2.4' })],
  }],
  ['Google Workspace service names and parameter case', {
    yaml: rule('  product: gcp\n  service: google_workspace.admin', '  selection:\n    eventService: admin.googleapis.com\n    eventName: CHANGE_APPLICATION_SETTING\n    setting_name|startswith: ContextAwareAccess\n  condition: selection'),
    hit: [ev({ source: 'gws', workload: 'admin', action: 'CHANGE_APPLICATION_SETTING', attrs: { SETTING_NAME: 'ContextAwareAccess level' } })],
    miss: [ev({ source: 'gws', workload: 'admin', action: 'CHANGE_APPLICATION_SETTING', attrs: { SETTING_NAME: 'Gmail' } })],
  }],
  ['ResultStatus value map (Sigma success = UAL Succeeded)', {
    yaml: rule(M365, '  selection:\n    Operation: Set-Mailbox\n    ResultStatus: success\n  condition: selection'),
    hit: [ev({ action: 'Set-Mailbox', attrs: { ResultStatus: 'True' } })],
    miss: [ev({ action: 'Set-Mailbox', attrs: { ResultStatus: 'False' } })],
  }],
];

for (const e of ENGINES) {
  describe(`compiled Sigma rules run on ${e.name}`, () => {
    let engine: Engine;
    beforeAll(async () => { engine = await e.open(); await prepare(engine); });
    afterAll(async () => { await engine.close(); });
    for (const [name, m] of MATCHES) {
      it(name, async () => {
        const r = compiled(compileSigma(m.yaml));
        const plain = { ...r, requiresAttrs: undefined };
        await load(engine, m.hit);
        expect((await runDetections(engine, [plain])).findings).toHaveLength(1);
        await load(engine, m.miss);
        expect((await runDetections(engine, [plain])).findings).toHaveLength(0);
      });
    }
  });
}

describe('fields only some exports carry', () => {
  it('are checked against the loaded data at run time', async () => {
    const engine = await ENGINES[1].open();
    try {
      await prepare(engine);
      const r = compiled(compileSigma(rule('  product: azure\n  service: signinlogs', '  selection:\n    AuthenticationRequirement: singleFactorAuthentication\n  condition: selection')));
      await load(engine, [ev({ category: 'authentication', action: 'UserLoggedIn' })]);
      expect((await runDetections(engine, [r])).rules[0]).toMatchObject({ status: 'not-evaluable', fields: ['authenticationRequirement'] });
      await load(engine, [ev({ source: 'entra', category: 'authentication', action: 'Sign-in', attrs: { authenticationRequirement: 'singleFactorAuthentication' } })]);
      expect((await runDetections(engine, [r])).findings).toHaveLength(1);
    } finally { await engine.close(); }
  });
});
