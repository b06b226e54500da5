import { z } from 'zod';
import type { TranslationKey } from '~/i18n/keys';

/** A form's values as typed, kept to fill the form again when there is an error. */
export type FormValues = Record<string, string | string[]>;

/** One field's error: the field's name (also its input's id) and a translation key ("account:…"). */
export interface FieldError {
  field: string;
  key: TranslationKey;
  /** Values for the message: `count` is the limit a too-long or too-short value broke. */
  vars?: Record<string, number> | undefined;
}

export type ParsedForm<T> =
  { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldError[]; values: FormValues };

/**
 * The text fields of a form, as typed. Fields named in `arrays` (checkbox
 * groups) are always lists; files are ignored.
 */
export function formValues(form: FormData, arrays: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const name of arrays) values[name] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string') continue;
    if (arrays.includes(name)) (values[name] as string[]).push(value);
    else if (!(name in values)) values[name] = value;
  }
  return values;
}

/**
 * Checks a form against its zod schema. On failure, one error per field (the
 * first found), in the order of the schema's fields, each message a translation key.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
  arrays: readonly string[] = [],
): ParsedForm<z.output<S>> {
  const values = formValues(form, arrays);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors.some((e) => e.field === field)) continue;
    const limit = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
    // A schema's messages are translation keys (its unit tests show each one on a page).
    errors.push({
      field,
      key: issue.message as TranslationKey,
      ...(limit !== undefined ? { vars: { count: Number(limit) } } : {}),
    });
  }
  // In the order the fields appear on the form, whichever rule found each problem.
  const order = 'shape' in schema && schema.shape && typeof schema.shape === 'object' ? Object.keys(schema.shape) : [];
  const position = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  errors.sort((a, b) => position(a.field) - position(b.field));
  return { ok: false, errors, values };
}

/** A text value from kept form values ('' when absent). */
export function textValue(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value : '';
}

/** A list value (checkboxes) from kept form values. */
export function listValue(values: FormValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}
