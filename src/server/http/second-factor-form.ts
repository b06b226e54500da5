import type { APIContext } from 'astro';
/** One form problem (the shape ErrorSummary.astro shows). */
type FormError = { field: string; message: string };
import type { SecondFactorProblem } from '~/server/auth';
import { getServices } from '~/server/services';
import { redirectWithCookies } from './responses';

const MESSAGES: Record<SecondFactorProblem, string> = {
  wrong: 'This code is not right. Check it and try again.',
  used: 'This code has been used already. Wait for your app to show a new code, then enter that.',
  locked: 'There have been too many wrong codes. Wait 15 minutes, then sign in again.',
  expired: 'This sign-in has expired. Start again.',
  'too-many': 'There have been too many tries. Wait a minute, then try again.',
};

/** Handles the second sign-in step's form: signs in and goes to the staff home page, or returns the error to show. */
export async function secondFactorForm(
  context: Pick<APIContext, 'request' | 'clientAddress'>,
  kind: 'app' | 'recovery',
): Promise<Response | FormError[]> {
  if (context.request.method !== 'POST') return [];
  const form = await context.request.formData();
  const sent = form.get('code');
  const code = (typeof sent === 'string' ? sent : '').trim();
  if (!code)
    return [
      {
        field: 'code',
        message: kind === 'app' ? 'Enter the code from your authenticator app' : 'Enter one of your recovery codes',
      },
    ];
  if (kind === 'app' && !/^\d{6}$/.test(code.replace(/\s/g, '')))
    return [{ field: 'code', message: 'Enter the 6 numbers from your authenticator app' }];
  const { auth } = await getServices();
  const result = await auth.staffSignIn.verifySecondFactor(kind, code, {
    headers: context.request.headers,
    ip: context.clientAddress,
    lang: 'en',
  });
  if (result.ok) return redirectWithCookies('/staff/', result.setCookies);
  return [{ field: 'code', message: MESSAGES[result.reason] }];
}
