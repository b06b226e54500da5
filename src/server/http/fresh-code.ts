import type { FreshFactor, FreshProblem } from '~/server/auth';
import type { RequestInfo } from '~/server/auth/sign-in';

/** One field's problem, as the staff pages show it. */
export interface FreshError {
  field: string;
  message: string;
}

const MESSAGES: Record<FreshProblem, Record<FreshFactor | 'either', string>> = {
  empty: {
    app: 'Enter the code your authenticator app shows now',
    recovery: 'Enter one of your recovery codes',
    either: 'Enter the code your authenticator app shows now, or one of your recovery codes',
  },
  wrong: {
    app: 'This code is not right. Check the time on your phone is correct, then try the new code.',
    recovery: 'This recovery code is not right, or it has been used already.',
    either: 'This code is not right. Enter the code your app shows now, or a recovery code you have not used.',
  },
  used: {
    app: 'This code has been used already. Wait for your app to show a new code, then enter that.',
    recovery: 'This recovery code has been used already.',
    either: 'This code has been used already. Wait for your app to show a new code, then enter that.',
  },
  'too-many': {
    app: 'There have been too many tries. Wait 15 minutes, then try again.',
    recovery: 'There have been too many tries. Wait 15 minutes, then try again.',
    either: 'There have been too many tries. Wait 15 minutes, then try again.',
  },
};

/** The message for a fresh code that was not accepted. */
export function freshMessage(problem: FreshProblem, kind: FreshFactor | 'either'): string {
  return MESSAGES[problem][kind];
}

/** A 6-digit code is from the app; anything else is taken as a recovery code. */
export function factorOf(code: string): FreshFactor {
  return /^\d{6}$/.test(code.replace(/\s+/g, '')) ? 'app' : 'recovery';
}

/** What the auth service needs from a staff page's request. */
export function requestInfo(context: { request: Request; clientAddress: string }): RequestInfo {
  return { headers: context.request.headers, ip: context.clientAddress, lang: 'en' };
}
