// Email activity user detail (getEmailActivityUserDetail).

import type { TableFormat } from '../formats/format.ts';
import { USAGE_KEY_COLUMNS, usageKeyReader } from './usage.ts';
import { hasAll, headerIndex, num } from './values.ts';

export const usageEmail: TableFormat = {
  id: 'm365-usage-email-csv',
  label: 'Microsoft 365 email activity user detail',
  framing: 'csv',
  kind: 'table',
  table: 'usage_email',
  columns: [
    ...USAGE_KEY_COLUMNS,
    { name: 'send_count', sql: 'DOUBLE' },
    { name: 'receive_count', sql: 'DOUBLE' },
    { name: 'read_count', sql: 'DOUBLE' },
    { name: 'meeting_created_count', sql: 'DOUBLE' },
    { name: 'meeting_interacted_count', sql: 'DOUBLE' },
  ],
  key: ['upn', 'refresh_date', 'period_days'],
  sniffHeader: (h) => (hasAll(h, ['Report Refresh Date', 'User Principal Name', 'Send Count', 'Receive Count']) ? 0.95 : 0),
  open(header) {
    const key = usageKeyReader(header);
    const at = headerIndex(header);
    const c = [at('Send Count'), at('Receive Count'), at('Read Count'), at('Meeting Created Count'), at('Meeting Interacted Count')];
    return {
      read: (f) => [{
        ...key(f),
        send_count: num(f, c[0]), receive_count: num(f, c[1]), read_count: num(f, c[2]),
        meeting_created_count: num(f, c[3]), meeting_interacted_count: num(f, c[4]),
      }],
    };
  },
};
