// OneDrive and SharePoint activity user detail: same columns, SharePoint adds Visited Page Count.

import type { TableFormat } from '../formats/format.ts';
import { USAGE_KEY_COLUMNS, usageKeyReader } from './usage.ts';
import { hasAll, headerIndex, num } from './values.ts';

export const usageFiles: TableFormat = {
  id: 'm365-usage-files-csv',
  label: 'OneDrive / SharePoint activity user detail',
  framing: 'csv',
  kind: 'table',
  table: 'usage_files',
  columns: [
    ...USAGE_KEY_COLUMNS,
    { name: 'service', sql: 'VARCHAR' },
    { name: 'viewed_or_edited', sql: 'DOUBLE' },
    { name: 'synced', sql: 'DOUBLE' },
    { name: 'shared_internally', sql: 'DOUBLE' },
    { name: 'shared_externally', sql: 'DOUBLE' },
  ],
  key: ['upn', 'refresh_date', 'period_days', 'service'],
  sniffHeader: (h) => (hasAll(h, ['Report Refresh Date', 'User Principal Name', 'Viewed Or Edited File Count']) ? 0.95 : 0),
  open(header) {
    const key = usageKeyReader(header);
    const at = headerIndex(header);
    const service = at('Visited Page Count') >= 0 ? 'sharepoint' : 'onedrive';
    const c = [at('Viewed Or Edited File Count'), at('Synced File Count'), at('Shared Internally File Count'), at('Shared Externally File Count')];
    return {
      read: (f) => [{
        ...key(f), service,
        viewed_or_edited: num(f, c[0]), synced: num(f, c[1]), shared_internally: num(f, c[2]), shared_externally: num(f, c[3]),
      }],
    };
  },
};
