import { dateTimeFormat } from '~/i18n/intl-cache';

/** Dates and times in the staff area: English, Europe/London. */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "Thu 12 Nov 2026, 10:00" for an instant. */
export const when = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '');
/** "Thu 12 Nov 2026" for a calendar date (YYYY-MM-DD). */
export const day = (date: string | null | undefined) => (date ? dateOnly.format(new Date(`${date}T00:00:00Z`)) : '');
/** The London calendar date and time of an instant, for form fields. */
export function londonParts(iso: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    dateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
/** "1.2 MB" */
export const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export const CONFERENCE_TYPE = { initial: 'Initial conference', review: 'Review conference' } as const;
export const OUTCOME = {
  'cp-plan': 'Child protection plan',
  'cin-plan': 'Child in need plan',
  'no-plan': 'No plan',
} as const;
export const CATEGORY = {
  neglect: 'Neglect',
  'physical-abuse': 'Physical abuse',
  'emotional-abuse': 'Emotional abuse',
  'sexual-abuse': 'Sexual abuse',
} as const;
export const STATUS = { scheduled: 'Scheduled', cancelled: 'Cancelled', held: 'Held' } as const;
