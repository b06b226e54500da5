// The dates around one conference, from the council's rules. Every number
// comes from the council profile; this file only knows how to count.
import type { Authority, FactSource } from '~/config/authority-schema';
import { addCalendarDays, addMonths, addWorkingDays, type CalendarDate } from './working-days';

type Rules = Authority['rules'];

/** A first (initial) child protection conference, or a review conference. */
export type ConferenceType = 'initial' | 'review';

/** Every deadline a timeline can hold, in the order used when two fall on the same day. */
export const DEADLINE_IDS = [
  'reports',
  'supporter',
  'decisions',
  'minutes',
  'coreGroup',
  'nextReview',
  'complaint',
] as const;
export type DeadlineId = (typeof DEADLINE_IDS)[number];

/** Where a deadline's number comes from: the council's leaflet or the national default. */
export type DeadlineSource = Exclude<FactSource, 'not-stated'>;

/** One date in a conference timeline, with the rule it comes from. */
export interface Deadline {
  id: DeadlineId;
  date: CalendarDate;
  /** An i18n key ("timeline:…") stating the rule, and the values to render it with. */
  rule: { key: string; values: { count: number; council: string } };
  source: DeadlineSource;
  /** True when the date is before `today`; false when no `today` was given. */
  past: boolean;
}

/** What a timeline is computed from. `today` is injected so the result does not depend on the clock. */
export interface TimelineInput {
  authority: Authority;
  type: ConferenceType;
  conferenceDate: CalendarDate;
  /** For a review conference: the date of the first (initial) conference, which must be earlier. */
  initialConferenceDate?: CalendarDate | undefined;
  today?: CalendarDate | undefined;
}

/** Last day the parent should have the professionals' reports (working or calendar days before, per council). */
export function reportsDueBy(rules: Rules, type: ConferenceType, conferenceDate: CalendarDate): CalendarDate {
  const { days, dayType } = rules.reportSharing[type].value;
  return dayType === 'working' ? addWorkingDays(conferenceDate, -days) : addCalendarDays(conferenceDate, -days);
}

/** Last day to tell the chair who is coming as a supporter (calendar days before). */
export function supporterNoticeBy(rules: Rules, conferenceDate: CalendarDate): CalendarDate {
  return addCalendarDays(conferenceDate, -rules.supporterNoticeDays.value);
}

/** Day by which the written decisions (outline plan) should arrive: the hours rounded up to whole days after. */
export function decisionsDueBy(rules: Rules, conferenceDate: CalendarDate): CalendarDate {
  return addCalendarDays(conferenceDate, Math.ceil(rules.decisionsWithinHours.value / 24));
}

/** Day by which the minutes should arrive (calendar days after). */
export function minutesDueBy(rules: Rules, conferenceDate: CalendarDate): CalendarDate {
  return addCalendarDays(conferenceDate, rules.minutesWithinDays.value);
}

/** Day by which the core group first meets, if a plan is made (working days after). */
export function coreGroupFirstMeetsBy(rules: Rules, conferenceDate: CalendarDate): CalendarDate {
  return addWorkingDays(conferenceDate, rules.coreGroupFirstWithinWorkingDays.value);
}

/** Day by which the next review conference is due, if a plan is made or goes on. */
export function nextReviewDueBy(rules: Rules, type: ConferenceType, conferenceDate: CalendarDate): CalendarDate {
  const months = type === 'initial' ? rules.firstReviewWithinMonths.value : rules.laterReviewsEveryMonths.value;
  return addMonths(conferenceDate, months);
}

/** Last day to make a complaint about the conference (calendar days after). */
export function complaintWindowEnds(rules: Rules, conferenceDate: CalendarDate): CalendarDate {
  return addCalendarDays(conferenceDate, rules.complaint.windowDays.value);
}

/** A fact that holds a number always has a source; the schema guarantees it. */
function known(fact: { source: FactSource }): DeadlineSource {
  if (fact.source === 'not-stated')
    throw new Error('a deadline rule must come from the leaflet or the national default');
  return fact.source;
}

/** Every deadline around one conference, earliest first, each with the council rule it comes from. */
export function conferenceTimeline(input: TimelineInput): Deadline[] {
  const { authority, type, conferenceDate, initialConferenceDate, today } = input;
  if (initialConferenceDate !== undefined && initialConferenceDate >= conferenceDate) {
    throw new RangeError(`the first conference (${initialConferenceDate}) must be before this one (${conferenceDate})`);
  }
  const r = authority.rules;
  const council = authority.shortName;
  const reports = r.reportSharing[type];
  const nextReview = type === 'initial' ? r.firstReviewWithinMonths : r.laterReviewsEveryMonths;

  const rows: [DeadlineId, CalendarDate, string, number, { source: FactSource }][] = [
    [
      'reports',
      reportsDueBy(r, type, conferenceDate),
      `reports.${type}.${reports.value.dayType}`,
      reports.value.days,
      reports,
    ],
    [
      'supporter',
      supporterNoticeBy(r, conferenceDate),
      'supporter',
      r.supporterNoticeDays.value,
      r.supporterNoticeDays,
    ],
    ['decisions', decisionsDueBy(r, conferenceDate), 'decisions', r.decisionsWithinHours.value, r.decisionsWithinHours],
    ['minutes', minutesDueBy(r, conferenceDate), 'minutes', r.minutesWithinDays.value, r.minutesWithinDays],
    [
      'coreGroup',
      coreGroupFirstMeetsBy(r, conferenceDate),
      'coreGroup',
      r.coreGroupFirstWithinWorkingDays.value,
      r.coreGroupFirstWithinWorkingDays,
    ],
    ['nextReview', nextReviewDueBy(r, type, conferenceDate), `nextReview.${type}`, nextReview.value, nextReview],
    [
      'complaint',
      complaintWindowEnds(r, conferenceDate),
      'complaint',
      r.complaint.windowDays.value,
      r.complaint.windowDays,
    ],
  ];

  return rows
    .map(([id, date, key, count, fact]): Deadline => ({
      id,
      date,
      rule: { key: `timeline:rule.${key}`, values: { count, council } },
      source: known(fact),
      past: today !== undefined && date < today,
    }))
    .sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : DEADLINE_IDS.indexOf(a.id) - DEADLINE_IDS.indexOf(b.id),
    );
}
