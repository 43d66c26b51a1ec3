// All sources → one row per identity and week. Per field the most direct source wins: Viva, then the usage
// reports (Microsoft's own counts), then values derived from audit events (which Microsoft samples).

import type { Engine } from '../engine.ts';
import { FIELDS, type Field } from './catalogue.ts';
import type { Staff } from './directory.ts';
import { eventWeeks, writeOffsets, DEFAULT_WORKING_HOURS, type WorkingHours } from './sources/events.ts';
import type { SourceWeek } from './sources/types.ts';
import { usageWeeks } from './sources/usage.ts';
import { vivaWeeks } from './sources/viva.ts';
import { utcOffsetMinutes } from './timezones.ts';

export interface MergedWeek {
  identity: string;
  week: string;
  values: Partial<Record<Field, number>>;
  active: boolean;
  department: string | null;
  level: string | null;
}

const ACTIVITY: Field[] = ['emails_sent', 'chats', 'meetings', 'calls'];

/** Active (Viva's definition): sent an e-mail or chat, or joined a meeting or call; file work only counts when nothing else is known. */
export function isActive(values: Partial<Record<Field, number>>, flag: number | null): boolean {
  if (flag !== null) return flag > 0;
  const known = ACTIVITY.filter((f) => values[f] !== undefined);
  if (known.length) return known.some((f) => values[f]! > 0);
  return (values.documents ?? 0) > 0 || (values.all_activity ?? 0) > 0;
}

export async function collectWeeks(
  engine: Engine, tables: ReadonlySet<string>, staff: ReadonlyMap<string, Staff>, hours: WorkingHours = DEFAULT_WORKING_HOURS,
): Promise<MergedWeek[]> {
  const bySource: SourceWeek[][] = [];
  if (tables.has('viva_person_week')) bySource.push(await vivaWeeks(engine));
  bySource.push(await usageWeeks(engine, tables));
  if (tables.has('events')) {
    await writeOffsets(engine, await offsets(engine, staff));
    bySource.push(await eventWeeks(engine, hours));
  }
  const merged = new Map<string, SourceWeek>();
  for (const rows of bySource) {
    for (const r of rows) {
      const key = `${r.identity}\u0000${r.week}`;
      const have = merged.get(key);
      if (!have) { merged.set(key, { ...r, values: { ...r.values } }); continue; }
      for (const f of FIELDS) if (have.values[f] === undefined && r.values[f] !== undefined) have.values[f] = r.values[f];
      have.active ??= r.active;
    }
  }
  const out: MergedWeek[] = [];
  for (const r of merged.values()) {
    const viva = r.identity.startsWith('viva:');
    const person = viva ? null : staff.get(r.identity);
    if (!viva && staff.size && !person) continue;
    out.push({
      identity: r.identity, week: r.week, values: r.values, active: isActive(r.values, r.active),
      department: viva ? r.department ?? null : person?.department ?? null,
      level: viva ? r.level ?? null : person?.level ?? null,
    });
  }
  return out;
}

/** Each person's fixed UTC offset, taken in the middle of the event data. */
async function offsets(engine: Engine, staff: ReadonlyMap<string, Staff>): Promise<Map<string, number>> {
  const [range] = await engine.query('SELECT epoch_ms(min(ts)) AS a, epoch_ms(max(ts)) AS b FROM events');
  const at = range && range.a !== null ? (Number(range.a) + Number(range.b)) / 2 : Date.now();
  const out = new Map<string, number>();
  for (const p of staff.values()) {
    const m = utcOffsetMinutes(p.timeZone, at);
    if (m !== null) out.set(p.email, m);
  }
  return out;
}
