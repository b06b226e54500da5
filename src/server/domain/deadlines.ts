// The dates around one conference, from the council's rules. Every number
// comes from the council profile; this file only knows how to count.
import { valueOf, type Authority, type Fact, type FactSource } from '~/config/authority-schema';
import { addCalendarDays, addMonths, addWorkingDays, type CalendarDate } from './working-days';

type Rules = Authority['rules'];

// The value of a rule the council has (null for one it has not set): one definition, beside the schema.
export { valueOf };

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

/** Where a deadline's number comes from: the council's leaflet, national guidance or the council's own setting. */
export type DeadlineSource = Exclude<FactSource, 'not-stated'>;

/** One date in a conference timeline, with the rule it comes from. */
export interface Deadline {
  id: DeadlineId;
  date: CalendarDate;
  /** An i18n key ("timeline:…") stating the rule, and the values to render it with. */
  rule: { key: string; values: { count: number; council: string } };
  source: DeadlineSource;
  /** The rule's evidence, for staff: the leaflet's own words, the national guidance named, or the council's note. */
  evidence: string;
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

/** Last day the parent should have the professionals' reports (working or calendar days before); null where the council has set none. */
export function reportsDueBy(rules: Rules, type: ConferenceType, conferenceDate: CalendarDate): CalendarDate | null {
  const rule = valueOf(rules.reportSharing[type]);
  if (rule === null) return null;
  return rule.dayType === 'working'
    ? addWorkingDays(conferenceDate, -rule.days)
    : addCalendarDays(conferenceDate, -rule.days);
}

/** Last day to tell the chair who is coming as a supporter (calendar days before); null where the council has set none. */
export function supporterNoticeBy(rules: Rules, conferenceDate: CalendarDate): CalendarDate | null {
  const days = valueOf(rules.supporterNoticeDays);
  return days === null ? null : addCalendarDays(conferenceDate, -days);
}

/** Day by which the written decisions (outline plan) should arrive: the hours rounded up to whole days after. */
export function decisionsDueBy(rules: Rules, conferenceDate: CalendarDate): CalendarDate | null {
  const hours = valueOf(rules.decisionsWithinHours);
  return hours === null ? null : addCalendarDays(conferenceDate, Math.ceil(hours / 24));
}

/** The minutes rule in calendar days ("about 3 weeks" counts as 21); null where the council has set none. */
export function minutesDays(rules: Rules): number | null {
  const m = valueOf(rules.minutes);
  return m === null ? null : m.unit === 'weeks' ? m.count * 7 : m.count;
}

/** Day by which the minutes should arrive (calendar days after). */
export function minutesDueBy(rules: Rules, conferenceDate: CalendarDate): CalendarDate | null {
  const days = minutesDays(rules);
  return days === null ? null : addCalendarDays(conferenceDate, days);
}

/** Day by which the core group first meets, if a plan is made (working days after). */
export function coreGroupFirstMeetsBy(rules: Rules, conferenceDate: CalendarDate): CalendarDate | null {
  const days = valueOf(rules.coreGroupFirstWithinWorkingDays);
  return days === null ? null : addWorkingDays(conferenceDate, days);
}

/** Day by which the next review conference is due, if a plan is made or goes on. */
export function nextReviewDueBy(rules: Rules, type: ConferenceType, conferenceDate: CalendarDate): CalendarDate | null {
  const months = valueOf(type === 'initial' ? rules.firstReviewWithinMonths : rules.laterReviewsEveryMonths);
  return months === null ? null : addMonths(conferenceDate, months);
}

/** Last day to make a complaint about the conference (calendar days after); null where the council has set no time limit. */
export function complaintWindowEnds(rules: Rules, conferenceDate: CalendarDate): CalendarDate | null {
  const days = valueOf(rules.complaint.windowDays);
  return days === null ? null : addCalendarDays(conferenceDate, days);
}

/** What backs a rule the council has: its leaflet's words, the national guidance, or its own note. */
export function evidenceOf(fact: Fact<unknown>): string {
  switch (fact.source) {
    case 'leaflet':
      return fact.quote;
    case 'national':
      return fact.ref;
    case 'council':
      return fact.note;
    case 'not-stated':
      return fact.note ?? '';
  }
}

type Row = { id: DeadlineId; date: CalendarDate | null; key: string; count: number | null; fact: Fact<unknown> };

function rowsOf(authority: Authority, type: ConferenceType, conferenceDate: CalendarDate): Row[] {
  const r = authority.rules;
  const reports = r.reportSharing[type];
  const reportsRule = valueOf(reports);
  const nextReview = type === 'initial' ? r.firstReviewWithinMonths : r.laterReviewsEveryMonths;
  const minutes = valueOf(r.minutes);
  return [
    {
      id: 'reports',
      date: reportsDueBy(r, type, conferenceDate),
      key: `reports.${type}.${reportsRule?.dayType ?? 'calendar'}`,
      count: reportsRule?.days ?? null,
      fact: reports,
    },
    {
      id: 'supporter',
      date: supporterNoticeBy(r, conferenceDate),
      key: 'supporter',
      count: valueOf(r.supporterNoticeDays),
      fact: r.supporterNoticeDays,
    },
    {
      id: 'decisions',
      date: decisionsDueBy(r, conferenceDate),
      key: 'decisions',
      count: valueOf(r.decisionsWithinHours),
      fact: r.decisionsWithinHours,
    },
    {
      id: 'minutes',
      date: minutesDueBy(r, conferenceDate),
      key: minutes?.about ? 'minutesAboutWeeks' : 'minutes',
      count: minutes === null ? null : minutes.about ? minutes.count : (minutesDays(r) ?? 0),
      fact: r.minutes,
    },
    {
      id: 'coreGroup',
      date: coreGroupFirstMeetsBy(r, conferenceDate),
      key: 'coreGroup',
      count: valueOf(r.coreGroupFirstWithinWorkingDays),
      fact: r.coreGroupFirstWithinWorkingDays,
    },
    {
      id: 'nextReview',
      date: nextReviewDueBy(r, type, conferenceDate),
      key: `nextReview.${type}`,
      count: valueOf(nextReview),
      fact: nextReview,
    },
    {
      id: 'complaint',
      date: complaintWindowEnds(r, conferenceDate),
      key: 'complaint',
      count: valueOf(r.complaint.windowDays),
      fact: r.complaint.windowDays,
    },
  ];
}

/**
 * Every deadline around one conference, earliest first, each with the council
 * rule it comes from. A rule the council has not set has no date and is left
 * out: undatedDeadlines lists those.
 */
export function conferenceTimeline(input: TimelineInput): Deadline[] {
  const { authority, type, conferenceDate, initialConferenceDate, today } = input;
  if (initialConferenceDate !== undefined && initialConferenceDate >= conferenceDate) {
    throw new RangeError(`the first conference (${initialConferenceDate}) must be before this one (${conferenceDate})`);
  }
  const council = authority.shortName;
  const deadlines: Deadline[] = [];
  for (const row of rowsOf(authority, type, conferenceDate)) {
    if (row.date === null || row.count === null || row.fact.source === 'not-stated') continue;
    deadlines.push({
      id: row.id,
      date: row.date,
      rule: { key: `timeline:rule.${row.key}`, values: { count: row.count, council } },
      source: row.fact.source,
      evidence: evidenceOf(row.fact),
      past: today !== undefined && row.date < today,
    });
  }
  return deadlines.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : DEADLINE_IDS.indexOf(a.id) - DEADLINE_IDS.indexOf(b.id),
  );
}

/** The deadlines a timeline cannot date, because the council has set no time for them. */
export function undatedDeadlines(authority: Authority, type: ConferenceType): DeadlineId[] {
  return rowsOf(authority, type, '2000-01-03' as CalendarDate)
    .filter((row) => row.date === null)
    .map((row) => row.id);
}
