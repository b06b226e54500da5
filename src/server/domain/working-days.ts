// Calendar-date arithmetic for England. Dates are plain "YYYY-MM-DD" strings,
// never Date objects with a time: a deadline is a day on the calendar, and a
// day must not move when the clocks change or the server runs in another zone.
// The arithmetic itself is done on UTC midnights, where every day has 24 hours.
import Holidays from 'date-holidays';

declare const calendarDateBrand: unique symbol;

/** A day on the calendar in England, as "YYYY-MM-DD" (made only by the functions below). */
export type CalendarDate = string & { readonly [calendarDateBrand]: true };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The calendar date for a year, month (1–12) and day, or null when no such day exists (31 February). */
export function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 9999) return null;
  const utc = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; set the full year to be exact.
  utc.setUTCFullYear(year, month - 1, day);
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return fromUtc(utc.getTime());
}

/** Reads "YYYY-MM-DD"; throws when it is not a real calendar date. */
export function parseCalendarDate(text: string): CalendarDate {
  const m = ISO_DATE.exec(text);
  const date = m ? calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!date) throw new RangeError(`"${text}" is not a calendar date (YYYY-MM-DD)`);
  return date;
}

/** True when `text` is a real calendar date written "YYYY-MM-DD". */
export function isCalendarDate(text: string): text is CalendarDate {
  const m = ISO_DATE.exec(text);
  return !!m && calendarDate(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in England (Europe/London, GMT or BST) at an instant. */
export function londonDate(instant: Date): CalendarDate {
  const parts = Object.fromEntries(london.formatToParts(instant).map((p) => [p.type, p.value]));
  const date = calendarDate(Number(parts.year), Number(parts.month), Number(parts.day));
  if (!date) throw new RangeError(`cannot read a London date from ${instant.toISOString()}`);
  return date;
}

/** The UTC midnight of a calendar date, in milliseconds: for arithmetic and formatting only. */
export function utcMidnight(date: CalendarDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(0);
  utc.setUTCFullYear(y, m - 1, d);
  return utc.getTime();
}

function fromUtc(ms: number): CalendarDate {
  const utc = new Date(ms);
  const y = String(utc.getUTCFullYear()).padStart(4, '0');
  const m = String(utc.getUTCMonth() + 1).padStart(2, '0');
  const d = String(utc.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}` as CalendarDate;
}

/** Day of the week: 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** The date `n` calendar days after `date` (before it when `n` is negative). */
export function addCalendarDays(date: CalendarDate, n: number): CalendarDate {
  return fromUtc(utcMidnight(date) + n * DAY_MS);
}

/** The date `n` months after `date`, on the last day of the month when it is shorter (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: CalendarDate, n: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return calendarDate(year, month, Math.min(d, daysInMonth(year, month))) as CalendarDate;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

// Bank holidays of England and Wales ("GB", state "ENG"). The library also lists
// observances (Mother's Day, Easter Sunday) that are not days off: keep only
// type "public", which includes the substitute days for a holiday at a weekend.
// The holiday itself at a weekend (Boxing Day, Saturday 26 December 2026) is
// dropped, so the list matches the official one on GOV.UK.
const holidays = new Holidays('GB', 'ENG');
const byYear = new Map<number, ReadonlySet<string>>();

/** The bank holidays of England and Wales in one year, in date order. */
export function bankHolidays(year: number): CalendarDate[] {
  let found = byYear.get(year);
  if (!found) {
    found = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        // `date` is the holiday's local date, "YYYY-MM-DD hh:mm:ss": no time zone to go wrong.
        .map((h) => h.date.slice(0, 10) as CalendarDate)
        .filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6),
    );
    byYear.set(year, found);
  }
  return [...found].sort() as CalendarDate[];
}

/** True when `date` is a bank holiday in England and Wales. */
export function isBankHoliday(date: CalendarDate): boolean {
  const year = Number(date.slice(0, 4));
  if (!byYear.has(year)) bankHolidays(year);
  return byYear.get(year)?.has(date) ?? false;
}

/** True on Monday to Friday, except bank holidays in England and Wales. */
export function isWorkingDay(date: CalendarDate): boolean {
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6 && !isBankHoliday(date);
}

/**
 * The `n`th working day after `date` (before it when `n` is negative); `date`
 * itself is not counted. 2 working days before Tue 5 Jan 2027 is Thu 31 Dec 2026.
 */
export function addWorkingDays(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, not ${n}`);
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let left = Math.abs(n); left > 0;) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The instant a London wall-clock time falls on (British Summer Time or not). */
export function londonInstant(date: CalendarDate, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  // London is UTC or UTC+1: read the offset London shows at that instant and take it off.
  const shown = londonClock.format(guess);
  const [h, m] = shown.split(':').map(Number);
  const [wantH, wantM] = time.split(':').map(Number);
  const offsetMinutes = ((h ?? 0) * 60 + (m ?? 0) - ((wantH ?? 0) * 60 + (wantM ?? 0)) + 1440) % 1440;
  return new Date(guess.getTime() - offsetMinutes * 60_000);
}
