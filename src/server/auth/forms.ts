import { z } from 'zod';
import { SIGN_IN_POLICY } from './policy';
import { asciiDigits } from '~/i18n/digits';

/** The sign-in form's email field. Messages are translation keys. */
export const emailField = z
  .string()
  .trim()
  .min(1, 'auth:signIn.errorEmpty')
  .max(254, 'auth:signIn.errorFormat')
  .pipe(z.email('auth:signIn.errorFormat'));

/** The code form's field: digits only once spaces and dashes are taken out ("123 456" works). */
export const codeField = z
  .string()
  .transform((s) => asciiDigits(s).replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .min(1, 'auth:code.errorEmpty')
      .regex(new RegExp(`^\\d{${SIGN_IN_POLICY.codeLength}}$`), 'auth:code.errorFormat'),
  );

/** The sign-out form: here or everywhere; "timeout" when the warning ran out, "ended" when the session reached its absolute lifetime. */
export const signOutForm = z.object({
  scope: z.enum(['here', 'everywhere']).catch('here'),
  reason: z.enum(['timeout', 'ended', '']).catch(''),
});
