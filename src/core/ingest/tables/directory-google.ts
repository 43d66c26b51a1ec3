// Google Workspace Admin console user export ("Download users"), the same columns as the bulk-update template.

import { RowError, type TableFormat } from '../formats/format.ts';
import { address, DIRECTORY_COLUMNS, DIRECTORY_TABLE, directoryRow } from './directory.ts';
import { hasAll, headerIndex, text } from './values.ts';

export const googleDirectory: TableFormat = {
  id: 'gws-users-csv',
  label: 'Google Workspace user export CSV',
  framing: 'csv',
  kind: 'table',
  table: DIRECTORY_TABLE,
  columns: DIRECTORY_COLUMNS,
  key: ['email', 'source'],
  sniffHeader: (header) => (hasAll(header, ['Email Address [Required]', 'Org Unit Path [Required]']) ? 0.9 : 0),
  open(header) {
    const at = headerIndex(header);
    const c = {
      email: at('Email Address [Required]'), first: at('First Name [Required]'), last: at('Last Name [Required]'),
      orgUnit: at('Org Unit Path [Required]'), title: at('Employee Title'), manager: at('Manager Email'),
      department: at('Department'),
    };
    return {
      read(fields) {
        const email = address(text(fields, c.email));
        if (!email) throw new RowError('no Email Address');
        const name = [text(fields, c.first), text(fields, c.last)].filter(Boolean).join(' ');
        const unit = text(fields, c.orgUnit)?.split('/').filter(Boolean).at(-1) ?? null;
        return [directoryRow({
          email,
          source: 'gws',
          display_name: name || null,
          department: text(fields, c.department) ?? unit,
          job_title: text(fields, c.title),
          manager_email: address(text(fields, c.manager)),
          account_type: 'user',
        })];
      },
    };
  },
};
