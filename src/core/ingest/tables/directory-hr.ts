// Our plain HR file (also what the fixture generator writes):
// email,display_name,department,job_title,manager_email,level,country,time_zone,hire_date,termination_date,account_type

import { RowError, type TableFormat } from '../formats/format.ts';
import { address, DIRECTORY_COLUMNS, DIRECTORY_TABLE, directoryRow } from './directory.ts';
import { hasAll, headerIndex, isoDate, lower, text } from './values.ts';

const REQUIRED = ['email', 'department', 'manager_email'];
const ACCOUNT_TYPES = new Set(['user', 'admin', 'service', 'guest']);

export const hrDirectory: TableFormat = {
  id: 'hr-directory-csv',
  label: 'HR directory CSV (email, department, manager_email, …)',
  framing: 'csv',
  kind: 'table',
  table: DIRECTORY_TABLE,
  columns: DIRECTORY_COLUMNS,
  key: ['email', 'source'],
  sniffHeader: (header) => (hasAll(header, REQUIRED) ? 0.95 : 0),
  open(header) {
    const at = headerIndex(header);
    const col = Object.fromEntries(DIRECTORY_COLUMNS.map((c) => [c.name, at(c.name)]));
    if (col.email < 0) throw new RowError('the HR file has no email column');
    return {
      read(fields) {
        const email = address(text(fields, col.email));
        if (!email) throw new RowError(`not an e-mail address: '${(fields[col.email] ?? '').slice(0, 80)}'`);
        const type = lower(fields, col.account_type);
        return [directoryRow({
          email,
          source: 'hr',
          display_name: text(fields, col.display_name),
          department: text(fields, col.department),
          job_title: text(fields, col.job_title),
          manager_email: address(text(fields, col.manager_email)),
          level: text(fields, col.level),
          country: text(fields, col.country)?.toUpperCase() ?? null,
          time_zone: text(fields, col.time_zone),
          hire_date: isoDate(text(fields, col.hire_date)),
          termination_date: isoDate(text(fields, col.termination_date)),
          account_type: type && ACCOUNT_TYPES.has(type) ? type : 'user',
        })];
      },
    };
  },
};
