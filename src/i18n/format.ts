import type { Translator } from '~/i18n/keys';
import type { LocaleCode } from '~/config/locales';
import { dateTimeFormat, listFormat } from './intl-cache';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof WEEK)[number];

/** A weekday's name in the reader's language (2024-01-01 was a Monday). */
function dayName(day: Weekday, lang: LocaleCode): string {
  const date = new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(day)));
  return dateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** "Monday to Thursday" or "Friday": a run of days in the reader's language. */
function dayRange(days: readonly Weekday[], lang: LocaleCode): string {
  const sorted = [...days].sort((a, b) => WEEK.indexOf(a) - WEEK.indexOf(b));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return '';
  const contiguous = WEEK.indexOf(last) - WEEK.indexOf(first) === sorted.length - 1;
  if (sorted.length > 2 && contiguous) {
    return dateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).formatRange(
      new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(first))),
      new Date(Date.UTC(2024, 0, 1 + WEEK.indexOf(last))),
    );
  }
  return listFormat(lang, { type: 'conjunction' }).format(sorted.map((d) => dayName(d, lang)));
}

/** A clock time "08:30" in the reader's language's style. */
export function formatTime(hhmm: string, lang: LocaleCode): string {
  const [h, m] = hhmm.split(':').map(Number);
  return dateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1, h ?? 0, m ?? 0)),
  );
}

type HoursRow = { days: readonly Weekday[]; opens: string; closes: string };

/** The values of one "footer.hoursRow" line ("{{days}}: {{opens}} to {{closes}}"), in the reader's language. */
export function openingHoursVars(r: HoursRow, lang: LocaleCode): { days: string; opens: string; closes: string } {
  return { days: dayRange(r.days, lang), opens: formatTime(r.opens, lang), closes: formatTime(r.closes, lang) };
}

/** Opening hours as one line per run of days, in the reader's language. */
export function formatOpeningHours(rows: readonly HoursRow[], lang: LocaleCode, t: Translator): string[] {
  return rows.map((r) => t('footer.hoursRow', openingHoursVars(r, lang)));
}
