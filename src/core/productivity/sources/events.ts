// Person-weeks from the `events` table: mail sent, chats, meetings joined (and their length), distinct files
// worked on, and how much of that happened outside working hours in the person's own time zone. Local time is
// UTC shifted by the person's fixed offset (table person_utc_offsets); weeks are local Monday weeks.
// Gmail logs one delivery per recipient: a sent message is counted once, by its Message-ID.

import type { Engine } from '../../engine.ts';
import { literal } from '../../sql/quote.ts';
import { FIELDS } from '../catalogue.ts';
import { toNumber, type SourceWeek } from './types.ts';

export const OFFSETS_TABLE = 'person_utc_offsets';

export interface WorkingHours { startHour: number; endHour: number }
export const DEFAULT_WORKING_HOURS: WorkingHours = { startHour: 8, endHour: 17 };

const FILE_OPS = ['fileaccessed', 'filemodified', 'filepreviewed', 'fileuploaded', 'filedownloaded', 'filecheckedin',
  'fileaccessedextended', 'filemodifiedextended', 'view', 'edit', 'create', 'upload', 'preview'];

/** The collaboration actions per person, each counted once, with its local time `lt` and `kind`. */
export const ACTIONS_CTE = `
WITH ev AS (
  SELECT lower(e.actor) AS person, e.source, lower(e.action) AS op, lower(coalesce(e.workload, '')) AS wl,
         e.category, e.target, e.attrs, e.seq,
         epoch_ms(epoch_ms(e.ts) + CAST(coalesce(o.offset_min, 0) * 60000 AS BIGINT)) AS lt
  FROM events e LEFT JOIN ${OFFSETS_TABLE} o ON o.email = lower(e.actor)
  WHERE e.actor IS NOT NULL AND e.outcome <> 'failure'
), kinds AS (
  SELECT *, CASE
    WHEN source = 'm365' AND op IN ('send', 'sendas', 'sendonbehalf') THEN 'mail'
    WHEN source = 'gws' AND wl = 'gmail' AND op = 'delivery' AND lower(attrs['message_info.source.address']) = person THEN 'mail'
    WHEN (source = 'm365' AND op = 'messagesent') OR (source = 'gws' AND wl = 'chat' AND op = 'message_posted') THEN 'chat'
    WHEN (source = 'm365' AND op = 'meetingparticipantdetail') OR (source = 'gws' AND wl = 'meet' AND op = 'call_ended') THEN 'meeting'
    WHEN category = 'file' AND target IS NOT NULL AND op IN (${FILE_OPS.map(literal).join(', ')}) THEN 'file'
  END AS kind
  FROM ev
), once AS (
  SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY person, CASE WHEN source = 'gws' AND kind = 'mail'
      THEN coalesce(attrs['message_info.rfc2822_message_id'], CAST(seq AS VARCHAR)) ELSE CAST(seq AS VARCHAR) END) AS copy
    FROM kinds WHERE kind IS NOT NULL
  ) WHERE copy = 1
)`;

const SQL = `
${ACTIONS_CTE}, timed AS (
  SELECT *, CASE WHEN kind = 'meeting' THEN least(86400, greatest(0, coalesce(
      date_diff('second', TRY_CAST(replace(attrs['JoinTime'], 'Z', '') AS TIMESTAMP), TRY_CAST(replace(attrs['LeaveTime'], 'Z', '') AS TIMESTAMP)),
      TRY_CAST(attrs['duration_seconds'] AS DOUBLE), 0))) END AS seconds
  FROM once
)
SELECT person AS identity, CAST(CAST(date_trunc('week', lt) AS DATE) AS VARCHAR) AS week,
  count(*) FILTER (WHERE kind = 'mail') AS emails_sent,
  count(*) FILTER (WHERE kind = 'chat') AS chats,
  count(*) FILTER (WHERE kind = 'meeting') AS meetings,
  coalesce(sum(seconds), 0) / 3600.0 AS meeting_hours,
  count(DISTINCT target) FILTER (WHERE kind = 'file') AS documents,
  count(*) AS all_activity,
  count(*) FILTER (WHERE isodow(lt) >= 6 OR hour(lt) < ? OR hour(lt) >= ?) AS after_hours_activity
FROM timed GROUP BY 1, 2`;

export async function eventWeeks(engine: Engine, hours: WorkingHours = DEFAULT_WORKING_HOURS): Promise<SourceWeek[]> {
  await engine.query(`CREATE TABLE IF NOT EXISTS ${OFFSETS_TABLE} (email VARCHAR, offset_min DOUBLE)`);
  const rows = await engine.query(SQL, [hours.startHour, hours.endHour]);
  return rows.map((r) => {
    const values: SourceWeek['values'] = {};
    for (const f of FIELDS) { const v = toNumber(r[f]); if (v !== undefined) values[f] = v; }
    values.collaboration_hours = values.meeting_hours;
    return { identity: String(r.identity), week: String(r.week), values, active: null };
  });
}

/** Replaces the per-person offsets the event query uses. */
export async function writeOffsets(engine: Engine, offsets: ReadonlyMap<string, number>): Promise<void> {
  await engine.query(`CREATE TABLE IF NOT EXISTS ${OFFSETS_TABLE} (email VARCHAR, offset_min DOUBLE)`);
  await engine.query(`DELETE FROM ${OFFSETS_TABLE}`);
  if (!offsets.size) return;
  const emails = [...offsets.keys()];
  await engine.append(OFFSETS_TABLE, {
    length: emails.length,
    columns: [
      { name: 'email', kind: 'string', values: emails },
      { name: 'offset_min', kind: 'double', values: Float64Array.from(emails, (e) => offsets.get(e)!) },
    ],
  });
}
