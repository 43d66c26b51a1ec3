// Every supported export format. The pipeline sniffs each file against all of them.

import type { Format, FormatId } from './format.ts';
import { anypointAuditJson } from './anypoint-audit-json.ts';
import { entraSigninJson } from './entra-signin-json.ts';
import { githubAuditCsv } from './github-audit-csv.ts';
import { githubAuditJson } from './github-audit-json.ts';
import { gwsReportsJson } from './gws-reports-json.ts';
import { m365UalCsv } from './m365-ual-csv.ts';
import { m365UalJson } from './m365-ual-json.ts';

export const FORMATS: Format[] = [
  m365UalCsv, m365UalJson, entraSigninJson, gwsReportsJson, githubAuditJson, githubAuditCsv, anypointAuditJson,
];

export function formatById(id: FormatId | string): Format | undefined {
  return FORMATS.find((f) => f.id === id);
}
