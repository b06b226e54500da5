import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { asciiDigits } from '~/i18n/digits';
import { requiredLine } from './text';

const E = 'account:supporter.error';

/** The "name a supporter" form. Phone or email, at least one; a phone must be a real UK or international number. */
export const supporterForm = z
  .object({
    name: requiredLine(120, { required: `${E}.name.required`, tooLong: `${E}.name.tooLong` }),
    relationship: requiredLine(120, { required: `${E}.relationship.required`, tooLong: `${E}.relationship.tooLong` }),
    isSolicitor: z.enum(['yes', 'no'], { error: `${E}.isSolicitor.required` }),
    phone: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? asciiDigits(v) : null))
      .refine((v) => v === null || (v.length <= 30 && /^[0-9 +()-]+$/.test(v) && isValidPhoneNumber(v, 'GB')), {
        error: `${E}.phone.invalid`,
      }),
    email: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || (v.length <= 254 && z.email().safeParse(v).success), {
        error: `${E}.email.invalid`,
      }),
  })
  // Checked even when other fields have errors, so the reader sees every problem at once.
  .refine((v) => !!(v.phone || v.email), { path: ['phone'], error: `${E}.contact.required`, when: () => true });
export type SupporterInput = z.output<typeof supporterForm>;
