import { z } from 'zod';

const E = 'account:reminders.error';

/** The code texted to a mobile, typed to confirm it (spaces and dashes as people type them). */
export const mobileCodeForm = z.object({
  code: z
    .string()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, { error: `${E}.codeFormat` })),
});
