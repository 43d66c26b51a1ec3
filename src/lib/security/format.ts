// How the security views write times, severities and counts. Findings are read in UTC, always labelled.

import type { Severity } from '../../core/detect/types.ts';

/** `2026-09-19 03:27 UTC`, whatever the table time-zone setting: findings are compared across sources and people. */
export const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** Highest first, for menus and summaries. */
export const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];

export const points = (n: number) => (n >= 10 ? n.toFixed(1) : n.toFixed(2));

const regions = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

/** `NL` → `Netherlands (NL)`; the code alone when the browser has no name for it. */
export function countryName(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    const name = regions?.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch { return code; }
}
