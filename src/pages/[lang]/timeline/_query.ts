// The timeline form's query string, read and checked once for the result page
// and the calendar download. Errors are translation keys, never English.
import { z } from 'zod';
import type { ConferenceType } from '~/server/domain/deadlines';
import { calendarDate, type CalendarDate } from '~/server/domain/working-days';
import { asciiDigits } from '~/i18n/digits';
import type { TranslationKey } from '~/i18n/keys';

export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateFieldName = 'conference' | 'initial';
export type FieldName = 'type' | DateFieldName;
export type DateValues = Record<DatePart, string>;

/** What the reader typed, kept as typed so the form can show it again. */
export interface TimelineValues {
  type: string;
  conference: DateValues;
  initial: DateValues;
}

/** One problem with one question: a translation key, its values, and the inputs to mark. */
export interface FieldError {
  field: FieldName;
  key: TranslationKey;
  values: Record<string, number>;
  parts: DatePart[];
  /** The id of the input the error summary links to. */
  href: string;
}

export type TimelineQuery =
  | {
      ok: true;
      values: TimelineValues;
      type: ConferenceType;
      conferenceDate: CalendarDate;
      initialConferenceDate: CalendarDate | undefined;
    }
  | { ok: false; values: TimelineValues; errors: FieldError[] };

/** Years a date may fall in, relative to this year. A plan can run for years, so the first conference may be long ago. */
const YEARS: Record<DateFieldName, { back: number; ahead: number }> = {
  conference: { back: 1, ahead: 1 },
  initial: { back: 5, ahead: 1 },
};

const typeSchema = z.enum(['initial', 'review'], { error: 'timeline:error.type.missing' });

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A GOV.UK date input (day, month, year) read into a calendar date, with GOV.UK's error messages. */
function dateSchema(field: DateFieldName, thisYear: number) {
  const from = thisYear - YEARS[field].back;
  const to = thisYear + YEARS[field].ahead;
  const part = z.string().transform(asciiDigits);
  return z.object({ day: part, month: part, year: part }).transform((p, ctx): CalendarDate => {
    const fail = (reason: string, parts: DatePart[], values: Record<string, number> = {}) => {
      ctx.addIssue({ code: 'custom', message: `timeline:error.${field}.${reason}`, params: { parts, values } });
      return z.NEVER;
    };
    const missing = DATE_PARTS.filter((k) => p[k] === '');
    if (missing.length === DATE_PARTS.length) return fail('missing', [...DATE_PARTS]);
    if (missing.length > 0) return fail(`missing${missing.map(capital).join('')}`, missing);
    const notNumbers = DATE_PARTS.filter((k) => !/^\d{1,4}$/.test(p[k]));
    if (notNumbers.length > 0) return fail('real', notNumbers);
    if (p.year.length !== 4) return fail('yearDigits', ['year']);
    const [day, month, year] = [Number(p.day), Number(p.month), Number(p.year)];
    if (month < 1 || month > 12) return fail('real', ['month']);
    const date = calendarDate(year, month, day);
    if (!date) return fail('real', ['day']);
    if (year < from || year > to) return fail('range', ['year'], { from, to });
    return date;
  });
}

/** A query value as typed, spaces removed (GOV.UK: accept "2 4" as "24"), kept short. */
function read(params: URLSearchParams, name: string): string {
  return (params.get(name) ?? '').replace(/\s+/g, '').slice(0, 20);
}

/** The typed values from a query string: `type`, `conference-day`…, `initial-year`. */
export function readValues(params: URLSearchParams): TimelineValues {
  const dateOf = (field: DateFieldName) =>
    Object.fromEntries(DATE_PARTS.map((p) => [p, read(params, `${field}-${p}`)])) as DateValues;
  return { type: read(params, 'type'), conference: dateOf('conference'), initial: dateOf('initial') };
}

/** True when the query holds none of the form's fields (someone opened the result page directly). */
export function isEmptyQuery(params: URLSearchParams): boolean {
  const v = readValues(params);
  return v.type === '' && [...Object.values(v.conference), ...Object.values(v.initial)].every((s) => s === '');
}

function toErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = (issue.path[0] ?? 'type') as FieldName;
    const params = (issue as { params?: { parts?: DatePart[]; values?: Record<string, number> } }).params ?? {};
    const parts = params.parts ?? [];
    return {
      field,
      key: issue.message as TranslationKey,
      values: params.values ?? {},
      parts,
      href: field === 'type' ? 'type' : `${field}-${parts[0] ?? 'day'}`,
    };
  });
}

/** Reads and checks the timeline form's answers; `today` sets the years a date may fall in. */
export function parseTimelineQuery(params: URLSearchParams, today: CalendarDate): TimelineQuery {
  const values = readValues(params);
  const thisYear = Number(today.slice(0, 4));
  const isReview = values.type === 'review';
  const schema = z.object({
    type: typeSchema,
    conference: dateSchema('conference', thisYear),
    // The first conference's date is asked for, and checked, only for a review.
    initial: isReview ? dateSchema('initial', thisYear) : z.unknown().transform(() => undefined),
  });
  const result = schema.safeParse(values);
  if (!result.success) return { ok: false, values, errors: toErrors(result.error) };
  const { type, conference, initial } = result.data;
  if (initial !== undefined && initial >= conference) {
    return {
      ok: false,
      values,
      errors: [
        {
          field: 'initial',
          key: 'timeline:error.initial.order',
          values: {},
          parts: [...DATE_PARTS],
          href: 'initial-day',
        },
      ],
    };
  }
  return { ok: true, values, type, conferenceDate: conference, initialConferenceDate: initial };
}

/** The query string for these answers ("type=…&conference-day=…"), for links that carry them on. */
export function timelineSearch(values: TimelineValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ type: values.type });
  // A first conference has no "first conference" date; do not carry a stray one on.
  for (const field of values.type === 'review' ? (['conference', 'initial'] as const) : (['conference'] as const)) {
    for (const p of DATE_PARTS) if (values[field][p] !== '') params.set(`${field}-${p}`, values[field][p]);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
