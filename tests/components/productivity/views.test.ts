// How released cells are arranged, labelled and written out: tables keep withheld cells (without numbers),
// rankings leave the scope apart, the first period shown avoids slivers of data, and CSV cells from the
// directory (department names) cannot run as formulas.

import { describe, expect, it } from 'vitest';
import { metricById } from '../../../src/core/productivity/catalogue.ts';
import { metricCsv, pageCsv } from '../../../src/lib/productivity/exports.ts';
import { formatValue, groupLabel, periodLabel, spanLabel } from '../../../src/lib/productivity/labels.ts';
import type { ProductivityResult } from '../../../src/lib/productivity/run/types.ts';
import { metricTable, preferredPeriod, ranking } from '../../../src/lib/productivity/views.ts';

const P1 = '2024-04-15/P4W', P2 = '2024-05-13/P4W';
const result: ProductivityResult = {
  release: {
    minGroup: 10, resolution: 'block', suppressed: 3,
    groups: [
      { group: 'all', period: P1, members: 50, metrics: { emails_sent: 20 } },
      { group: 'department:=HYPERLINK("x")', period: P1, members: 15, metrics: { emails_sent: 31.5 } },
      { group: 'department:Ops', period: P1, members: 25, metrics: { emails_sent: 12 } },
      { group: 'department:Ops', period: P2, members: 24, metrics: { emails_sent: null } },
      { group: 'level:3', period: P1, members: 30, metrics: { emails_sent: 9 } },
    ],
  },
  groupKeys: ['all', 'department:=HYPERLINK("x")', 'department:Ops', 'level:3'],
  periods: [P1, P2], partial: [], span: null, heatmap: { cells: [], unavailable: null }, notes: [],
};

describe('productivity views', () => {
  it('lays out a group × period table of one dimension with withheld cells in place', () => {
    const t = metricTable(result, 'department', 'emails_sent');
    expect(t.groups).toEqual(['all', 'department:=HYPERLINK("x")', 'department:Ops']);
    expect(t.rows.map((r) => r.map((c) => (c.state === 'shown' ? `${c.members}:${c.value}` : 'withheld')))).toEqual([
      ['50:20', 'withheld'], ['15:31.5', 'withheld'], ['25:12', '24:null'],
    ]);
  });

  it('ranks the groups of a period, highest first, with the scope apart and the withheld named', () => {
    const r = ranking(metricTable(result, 'department', 'emails_sent'), P1);
    expect(r.shown.map((p) => [p.group, p.value])).toEqual([['department:=HYPERLINK("x")', 31.5], ['department:Ops', 12]]);
    expect(r.scope).toMatchObject({ group: 'all', value: 20, members: 50 });
    expect(ranking(metricTable(result, 'department', 'emails_sent'), P2).withheld).toEqual(['department:=HYPERLINK("x")', 'department:Ops']);
  });

  it('opens on the latest fully covered period, else the best covered one', () => {
    const w = (d: string) => `${d}/P1W`;
    const latestFirst = [w('2024-05-06'), w('2024-04-29'), w('2024-04-22')];
    expect(preferredPeriod(latestFirst, [{ period: w('2024-05-06'), days: 1, of: 7 }])).toBe(w('2024-04-29'));
    expect(preferredPeriod(latestFirst, [])).toBe(w('2024-05-06'));
    expect(preferredPeriod([w('2024-05-06'), w('2024-04-29')], [{ period: w('2024-05-06'), days: 1, of: 7 }, { period: w('2024-04-29'), days: 6, of: 7 }])).toBe(w('2024-04-29'));
    expect(preferredPeriod([], [])).toBeNull();
  });

  it('labels groups, periods and values for reading', () => {
    expect(groupLabel('all')).toBe('Everyone in scope');
    expect(groupLabel('tree:T03')).toBe('Reporting tree T03');
    expect(groupLabel('department:(none)')).toBe('No department');
    expect(groupLabel('level:3')).toBe('Level 3');
    expect(groupLabel('level:Senior IC')).toBe('Senior IC');
    expect(periodLabel('2026-08-31/P4W')).toBe('31 Aug – 27 Sep 2026');
    expect(periodLabel('2026-09-07/P1W')).toBe('7 – 13 Sep 2026');
    expect(periodLabel('2025-12-29/P1W')).toBe('29 Dec 2025 – 4 Jan 2026');
    expect(spanLabel(['2026-08-31/P1W', '2026-09-07/P1W'])).toBe('31 Aug – 13 Sep 2026');
    expect(formatValue(metricById('meeting_hours')!, 10.859)).toBe('10.859 h');
    expect(formatValue(metricById('after_hours_share')!, 0.143)).toBe('14.3 %');
    expect(formatValue(metricById('emails_read')!, 1234.5)).toBe('1,234.5');
  });

  it('writes CSV with withheld cells blank and directory text defused', () => {
    const lines = metricCsv(metricTable(result, 'department', 'emails_sent')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toEqual([
      'group,group_key,period,members,emails_sent,status',
      `Everyone in scope,all,${P1},50,20,shown`,
      `Everyone in scope,all,${P2},,,withheld`,
      // the label starts with "=", so it gets an apostrophe; the key starts with "department:" and cannot run
      `"'=HYPERLINK(""x"")","department:=HYPERLINK(""x"")",${P1},15,31.5,shown`,
      `"'=HYPERLINK(""x"")","department:=HYPERLINK(""x"")",${P2},,,withheld`,
      `Ops,department:Ops,${P1},25,12,shown`,
      `Ops,department:Ops,${P2},24,,withheld for this metric`,
    ]);
    const page = pageCsv([metricTable(result, 'level', 'emails_sent')], ['emails_sent']).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(page).toEqual(['group,group_key,period,members,status,emails_sent', `Everyone in scope,all,${P1},50,shown,20`,
      `Everyone in scope,all,${P2},,withheld,`, `Level 3,level:3,${P1},30,shown,9`, `Level 3,level:3,${P2},,withheld,`]);
  });
});
