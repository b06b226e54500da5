import { ukMobile } from '~/server/domain/mobile';
import { z } from 'zod';
import { STAFF_ROLES } from '~/server/auth/staff';
import { LOCALE_CODES } from '~/config/locales';
import { isCalendarDate, londonInstant } from '~/server/domain/working-days';
import { getT } from '~/i18n';
import { cleanLine, optionalLine, requiredLine, requiredLongText } from '~/server/forms/text';
import { formPage, type Outcome } from './form-page';
import { formValues, parseForm, type FieldError, type FormValues } from './forms';

/** One field's problem on a staff form, in English (the staff area is English only). */
export interface StaffFieldError {
  field: string;
  message: string;
}
export type StaffParsed<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; errors: StaffFieldError[]; values: FormValues };

/** A message that is a translation key ("security:text.control") rather than English words. */
const TRANSLATION_KEY = /^[a-z][A-Za-z]*:[\w.-]+$/;

/** Checks a staff form; its schema's messages are English, or keys of English strings (shared text checks). */
export function parseStaffForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  arrays: readonly string[] = [],
): StaffParsed<z.output<S>> {
  const parsed = parseForm(schema, form, arrays);
  if (parsed.ok) return parsed;
  return { ok: false, values: parsed.values, errors: inEnglish(parsed.errors) };
}
export { formValues };

const tooLong = (label: string, max: number) => `${label} must be ${max} characters or fewer`;
const text = (max: number, empty: string, label: string) =>
  requiredLine(max, { required: empty, tooLong: tooLong(label, max) });
const optional = (max: number, label: string) => optionalLine(max, { tooLong: tooLong(label, max) });
const pastDate = (empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .refine((v) => isCalendarDate(v), 'Enter a real date, like 2019-03-27')
    .refine((v) => v <= new Date().toISOString().slice(0, 10), 'The date of birth must be today or in the past');

/** Adding a member of staff. Messages are translation keys (locales/en/staff.json). */
export const newStaffForm = z.object({
  name: requiredLine(100, { required: 'staff:error.nameEmpty', tooLong: 'staff:error.nameTooLong' }),
  email: z.string().trim().pipe(z.email('staff:error.emailFormat')),
  role: z.enum(STAFF_ROLES, 'staff:error.roleEmpty'),
});

/** Changing a member: their role, or switching access off or on, or resetting their app. */
export const staffChangeForm = z.discriminatedUnion('action', [
  z.object({ action: z.literal('role'), role: z.enum(STAFF_ROLES, 'staff:error.roleEmpty') }),
  z.object({ action: z.literal('deactivate') }),
  z.object({ action: z.literal('reactivate') }),
  // The administrator's own app code, typed now: a session alone cannot reset anyone's app.
  z.object({ action: z.literal('reset-second-factor'), code: z.string().default('') }),
]);

export const caseForm = z.object({
  reference: text(40, 'Enter the case reference', 'The reference').pipe(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 /_-]*$/, 'Use only letters, numbers, spaces, dashes and slashes'),
  ),
});

export const childForm = z.object({
  firstName: text(60, 'Enter the child’s first name', 'The first name'),
  dateOfBirth: pastDate('Enter the child’s date of birth'),
});

export const parentForm = z.object({
  name: text(100, 'Enter the parent or carer’s full name', 'The name'),
  email: z
    .string()
    .trim()
    .min(1, 'Enter their email address')
    .pipe(z.email('Enter an email address in the correct format, like name@example.com')),
  preferredLanguage: z.enum(LOCALE_CODES, 'Choose the language they read best'),
  sharesHousehold: z
    .enum(['yes', 'no'], 'Say whether they live with the other parent or carer')
    .transform((v) => v === 'yes'),
  /** Optional: kept waiting until the parent confirms it with a code (issue 17). */
  mobile: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || ukMobile(v) !== null, 'Enter a UK mobile number, like 07123 456789, or leave it empty'),
});

export const conferenceForm = z
  .object({
    type: z.enum(['initial', 'review'], 'Choose the kind of conference'),
    date: z
      .string()
      .trim()
      .min(1, 'Enter the date of the conference')
      .refine((v) => isCalendarDate(v), 'Enter a real date, like 2026-12-03'),
    time: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the start time, like 10:00'),
    durationMinutes: z.coerce
      .number('Enter how long it will take, in minutes')
      .int('Enter a whole number of minutes')
      .min(30, 'It must be at least 30 minutes')
      .max(480, 'It must be 480 minutes (8 hours) or less'),
    venue: optional(300, 'The place'),
    onlineLink: cleanLine()
      .transform((v) => v || null)
      .refine(
        (v) => v === null || /^https:\/\/[^\s]+$/.test(v),
        'Enter the link to join online, starting with https://',
      ),
    chairName: text(100, 'Enter the chair’s name', 'The chair’s name'),
    children: z.array(z.string()).min(1, 'Choose the children the conference is about'),
    initialConferenceDate: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
  })
  .refine((v) => v.venue || v.onlineLink, {
    path: ['venue'],
    message: 'Enter the place, or a link to join online, or both',
  })
  .refine((v) => v.type === 'initial' || (v.initialConferenceDate && isCalendarDate(v.initialConferenceDate)), {
    path: ['initialConferenceDate'],
    message: 'For a review, enter the date of the first (initial) conference, like 2026-09-14',
  })
  .refine((v) => v.type === 'initial' || !v.initialConferenceDate || v.initialConferenceDate < v.date, {
    path: ['initialConferenceDate'],
    message: 'The first conference must be before this one',
  })
  .transform((v) => ({
    type: v.type,
    startsAt: londonInstant(v.date, v.time),
    durationMinutes: v.durationMinutes,
    venue: v.venue,
    onlineLink: v.onlineLink,
    chairName: v.chairName,
    childIds: v.children,
    initialConferenceDate: v.type === 'review' ? v.initialConferenceDate : null,
  }));

export const exclusionForm = z
  .object({
    parentId: z.string().min(1, 'Choose the parent or carer'),
    scope: z.enum(['all', 'part'], 'Say whether it is all or part of the conference'),
    partDescription: optional(300, 'The part'),
    reason: requiredLongText(2000, { required: 'Enter the chair’s reason', tooLong: tooLong('The reason', 2000) }),
  })
  .refine((v) => v.scope === 'all' || v.partDescription, {
    path: ['partDescription'],
    message: 'Say which part they may not attend',
  });

export const outcomeForm = z
  .object({
    outcome: z.enum(['cp-plan', 'cin-plan', 'no-plan'], 'Choose the outcome'),
    category: z
      .enum(['neglect', 'physical-abuse', 'emotional-abuse', 'sexual-abuse'])
      .optional()
      .transform((v) => v ?? null),
  })
  .refine((v) => v.outcome !== 'cp-plan' || v.category, {
    path: ['category'],
    message: 'Choose the category of the child protection plan',
  });

export const reportForm = z.object({
  title: text(150, 'Enter the report’s title', 'The title'),
  agency: text(100, 'Enter who wrote it, like Children’s social care or the school', 'The agency'),
  parents: z.array(z.string()),
});

/** A staff form's problems in English, for the staff components (the staff area is English only). */
export function inEnglish(errors: readonly FieldError[]): StaffFieldError[] {
  const en = getT('en');
  return errors.map((e) => ({
    field: e.field,
    message: TRANSLATION_KEY.test(e.key)
      ? en(e.key, e.vars ?? {})
      : e.key.replace('{{count}}', String(e.vars?.count ?? '')),
  }));
}

/**
 * A staff form page: the one form helper (./form-page.ts) for a page that
 * reads nothing more after a POST, with its problems in English.
 */
export async function staffForm<S extends z.ZodType, R extends string = string>(
  context: { request: Request; redirect: (path: string, status?: 301 | 302 | 303 | 307 | 308) => Response },
  options: {
    schema: S;
    arrays?: readonly string[];
    initial?: FormValues;
    save: (data: z.output<S>) => Promise<Outcome<R>>;
    refused?: (reason: R) => FieldError | null;
  },
): Promise<Response | { errors: StaffFieldError[]; values: FormValues }> {
  const page = await formPage(context, {
    load: async () => ({}),
    initial: () => options.initial ?? {},
    schema: options.schema,
    ...(options.arrays ? { arrays: options.arrays } : {}),
    save: (data) => options.save(data),
    ...(options.refused ? { refused: options.refused } : {}),
  });
  if (page instanceof Response) return page;
  return { errors: inEnglish(page.errors), values: page.values };
}
