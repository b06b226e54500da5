import { z } from 'zod';
import { LOCALE_CODES } from '~/config/locales';
import { ukMobile } from '~/server/domain/mobile';
import { requiredLine } from './text';

const E = 'staff:parent.error';

/** A parent or carer in a case, as staff add or change them. */
export const parentForm = z.object({
  name: requiredLine(100, { required: `${E}.name.required`, tooLong: `${E}.name.tooLong` }),
  email: z
    .string({ error: `${E}.email.required` })
    .trim()
    .min(1, `${E}.email.required`)
    .pipe(z.email(`${E}.email.format`)),
  preferredLanguage: z.enum(LOCALE_CODES, `${E}.preferredLanguage.required`),
  sharesHousehold: z.enum(['yes', 'no'], `${E}.sharesHousehold.required`).transform((v) => v === 'yes'),
  /** Optional: kept waiting until the parent confirms it with a code (issue 17). */
  mobile: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || ukMobile(v) !== null, `${E}.mobile.invalid`),
});
