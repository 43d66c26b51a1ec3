// The shipped detection pack, grouped by theme.

import type { Rule } from '../types.ts';
import { ACCOUNT_RULES } from './account.ts';
import { ANYPOINT_RULES } from './anypoint.ts';
import { GITHUB_RULES } from './github.ts';
import { GWS_RULES } from './gws.ts';
import { IDENTITY_RULES } from './identity.ts';
import { M365_DATA_RULES } from './m365-data.ts';
import { M365_IDENTITY_RULES } from './m365-identity.ts';
import { M365_MAIL_RULES } from './m365-mail.ts';
import { SEQUENCE_RULES } from './sequences.ts';

export const RULES: readonly Rule[] = [
  ...IDENTITY_RULES, ...ACCOUNT_RULES, ...M365_MAIL_RULES, ...M365_IDENTITY_RULES, ...M365_DATA_RULES,
  ...GWS_RULES, ...GITHUB_RULES, ...ANYPOINT_RULES, ...SEQUENCE_RULES,
];

export const ruleById = (id: string): Rule | undefined => RULES.find((r) => r.id === id);
