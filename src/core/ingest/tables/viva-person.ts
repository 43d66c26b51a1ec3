// Viva Insights / Workplace Analytics person query: one row per PersonId per week. Only the collaboration
// metrics we chart and the organisational attributes are kept; survey items and everything else are dropped.

import { RowError, type TableFormat } from '../formats/format.ts';
import { flag, hasAll, headerIndex, isoDate, num, possibleOrders, text, weekday, type DayOrder } from './values.ts';

/** Our column ← the query columns that can feed it (first present wins). */
const METRICS: Record<string, string[]> = {
  collaboration_hours: ['Collaboration_hours'],
  after_hours_collaboration_hours: ['After_hours_collaboration_hours'],
  meeting_hours: ['Meeting_hours'],
  meetings: ['Meetings'],
  call_hours: ['Call_hours'],
  calls: ['Calls', 'Total_calls'],
  chats_sent: ['Chats_sent', 'Instant_messages_sent'],
  emails_sent: ['Emails_sent'],
  emails_read: ['Emails_read'],
};

const ATTRIBUTES: Record<string, string[]> = {
  organization: ['Organization'],
  level_designation: ['LevelDesignation'],
  function_type: ['FunctionType'],
  supervisor_indicator: ['SupervisorIndicator'],
  layer: ['Layer'],
  time_zone: ['TimeZone'],
};

export const vivaPersonQuery: TableFormat = {
  id: 'viva-person-query-csv',
  label: 'Viva Insights person query CSV',
  framing: 'csv',
  kind: 'table',
  table: 'viva_person_week',
  columns: [
    { name: 'person_id', sql: 'VARCHAR' },
    { name: 'metric_date', sql: 'DATE' },
    { name: 'is_active', sql: 'INTEGER' },
    ...Object.keys(METRICS).map((name) => ({ name, sql: 'DOUBLE' as const })),
    ...Object.keys(ATTRIBUTES).map((name) => ({ name, sql: 'VARCHAR' as const })),
  ],
  key: ['person_id', 'metric_date'],
  sniffHeader(header) {
    if (!hasAll(header, ['PersonId'])) return 0;
    const at = headerIndex(header);
    if (at('MetricDate', 'Date') < 0) return 0;
    return at('Collaboration_hours', 'Emails_sent', 'Meeting_hours') >= 0 ? 0.9 : 0;
  },
  open(header) {
    const at = headerIndex(header);
    const person = at('PersonId'), date = at('MetricDate', 'Date'), active = at('IsActive');
    const metrics = Object.entries(METRICS).map(([name, sources]) => [name, at(...sources)] as const);
    const attributes = Object.entries(ATTRIBUTES).map(([name, sources]) => [name, at(...sources)] as const);
    let order: DayOrder | null = null;
    return {
      read(fields) {
        const id = text(fields, person);
        if (!id) throw new RowError('no PersonId');
        const raw = text(fields, date);
        if (!order) order = settleOrder(raw);
        const day = isoDate(raw, order ?? 'mdy');
        if (!day) throw new RowError(`no valid MetricDate: '${(raw ?? '').slice(0, 40)}'`);
        const row: Record<string, string | number | null> = { person_id: id, metric_date: day, is_active: flag(fields, active) };
        for (const [name, i] of metrics) row[name] = num(fields, i);
        for (const [name, i] of attributes) row[name] = text(fields, i);
        return [row];
      },
    };
  },
};

/**
 * Slashed dates are US (wpa) or UK (newer samples) depending on the file. A weekly query's date is the Sunday
 * that starts the week, so the reading that gives a Sunday wins; until one row decides, US order is assumed.
 */
function settleOrder(value: string | null): DayOrder | null {
  if (!value || /^\d{4}/.test(value.trim())) return null;
  const orders = possibleOrders(value);
  if (orders.length === 1) return orders[0];
  const sundays = orders.filter((o) => weekday(isoDate(value, o)!) === 0);
  return sundays.length === 1 ? sundays[0] : null;
}
