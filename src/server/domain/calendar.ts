// A conference as a calendar file (.ics, RFC 5545) for the parent's own
// calendar. Its title is neutral ("Meeting – see portal" in the parent's
// language): a calendar is seen by whoever sees the phone. Nothing else about
// the meeting is in it (not even the word "conference"): no place, no child, no name; only the time and a link
// to sign in. Moved or cancelled, it keeps its UID with a higher SEQUENCE, so
// the calendar updates the event instead of adding another.
import { createEvent } from 'ics';

export interface CalendarConference {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  status: 'scheduled' | 'cancelled' | 'held';
  /** 0 when booked, one more each time it is moved or cancelled. */
  sequence: number;
}

export interface CalendarOptions {
  /** The neutral title, in the parent's language. */
  title: string;
  /** Where to sign in to see the meeting. */
  url: string;
  /** The site's host name, which makes the UID unique to this portal. */
  host: string;
}

/** The .ics text for one conference. */
export function conferenceCalendar(c: CalendarConference, options: CalendarOptions): string {
  const { error, value } = createEvent({
    productId: 'parent-portal',
    method: 'PUBLISH',
    uid: `${c.id}@${options.host}`,
    sequence: c.sequence,
    title: options.title,
    start: c.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: c.durationMinutes },
    url: options.url,
    status: c.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
  });
  if (error || !value) throw error ?? new Error('the calendar file could not be made');
  return value;
}
