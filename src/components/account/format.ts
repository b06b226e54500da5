// Dates, times, lengths and sizes for the parent area, in the reader's language
// and always in England's time (Europe/London), whatever the server's zone.
import type { Translator } from '~/i18n/keys';
import type { LocaleCode } from '~/config/locales';
import type { FieldError } from '~/server/http/forms';
import { utcMidnight, type CalendarDate } from '~/server/domain/working-days';
import { dateTimeFormat, durationFormat, listFormat, numberFormat } from '~/i18n/intl-cache';

const ZONE = 'Europe/London';

/** The Intl locale for a portal language: English readers here expect British dates ("1 December 2026"). */
export function intlLocale(lang: LocaleCode): string {
  return lang === 'en' ? 'en-GB' : lang;
}

/** "Tuesday 1 December 2026 at 10:00", in London time. */
export function formatDateTime(instant: Date, lang: LocaleCode): string {
  return dateTimeFormat(intlLocale(lang), { dateStyle: 'full', timeStyle: 'short', timeZone: ZONE }).format(instant);
}

/** "1 December 2026", the London date of an instant. */
export function formatInstantDate(instant: Date, lang: LocaleCode): string {
  return dateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeZone: ZONE }).format(instant);
}

/** "Tuesday 1 December 2026", for a calendar date (a deadline). */
export function formatCalendarDate(date: CalendarDate, lang: LocaleCode, style: 'full' | 'long' = 'full'): string {
  return dateTimeFormat(intlLocale(lang), { dateStyle: style, timeZone: 'UTC' }).format(new Date(utcMidnight(date)));
}

/** formatDuration's answers: a council's meetings last one of a few lengths, and formatting one is slow. */
const durations = new Map<string, string>();

/** "2 hours 30 minutes". */
export function formatDuration(minutes: number, lang: LocaleCode): string {
  const key = `${lang}|${minutes}`;
  let text = durations.get(key);
  if (text === undefined) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    text = durationFormat(intlLocale(lang), { style: 'long' }).format({ hours, minutes: rest });
    if (durations.size >= 1000) durations.clear();
    durations.set(key, text);
  }
  return text;
}

/** "240 KB", "1.5 MB": a file size in the reader's number format. */
export function formatFileSize(bytes: number, lang: LocaleCode): string {
  const locale = intlLocale(lang);
  if (bytes < 1000 * 1000) {
    return numberFormat(locale, {
      style: 'unit',
      unit: 'kilobyte',
      unitDisplay: 'short',
      maximumFractionDigits: 0,
    }).format(Math.max(1, Math.round(bytes / 1000)));
  }
  return numberFormat(locale, {
    style: 'unit',
    unit: 'megabyte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  }).format(bytes / 1000 / 1000);
}

/** "Jamie and Riley": first names as a list in the reader’s language, in parts (names and the words between). */
export function formatNames(
  names: readonly string[],
  lang: LocaleCode,
): { type: 'element' | 'literal'; value: string }[] {
  // In parts, so each name can be isolated (<bdi>): "Jamie و Riley" then reads right to left in Arabic
  // with each Latin name whole, instead of the Latin first name turning the whole list left to right.
  return listFormat(intlLocale(lang), { type: 'conjunction' }).formatToParts(names);
}

/**
 * A field error's message in the reader's language, with its values (a code's
 * length, the tries left). A count under 1,000 stays a number, so the
 * translator chooses its plural form (Arabic "two" for 2) and writes it in the
 * reader's digits; a limit in thousands is written with grouping ("5,000").
 */
export function errorText(error: FieldError, t: Translator, lang: LocaleCode): string {
  const { count, ...values } = error.vars ?? {};
  if (count === undefined) return t(error.key, values);
  return t(error.key, { ...values, count: count < 1000 ? count : numberFormat(intlLocale(lang)).format(count) });
}
