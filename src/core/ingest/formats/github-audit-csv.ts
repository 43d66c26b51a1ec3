// GitHub audit log as CSV (UI export): nested keys are columns with dotted names.

import type { EventRow } from '../../schema/events.ts';
import type { CsvFormat, CsvReader } from './format.ts';
import { githubRow } from './github-record.ts';

const cleanName = (h: string) => h.replace(/^\uFEFF/, '').trim();

function sniffHeader(header: string[]): number {
  const cols = new Set(header.map((h) => cleanName(h).toLowerCase()));
  if (cols.has('auditdata') || !cols.has('action') || !cols.has('actor')) return 0;
  return ['@timestamp', 'created_at', 'at_sign_timestamp'].some((k) => cols.has(k)) ? 0.9 : 0;
}

function open(header: string[]): CsvReader {
  const names = header.map((h) => cleanName(h).toLowerCase());
  return {
    read(fields: string[]): EventRow[] {
      const flat: Record<string, string> = {};
      names.forEach((name, i) => {
        const v = fields[i]?.trim();
        if (v && !(name in flat)) flat[name] = v;
      });
      return [githubRow(flat)];
    },
  };
}

export const githubAuditCsv: CsvFormat = {
  id: 'github-audit-csv',
  label: 'GitHub audit log (CSV export)',
  framing: 'csv',
  sniffHeader,
  open,
};
