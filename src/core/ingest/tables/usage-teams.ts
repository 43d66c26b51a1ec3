// Teams user activity user detail (getTeamsUserActivityUserDetail). Durations come as seconds or ISO-8601.

import type { TableFormat } from '../formats/format.ts';
import { USAGE_KEY_COLUMNS, usageKeyReader } from './usage.ts';
import { hasAll, headerIndex, isoDurationSeconds, num, text } from './values.ts';

export const usageTeams: TableFormat = {
  id: 'm365-usage-teams-csv',
  label: 'Microsoft Teams user activity user detail',
  framing: 'csv',
  kind: 'table',
  table: 'usage_teams',
  columns: [
    ...USAGE_KEY_COLUMNS,
    { name: 'team_chat_messages', sql: 'DOUBLE' },
    { name: 'private_chat_messages', sql: 'DOUBLE' },
    { name: 'calls', sql: 'DOUBLE' },
    { name: 'meetings', sql: 'DOUBLE' },
    { name: 'meetings_attended', sql: 'DOUBLE' },
    { name: 'audio_seconds', sql: 'DOUBLE' },
  ],
  key: ['upn', 'refresh_date', 'period_days'],
  sniffHeader: (h) => (hasAll(h, ['Report Refresh Date', 'User Principal Name', 'Team Chat Message Count', 'Private Chat Message Count']) ? 0.95 : 0),
  open(header) {
    const key = usageKeyReader(header);
    const at = headerIndex(header);
    const c = {
      team: at('Team Chat Message Count'), priv: at('Private Chat Message Count'), calls: at('Call Count'),
      meetings: at('Meeting Count'), attended: at('Meetings Attended Count'),
      audioSec: at('Audio Duration In Seconds'), audio: at('Audio Duration'),
    };
    return {
      read: (f) => [{
        ...key(f),
        team_chat_messages: num(f, c.team), private_chat_messages: num(f, c.priv), calls: num(f, c.calls),
        meetings: num(f, c.meetings), meetings_attended: num(f, c.attended),
        audio_seconds: num(f, c.audioSec) ?? isoDurationSeconds(text(f, c.audio)),
      }],
    };
  },
};
