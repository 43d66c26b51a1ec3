// The Security page's own keys in the URL hash (after the global filter's): which tab, which identity or
// address page, and the findings list's filters. Pure: parsing and writing only.

import { SEVERITIES, type Severity } from '../../../core/detect/types.ts';

export const TABS = ['findings', 'rules', 'signins'] as const;
export type Tab = (typeof TABS)[number];

export interface SecurityView {
  tab: Tab;
  user: string | null;
  address: string | null;
  severity: Severity[];
  rule: string | null;
  technique: string | null;
}

const MAX = 300;
const text = (v: string | null) => (v && v.length <= MAX ? v : null);

export const emptyView = (): SecurityView => ({ tab: 'findings', user: null, address: null, severity: [], rule: null, technique: null });

export function parseView(hash: string): SecurityView {
  const q = hash.indexOf('?');
  const p = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
  const tab = p.get('view');
  return {
    tab: TABS.includes(tab as Tab) ? (tab as Tab) : 'findings',
    user: text(p.get('user')),
    address: text(p.get('address')),
    severity: SEVERITIES.filter((s) => p.getAll('severity').includes(s)),
    rule: text(p.get('rule')),
    technique: text(p.get('technique')),
  };
}

/** The page's own part of the hash (after the global filter's). */
export function viewQuery(v: Partial<SecurityView>): string {
  const p = new URLSearchParams();
  if (v.user) p.set('user', v.user);
  else if (v.address) p.set('address', v.address);
  else {
    if (v.tab && v.tab !== 'findings') p.set('view', v.tab);
    for (const s of v.severity ?? []) p.append('severity', s);
    if (v.rule) p.set('rule', v.rule);
    if (v.technique) p.set('technique', v.technique);
  }
  return p.toString();
}
