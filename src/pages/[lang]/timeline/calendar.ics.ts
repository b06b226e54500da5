// The reader's conference dates as an iCalendar file, one all-day event per
// date. A phone's calendar can be seen by other people, so the titles are
// neutral ("Meeting: reports due") and say nothing about a child or the case.
import type { APIRoute } from 'astro';
import { createHash } from 'node:crypto';
import { isLocale } from '~/config/locales';
import { localPath } from '~/i18n/paths';
import { conferenceTimeline } from '~/server/domain/deadlines';
import { addCalendarDays, londonDate, type CalendarDate } from '~/server/domain/working-days';
import { systemClock } from '~/server/services/clock';
import { parseTimelineQuery, timelineSearch } from './_query';
import { dataKey } from '~/i18n/keys';

export const prerender = false;

/** Escapes TEXT values (RFC 5545 §3.3.11). */
const escapeText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 §3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const basic = (date: CalendarDate) => date.replaceAll('-', '');

export const GET: APIRoute = ({ params, url, locals }) => {
  if (!isLocale(params.lang)) return new Response(null, { status: 404 });
  const { t, authority, lang } = locals;
  const now = systemClock.now();
  const query = parseTimelineQuery(url.searchParams, londonDate(now));
  // Bad answers: the result page shows what to fix.
  if (!query.ok)
    return Response.redirect(
      new URL(`${localPath(lang, 'timeline/result')}?${timelineSearch(query.values)}`, url),
      303,
    );

  const { type, conferenceDate, initialConferenceDate } = query;
  const timeline = conferenceTimeline({ authority, type, conferenceDate, initialConferenceDate });
  const events = [{ id: 'conference', date: conferenceDate }, ...timeline];
  // The same answers always give the same UIDs, so importing the file again
  // updates the events. UIDs are opaque: no site name or word about the case.
  const uid = (id: string) =>
    createHash('sha256')
      .update([authority.id, type, conferenceDate, initialConferenceDate ?? '', id].join('|'))
      .digest('hex')
      .slice(0, 32);
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Dates//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...events.flatMap((e) => [
      'BEGIN:VEVENT',
      `UID:${uid(e.id)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basic(e.date)}`,
      `DTEND;VALUE=DATE:${basic(addCalendarDays(e.date, 1))}`,
      `SUMMARY:${escapeText(t(dataKey(`timeline:calendar.event.${e.id}`)))}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];

  return new Response(lines.map(fold).join('\r\n') + '\r\n', {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="conference-dates.ics"',
      'Cache-Control': 'private, no-store',
    },
  });
};
