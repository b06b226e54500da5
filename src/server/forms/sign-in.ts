import { z } from 'zod';
import { SIGN_IN_POLICY } from '~/server/auth/policy';
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

/** The staff sign-out form: here or everywhere. */
export const staffSignOutForm = signOutForm.pick({ scope: true });

/** The parent's sign-in form: their email address. */
export const signInForm = z.object({ email: emailField });

/** The parent's code form: the code from the email. */
export const codeForm = z.object({ code: codeField });

const S = 'staff:signIn.error';

/** The staff sign-in form: a work email address (the staff area's own messages, in `staff`). */
export const staffSignInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, `${S}.email.required`)
    .max(254, `${S}.email.format`)
    .pipe(z.email(`${S}.email.format`)),
});

/** The staff code form: the code from the email, empty or not, one message with the code's length. */
export const staffCodeForm = z.object({
  code: z
    .string()
    .transform((s) => asciiDigits(s).replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${SIGN_IN_POLICY.codeLength}}$`), `${S}.code`)),
});

/** The first code from a new authenticator app, to finish setting it up (spaces as the app shows them). */
export const appCodeForm = z.object({
  code: z
    .string()
    .transform((s) => s.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'staff:twoFactor.error.code')),
});
