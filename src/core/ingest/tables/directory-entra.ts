// Entra admin centre "Download users" CSV. It has no manager column, so no reporting tree comes from it.

import { RowError, type TableFormat } from '../formats/format.ts';
import { address, DIRECTORY_COLUMNS, DIRECTORY_TABLE, directoryRow } from './directory.ts';
import { hasAll, headerIndex, isoDate, lower, text } from './values.ts';

export const entraDirectory: TableFormat = {
  id: 'entra-users-csv',
  label: 'Entra ID "Download users" CSV',
  framing: 'csv',
  kind: 'table',
  table: DIRECTORY_TABLE,
  columns: DIRECTORY_COLUMNS,
  key: ['email', 'source'],
  sniffHeader(header) {
    if (!hasAll(header, ['userPrincipalName', 'displayName'])) return 0;
    return hasAll(header, ['userType']) || hasAll(header, ['accountEnabled']) || hasAll(header, ['objectId']) ? 0.9 : 0.6;
  },
  open(header) {
    const at = headerIndex(header);
    const c = {
      upn: at('userPrincipalName'), mail: at('mail'), name: at('displayName'), department: at('department'),
      title: at('jobTitle'), country: at('country'), usage: at('usageLocation'), type: at('userType'),
      created: at('createdDateTime'),
    };
    return {
      read(fields) {
        const email = address(text(fields, c.upn)) ?? address(text(fields, c.mail));
        if (!email) throw new RowError('no userPrincipalName or mail address');
        const guest = lower(fields, c.type) === 'guest' || email.includes('#ext#');
        const usage = text(fields, c.usage);
        return [directoryRow({
          email,
          source: 'entra',
          display_name: text(fields, c.name),
          department: text(fields, c.department),
          job_title: text(fields, c.title),
          country: usage && usage.length === 2 ? usage.toUpperCase() : text(fields, c.country),
          hire_date: isoDate(text(fields, c.created)),
          account_type: guest ? 'guest' : 'user',
        })];
      },
    };
  },
};
