// The reminders that keep a parent on time: what is sent about one
// conference, to whom, on which channel and when. A pure function of the
// council's rules (only those the council has set: a rule without a number
// sends nothing), the conference, what each parent has and has done, and
// nothing else; the outbox worker asks it what is due (see
// server/notify/scheduler.ts). Days are London calendar days and times are
// London wall-clock times, so a reminder keeps its hour across a clock change.
import { addCalendarDays, addWorkingDays, londonDate, londonInstant, type CalendarDate } from './working-days';

/** Every message the schedule can send, in the order of a conference's life. */
export const REMINDER_TYPES = [
  'meeting-booked',
  'meeting-changed',
  'meeting-cancelled',
  'supporter-notice',
  'reports-due',
  'meeting-tomorrow',
  'meeting-today',
  'decisions-due',
  'minutes-due',
  'complaint-closing',
] as const;
export type ReminderType = (typeof REMINDER_TYPES)[number];

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

type DayRule = { days: number; dayType: 'working' | 'calendar' };

/**
 * Which of the council's rules exist, with which numbers: null where the
 * council has not set one (its leaflet is silent and national guidance has no
 * number). Built from the council profile by reminderRulesOf (server/notify/rules.ts).
 */
export interface ReminderRules {
  /** Tell the chair about a supporter at least N calendar days before. */
  supporterNoticeDays: number | null;
  /** Reports reach the parent N working or calendar days before, per kind of conference. */
  reportsDue: { initial: DayRule | null; review: DayRule | null };
  /** Written decisions within N hours of the conference. */
  decisionsWithinHours: number | null;
  /** Minutes within N calendar days of the conference. */
  minutesWithinDays: number | null;
  /** A complaint can be made up to N calendar days after the conference. */
  complaintWindowDays: number | null;
}

/** The conference, as far as reminders need it. */
export interface ReminderConference {
  id: string;
  type: 'initial' | 'review';
  startsAt: Date;
  status: 'scheduled' | 'cancelled' | 'held';
  /** 0 when booked; one more each time it is moved or cancelled (the calendar's SEQUENCE too). */
  sequence: number;
  /** When it was booked, last moved or cancelled. */
  changedAt: Date;
}

/** One parent of the conference's case, with what they chose and what they have. */
export interface ReminderRecipient {
  parentId: string;
  /** A locale code: messages are written in it. */
  language: string;
  /** Where each chosen channel goes: null when the parent did not choose it (or has no confirmed mobile). */
  addresses: { email: string | null; sms: string | null };
  /** Has not been invited yet: nothing is sent. */
  invited: boolean;
  /** Said "stop" from a message, or chose no reminders. */
  stopped: boolean;
  /** The chair decided this parent may not attend any of the conference. */
  excludedFromAll: boolean;
  supporterNamed: boolean;
  /** Reports of this conference shared with this parent (not withdrawn). */
  reportsShared: number;
  decisionsShared: boolean;
  minutesShared: boolean;
  /** Asked to be reminded before the time to complain runs out. */
  complaintReminder: boolean;
  complaintMade: boolean;
}

/** Why a reminder is not sent: each one a sentence on the staff page. */
export const SKIP_REASONS = [
  'no-rule',
  'not-invited',
  'stopped',
  'no-channel',
  'cancelled',
  'not-scheduled',
  'excluded',
  'supporter-named',
  'reports-shared',
  'decisions-shared',
  'minutes-shared',
  'not-asked',
  'complaint-made',
  'too-late',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** Neutral values a message may carry: a day of the week and date, or a time. Nothing else. */
export interface ReminderValues {
  day?: CalendarDate;
  time?: string;
}

export interface PlannedReminder {
  state: 'planned';
  type: ReminderType;
  conferenceId: string;
  parentId: string;
  channel: Channel;
  to: string;
  language: string;
  /** Sent from this instant (London time, out of quiet hours for a text message)… */
  sendAt: Date;
  /** …and never from this one on (it would be wrong or useless by then). */
  until: Date;
  /** The same reminder always has the same key: it is queued once, whoever computes it. */
  key: string;
  values: ReminderValues;
}

export interface SkippedReminder {
  state: 'skipped';
  type: ReminderType;
  conferenceId: string;
  parentId: string;
  reason: SkipReason;
}

export type ReminderItem = PlannedReminder | SkippedReminder;

/** No text messages from 21:00 to 08:00, London time. */
export const QUIET_HOURS = { from: '21:00', to: '08:00' } as const;

/** The London wall-clock time at which each reminder goes, on its day. */
export const SEND_TIMES = {
  'supporter-notice': '10:00',
  'reports-due': '12:00',
  'meeting-tomorrow': '10:00',
  'meeting-today': '08:00',
  'decisions-due': '12:00',
  'minutes-due': '12:00',
  'complaint-closing': '10:00',
} as const satisfies Partial<Record<ReminderType, string>>;

/** A change is told for this long after it happened (a notice days late would only confuse). */
export const CHANGE_NOTICE_MS = 2 * 86_400_000;
/** The complaint reminder goes this many days before the last day. */
export const COMPLAINT_REMINDER_DAYS = 7;

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London wall-clock time at an instant, "HH:MM". */
export function londonTime(instant: Date): string {
  return londonClock.format(instant);
}

/** True from 21:00 to 07:59 London time, when no text message is sent. */
export function inQuietHours(instant: Date): boolean {
  const time = londonTime(instant);
  return time >= QUIET_HOURS.from || time < QUIET_HOURS.to;
}

/** The first instant at or after `instant` outside quiet hours. */
export function afterQuietHours(instant: Date): Date {
  if (!inQuietHours(instant)) return instant;
  const day = londonDate(instant);
  const morning = londonTime(instant) < QUIET_HOURS.to ? day : addCalendarDays(day, 1);
  return londonInstant(morning, QUIET_HOURS.to);
}

/** The instant a London day starts (00:00, whatever the clocks do). */
const startOf = (day: CalendarDate) => londonInstant(day, '00:00');

interface Timing {
  type: ReminderType;
  sendAt: Date;
  until: Date;
  /** What makes this reminder a new one: the day it is about, or the change it tells. */
  about: string;
  values: ReminderValues;
}

type Check = (r: ReminderRecipient) => SkipReason | null;

/** One reminder type for one conference: either when it goes (and who is left out, and why), or why it never does. */
type Rule = { type: ReminderType } & ({ timing: Omit<Timing, 'type'>; check?: Check } | { skip: SkipReason });

/** Reminders about the conference date itself: booked, moved, cancelled. */
function changeRule(c: ReminderConference): Rule {
  const type: ReminderType =
    c.status === 'cancelled' ? 'meeting-cancelled' : c.sequence === 0 ? 'meeting-booked' : 'meeting-changed';
  const lateBy = new Date(c.changedAt.getTime() + CHANGE_NOTICE_MS);
  const until = c.status === 'cancelled' || lateBy < c.startsAt ? lateBy : c.startsAt;
  if (c.status === 'held') return { type, skip: 'not-scheduled' };
  return { type, timing: { sendAt: c.changedAt, until, about: `v${c.sequence}`, values: {} } };
}

/** The day-based reminders, each from one council rule. */
function dayRules(rules: ReminderRules, c: ReminderConference): Rule[] {
  const date = londonDate(c.startsAt);
  const at = (day: CalendarDate, type: keyof typeof SEND_TIMES) => londonInstant(day, SEND_TIMES[type]);
  const before = c.status === 'scheduled' ? null : c.status === 'cancelled' ? 'cancelled' : 'not-scheduled';
  const after = c.status === 'cancelled' ? 'cancelled' : null;
  const list: Rule[] = [];

  // The day before the council's supporter notice ends: "tell the team by [day]".
  if (rules.supporterNoticeDays === null) list.push({ type: 'supporter-notice', skip: 'no-rule' });
  else if (before) list.push({ type: 'supporter-notice', skip: before });
  else {
    const lastDay = addCalendarDays(date, -rules.supporterNoticeDays);
    list.push({
      type: 'supporter-notice',
      timing: {
        sendAt: at(addCalendarDays(lastDay, -1), 'supporter-notice'),
        until: startOf(addCalendarDays(lastDay, 1)),
        about: lastDay,
        values: { day: lastDay },
      },
      check: (r) => (r.excludedFromAll ? 'excluded' : r.supporterNamed ? 'supporter-named' : null),
    });
  }

  // On the day reports are due, if none has reached the parent.
  const reports = rules.reportsDue[c.type];
  if (reports === null) list.push({ type: 'reports-due', skip: 'no-rule' });
  else if (before) list.push({ type: 'reports-due', skip: before });
  else {
    const due =
      reports.dayType === 'working' ? addWorkingDays(date, -reports.days) : addCalendarDays(date, -reports.days);
    list.push({
      type: 'reports-due',
      timing: { sendAt: at(due, 'reports-due'), until: c.startsAt, about: due, values: {} },
      check: (r) => (r.reportsShared > 0 ? 'reports-shared' : null),
    });
  }

  // The day before and the morning of the meeting, with its time only.
  const time = londonTime(c.startsAt);
  for (const [type, day, until] of [
    ['meeting-tomorrow', addCalendarDays(date, -1), startOf(date)],
    ['meeting-today', date, c.startsAt],
  ] as const) {
    if (before) list.push({ type, skip: before });
    else
      list.push({
        type,
        timing: { sendAt: at(day, type), until, about: date, values: { time } },
        check: (r) => (r.excludedFromAll ? 'excluded' : null),
      });
  }

  // The written record: decisions, then minutes, each on the day it is due if it has not been shared.
  const records = [
    [
      'decisions-due',
      rules.decisionsWithinHours === null ? null : Math.ceil(rules.decisionsWithinHours / 24),
      (r: ReminderRecipient) => (r.decisionsShared ? 'decisions-shared' : null),
    ],
    ['minutes-due', rules.minutesWithinDays, (r: ReminderRecipient) => (r.minutesShared ? 'minutes-shared' : null)],
  ] as const;
  for (const [type, days, check] of records) {
    if (days === null) list.push({ type, skip: 'no-rule' });
    else if (after) list.push({ type, skip: after });
    else {
      const due = addCalendarDays(date, days);
      list.push({
        type,
        timing: { sendAt: at(due, type), until: startOf(addCalendarDays(due, 2)), about: due, values: {} },
        check,
      });
    }
  }

  // 7 days before the complaint window closes, once, for a parent who asked.
  if (rules.complaintWindowDays === null) list.push({ type: 'complaint-closing', skip: 'no-rule' });
  else if (after) list.push({ type: 'complaint-closing', skip: after });
  else {
    const lastDay = addCalendarDays(date, rules.complaintWindowDays);
    const sendDay = addCalendarDays(lastDay, -COMPLAINT_REMINDER_DAYS);
    list.push({
      type: 'complaint-closing',
      timing: {
        // Never before the meeting: a window shorter than a week is reminded on the day after.
        sendAt: at(sendDay > date ? sendDay : addCalendarDays(date, 1), 'complaint-closing'),
        until: startOf(addCalendarDays(lastDay, 1)),
        about: lastDay,
        values: { day: lastDay },
      },
      check: (r) => (!r.complaintReminder ? 'not-asked' : r.complaintMade ? 'complaint-made' : null),
    });
  }
  return list;
}

/**
 * Every reminder about one conference, for each of its parents: when it will
 * go on each chosen channel, or why it will not. Text messages are moved out
 * of quiet hours; a reminder that could only go after it stopped making sense
 * is not sent at all.
 */
export function planReminders(
  rules: ReminderRules,
  conference: ReminderConference,
  recipients: readonly ReminderRecipient[],
): ReminderItem[] {
  const items: ReminderItem[] = [];
  const all = [changeRule(conference), ...dayRules(rules, conference)];
  for (const r of recipients) {
    for (const rule of all) {
      const base = { type: rule.type, conferenceId: conference.id, parentId: r.parentId };
      const reason =
        'skip' in rule
          ? rule.skip
          : !r.invited
            ? 'not-invited'
            : r.stopped
              ? 'stopped'
              : (rule.check?.(r) ?? (!r.addresses.email && !r.addresses.sms ? 'no-channel' : null));
      if (reason || 'skip' in rule) {
        items.push({ ...base, state: 'skipped', reason: reason ?? 'no-rule' });
        continue;
      }
      const { timing } = rule;
      let planned = 0;
      for (const channel of CHANNELS) {
        const to = r.addresses[channel];
        if (!to) continue;
        const sendAt = channel === 'sms' ? afterQuietHours(timing.sendAt) : timing.sendAt;
        if (sendAt >= timing.until) continue;
        planned++;
        items.push({
          ...base,
          state: 'planned',
          channel,
          to,
          language: r.language,
          sendAt,
          until: timing.until,
          key: [rule.type, conference.id, r.parentId, channel, timing.about].join(':'),
          values: timing.values,
        });
      }
      if (!planned) items.push({ ...base, state: 'skipped', reason: 'too-late' });
    }
  }
  return items;
}

const DAY_MS = 86_400_000;

/**
 * How many days after a conference began a reminder about it can still be
 * due under these rules: the latest moment ("until") of the reminders that
 * follow the meeting (decisions and minutes due, the complaint window
 * closing), in whole days, and one more for the clocks (a London day starts
 * up to an hour before the UTC one). The scheduler reads no conference older
 * than this, so a council with a long complaint window still gets its
 * reminder and one with short windows is not made to read months of past
 * conferences every minute. Worked out by planning the rules for a held
 * conference, in winter and in summer, late in the evening (the latest a
 * London date runs past its UTC one), so it follows the schedule itself.
 */
export function lookBackDays(rules: ReminderRules): number {
  const askedEverything: ReminderRecipient = {
    parentId: 'look-back',
    language: 'en',
    addresses: { email: 'look-back@example.invalid', sms: null },
    invited: true,
    stopped: false,
    excludedFromAll: false,
    supporterNamed: false,
    reportsShared: 0,
    decisionsShared: false,
    minutesShared: false,
    complaintReminder: true,
    complaintMade: false,
  };
  let latest = 0;
  for (const startsAt of ['2026-01-15T23:30:00Z', '2026-07-15T22:30:00Z']) {
    const conference: ReminderConference = {
      id: 'look-back',
      type: 'initial',
      startsAt: new Date(startsAt),
      status: 'held',
      sequence: 0,
      changedAt: new Date(startsAt),
    };
    for (const item of planReminders(rules, conference, [askedEverything]))
      if (item.state === 'planned') latest = Math.max(latest, item.until.getTime() - conference.startsAt.getTime());
  }
  return Math.ceil(latest / DAY_MS) + 1;
}

/** The planned reminders due at `now`: their time has come and they still make sense. */
export function dueReminders(items: readonly ReminderItem[], now: Date): PlannedReminder[] {
  return items.filter((i): i is PlannedReminder => i.state === 'planned' && i.sendAt <= now && now < i.until);
}

/** The planned reminders still to come after `now` (not yet due), soonest first: what the parent area lists. */
export function upcomingReminders(items: readonly ReminderItem[], now: Date): PlannedReminder[] {
  return items
    .filter((i): i is PlannedReminder => i.state === 'planned' && i.sendAt > now && i.sendAt < i.until)
    .sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime() || a.type.localeCompare(b.type));
}

/** A report of a conference that reached the parent, as the schedule counts it. */
export interface SharedReport {
  uploadedAt: Date;
}

/**
 * What the parent has of a conference's reports: those uploaded before it
 * began are its reports; one uploaded after it began is the written record
 * (decisions, minutes), so the "written record due" reminders are not sent.
 */
export function sharedOf(
  shares: readonly SharedReport[],
  startsAt: Date,
): Pick<ReminderRecipient, 'reportsShared' | 'decisionsShared' | 'minutesShared'> {
  const record = shares.some((s) => s.uploadedAt >= startsAt);
  return {
    reportsShared: shares.filter((s) => s.uploadedAt < startsAt).length,
    decisionsShared: record,
    minutesShared: record,
  };
}
