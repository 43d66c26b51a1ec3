// Non-event CSV inputs; each goes to its own table (see TableFormat in ../formats/format.ts).

import type { TableFormat } from '../formats/format.ts';
import { entraDirectory } from './directory-entra.ts';
import { googleDirectory } from './directory-google.ts';
import { hrDirectory } from './directory-hr.ts';
import { usageEmail } from './usage-email.ts';
import { usageFiles } from './usage-files.ts';
import { usageTeams } from './usage-teams.ts';
import { vivaPersonQuery } from './viva-person.ts';

export const TABLE_FORMATS: TableFormat[] = [
  hrDirectory, entraDirectory, googleDirectory, usageEmail, usageTeams, usageFiles, vivaPersonQuery,
];
