// Shared shape of the Microsoft 365 usage reports (Graph reports/get*UserDetail CSV downloads).

import { RowError, type TableFormat } from '../formats/format.ts';
import { headerIndex, isoDate, text } from './values.ts';

/** Columns every usage table starts with: who, and which period the counts cover. */
export const USAGE_KEY_COLUMNS: TableFormat['columns'] = [
  { name: 'upn', sql: 'VARCHAR' },
  { name: 'refresh_date', sql: 'DATE' },
  { name: 'period_days', sql: 'INTEGER' },
];

export interface UsageKey { upn: string; refresh_date: string; period_days: number }

/** Reads the UPN, refresh date and report period; concealed names (32-hex tokens) are kept as they are. */
export function usageKeyReader(header: readonly string[]): (fields: readonly string[]) => UsageKey {
  const at = headerIndex(header);
  const upn = at('User Principal Name'), refresh = at('Report Refresh Date'), period = at('Report Period');
  if (upn < 0 || refresh < 0) throw new RowError('the usage report has no User Principal Name or Report Refresh Date');
  return (fields) => {
    const who = text(fields, upn)?.toLowerCase();
    if (!who) throw new RowError('no User Principal Name');
    const date = isoDate(text(fields, refresh));
    if (!date) throw new RowError(`no valid Report Refresh Date: '${(fields[refresh] ?? '').slice(0, 40)}'`);
    const days = Number(/\d+/.exec(text(fields, period) ?? '')?.[0] ?? NaN);
    if (![1, 7, 30, 90, 180].includes(days)) throw new RowError(`unknown Report Period: '${(fields[period] ?? '').slice(0, 20)}'`);
    return { upn: who, refresh_date: date, period_days: days };
  };
}
