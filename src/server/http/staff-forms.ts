import { z } from 'zod';
import { getT } from '~/i18n';
import { formPage, type Outcome } from './form-page';
import { parseForm, type FieldError, type FormValues } from './forms';

/** One field's problem on a staff form, in English (the staff area is English only). */
export interface StaffFieldError {
  field: string;
  message: string;
}
export type StaffParsed<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; errors: StaffFieldError[]; values: FormValues };

/** Checks a staff form (src/server/forms/); its messages are translation keys, shown in English. */
export function parseStaffForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  arrays: readonly string[] = [],
): StaffParsed<z.output<S>> {
  const parsed = parseForm(schema, form, arrays);
  if (parsed.ok) return parsed;
  return { ok: false, values: parsed.values, errors: inEnglish(parsed.errors) };
}

/**
 * A staff form's problems in English, for the staff components (the staff area
 * is English only); a refusal's own message (see refusedWith) is kept as it is.
 */
export function inEnglish(errors: readonly (FieldError | StaffFieldError)[]): StaffFieldError[] {
  const en = getT('en');
  return errors.map((e) => ('message' in e ? e : { field: e.field, message: en(e.key, e.vars ?? {}) }));
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
