// The metrics managers see, with the definition text shown next to each chart. All are per active person per
// week, averaged over the people in a group (a person's value for a period is the mean of their active weeks).
// Caps bound one person's weekly value when noise is added; scale turns values into integers (minutes, ‰).

import type { MetricRule } from '../privacy/cells.ts';

export type MetricId =
  | 'emails_sent' | 'emails_received' | 'emails_read' | 'read_rate' | 'meetings' | 'meeting_hours' | 'calls'
  | 'call_hours' | 'chats' | 'documents' | 'collaboration_hours' | 'after_hours_share';

export type MetricDef = MetricRule & { id: MetricId; label: string; unit: 'per week' | 'hours per week' | 'share'; definition: string; sources: string };

const count = (id: MetricId, cap: number) => ({ id, kind: 'mean' as const, field: id, cap, scale: 1, unit: 'per week' as const });
const hours = (id: MetricId, cap: number) => ({ id, kind: 'mean' as const, field: id, cap, scale: 60, unit: 'hours per week' as const });

export const METRICS: readonly MetricDef[] = [
  {
    ...hours('collaboration_hours', 60), label: 'Collaboration hours',
    definition: 'Hours spent with others in meetings, calls, e-mail and chat. Viva Insights measures all four; from audit logs and usage reports only meeting and call time is known, so there it is a lower bound.',
    sources: 'Viva Collaboration_hours; otherwise meeting + call hours (audit events, Teams audio time)',
  },
  {
    ...count('emails_sent', 150), label: 'E-mails sent',
    definition: 'Messages a person sent.',
    sources: 'Exchange Send/SendAs/SendOnBehalf and Gmail delivery audit events; M365 e-mail usage Send Count; Viva Emails_sent',
  },
  {
    ...count('emails_received', 1000), label: 'E-mails received',
    definition: 'Messages delivered to a person’s mailbox.',
    sources: 'M365 e-mail usage Receive Count',
  },
  {
    ...count('emails_read', 1000), label: 'E-mails read',
    definition: 'Messages a person opened.',
    sources: 'M365 e-mail usage Read Count; Viva Emails_read',
  },
  {
    id: 'read_rate', kind: 'ratio', numerator: 'emails_read', denominator: 'emails_received', cap: 1, scale: 1000,
    unit: 'share', label: 'Read rate',
    definition: 'For each person, e-mails read ÷ e-mails received over the period (at most 1), averaged over the people who received mail. Shown only when at least the minimum group size received mail.',
    sources: 'M365 e-mail usage Read Count ÷ Receive Count',
  },
  {
    ...count('meetings', 40), label: 'Meetings',
    definition: 'Meetings a person joined (Viva: non-declined meetings with at least two people).',
    sources: 'Teams MeetingParticipantDetail and Meet call_ended audit events; Teams usage Meetings Attended Count; Viva Meetings',
  },
  {
    ...hours('meeting_hours', 40), label: 'Meeting hours',
    definition: 'Time in meetings, from join to leave.',
    sources: 'Teams MeetingParticipantDetail JoinTime→LeaveTime; Meet duration_seconds; Viva Meeting_hours',
  },
  {
    ...count('calls', 40), label: 'Calls',
    definition: 'Calls a person took part in.',
    sources: 'Teams usage Call Count; Viva Calls',
  },
  {
    ...hours('call_hours', 20), label: 'Call hours',
    definition: 'Time in calls.',
    sources: 'Viva Call_hours',
  },
  {
    ...count('chats', 1000), label: 'Chat messages sent',
    definition: 'Chat and channel messages a person sent.',
    sources: 'Teams MessageSent and Chat message_posted audit events; Teams usage team + private chat messages; Viva Chats_sent / Instant_messages_sent',
  },
  {
    ...count('documents', 100), label: 'Documents worked on',
    definition: 'Distinct files a person viewed or edited (audit events), or the files counted as viewed or edited by the OneDrive and SharePoint usage reports.',
    sources: 'SharePoint/OneDrive file audit events and Drive view/edit events (distinct files); OneDrive + SharePoint usage Viewed Or Edited File Count',
  },
  {
    id: 'after_hours_share', kind: 'ratio', numerator: 'after_hours_activity', denominator: 'all_activity', cap: 1, scale: 1000,
    unit: 'share', label: 'After-hours share',
    definition: 'For each person, the share of their collaboration outside working hours (Monday–Friday 08:00–17:00 in their own time zone from the directory), averaged over people. Audit logs: share of timestamped actions (mail sent, chats, meetings, files); Viva: after-hours ÷ all collaboration hours.',
    sources: 'audit event times with the directory time zone; Viva After_hours_collaboration_hours ÷ Collaboration_hours',
  },
];

export const metricById = (id: string) => METRICS.find((m) => m.id === id);

/** Per-person-week fields the sources fill in (the metrics' inputs). */
export const FIELDS = [
  'emails_sent', 'emails_received', 'emails_read', 'meetings', 'meeting_hours', 'calls', 'call_hours', 'chats',
  'documents', 'collaboration_hours', 'after_hours_activity', 'all_activity',
] as const;
export type Field = (typeof FIELDS)[number];
