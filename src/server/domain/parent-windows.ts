// When a parent may still do something about a conference: name a supporter,
// ask for an interpreter or say how they will attend, complain. Each window
// is a pure function of the council's rules, the conference and "now"; the
// dates themselves come from deadlines.ts, so a rule is written only once.
import type { Authority } from '~/config/authority-schema';
import { complaintWindowEnds, reportsDueBy, supporterNoticeBy, type ConferenceType } from './deadlines';
import { londonDate, type CalendarDate } from './working-days';

type Rules = Authority['rules'];

/** The facts about a conference that the windows depend on. */
export interface ConferenceWhen {
  startsAt: Date;
  status: 'scheduled' | 'cancelled' | 'held';
}

/** True while a parent can still send or change a request: the conference is on and has not started. */
export function requestsOpen(conference: ConferenceWhen, now: Date): boolean {
  return conference.status === 'scheduled' && now < conference.startsAt;
}

/**
 * True while a supporter can be named, changed or withdrawn: up to the end of
 * the council's last day for notice (supporterNoticeDays calendar days before
 * the conference date, in England's time), and never once it has started.
 * Where the council has set no notice, until the conference starts.
 */
export function supporterNominationOpen(rules: Rules, conference: ConferenceWhen, now: Date): boolean {
  if (!requestsOpen(conference, now)) return false;
  const lastDay = supporterNoticeBy(rules, londonDate(conference.startsAt));
  return lastDay === null || londonDate(now) <= lastDay;
}

export type ComplaintWindow =
  /** The conference has not happened yet (or was cancelled): nothing to complain about here. */
  | { state: 'before' }
  /** A complaint can be made through the portal until the end of `lastDay`; null when the council has set no time limit. */
  | { state: 'open'; lastDay: CalendarDate | null }
  /** The window has closed: the council's own route applies. */
  | { state: 'closed'; lastDay: CalendarDate };

/**
 * The complaint window: it opens when the conference starts and stays open to
 * the end of the council's last day (complaint.windowDays calendar days after
 * the conference date: with 28, open on day 28, closed on day 29). Where the
 * council has set no time limit, it never closes.
 */
export function complaintWindow(rules: Rules, conference: ConferenceWhen, now: Date): ComplaintWindow {
  if (conference.status === 'cancelled' || now < conference.startsAt) return { state: 'before' };
  const lastDay = complaintWindowEnds(rules, londonDate(conference.startsAt));
  if (lastDay === null) return { state: 'open', lastDay: null };
  return londonDate(now) <= lastDay ? { state: 'open', lastDay } : { state: 'closed', lastDay };
}

/**
 * True when a report reached the parent after the council's last day for
 * sharing reports (reportSharing, working or calendar days before the
 * conference); sharing on that day itself is in time. Never late where the
 * council has set no such rule.
 */
export function reportSharedLate(
  rules: Rules,
  type: ConferenceType,
  conferenceStartsAt: Date,
  sharedAt: Date,
): boolean {
  const dueBy = reportsDueBy(rules, type, londonDate(conferenceStartsAt));
  return dueBy !== null && londonDate(sharedAt) > dueBy;
}
