// Person-weeks from a Viva Insights person query. Viva weeks start on Sunday; they are moved to the Monday
// after, so they line up with everything else. Identities are prefixed so they never meet e-mail addresses.

import type { Engine } from '../../engine.ts';
import { toNumber, type SourceWeek } from './types.ts';

const SQL = `
SELECT person_id, CAST(CAST(date_trunc('week', metric_date + CASE WHEN isodow(metric_date) = 7 THEN 1 ELSE 0 END) AS DATE) AS VARCHAR) AS week,
  is_active, organization, level_designation, emails_sent, emails_read, meetings, meeting_hours, calls, call_hours,
  chats_sent, collaboration_hours, after_hours_collaboration_hours
FROM viva_person_week WHERE metric_date IS NOT NULL`;

export async function vivaWeeks(engine: Engine): Promise<SourceWeek[]> {
  return (await engine.query(SQL)).map((r) => {
    const values: SourceWeek['values'] = {
      emails_sent: toNumber(r.emails_sent), emails_read: toNumber(r.emails_read), meetings: toNumber(r.meetings),
      meeting_hours: toNumber(r.meeting_hours), calls: toNumber(r.calls), call_hours: toNumber(r.call_hours),
      chats: toNumber(r.chats_sent), collaboration_hours: toNumber(r.collaboration_hours),
      after_hours_activity: toNumber(r.after_hours_collaboration_hours), all_activity: toNumber(r.collaboration_hours),
    };
    for (const k of Object.keys(values) as (keyof typeof values)[]) if (values[k] === undefined) delete values[k];
    return {
      identity: `viva:${r.person_id}`, week: String(r.week), values,
      active: r.is_active === null || r.is_active === undefined ? null : Number(r.is_active),
      department: (r.organization as string | null) ?? null, level: (r.level_designation as string | null) ?? null,
    };
  });
}
