// Signing people in through the auth service, as the pages do, for tests
// that need a parent's or a staff member's session.
import { expect } from 'vitest';
import type { memoryMailer } from '~/server/mail/mailer';
import type { Services } from '~/server/services';
import { totp } from './totp';

/** What a page passes on about a request: the cookie header, one network address, English. */
export const request = (cookie?: string, ip = '203.0.113.9') => ({
  headers: new Headers(cookie ? { cookie } : {}),
  ip,
  lang: 'en',
});

/** Carries Set-Cookie lines forward as a Cookie header, as a browser would. */
export function jar(previous: string | undefined, setCookies: string[]): string {
  const cookies = new Map(
    (previous ?? '')
      .split('; ')
      .filter(Boolean)
      .map((c) => [c.split('=')[0] ?? '', c]),
  );
  for (const line of setCookies) {
    const pair = line.split(';')[0] ?? '';
    const name = pair.split('=')[0] ?? '';
    if (pair.endsWith('=') || /max-age=0/i.test(line)) cookies.delete(name);
    else cookies.set(name, pair);
  }
  return [...cookies.values()].join('; ');
}

type Mailer = ReturnType<typeof memoryMailer>;

/** Asks for a code for `email` and returns the one emailed (empty when none was sent). */
export async function emailedCode(services: Services, mailer: Mailer, email: string): Promise<string> {
  mailer.sent.length = 0;
  await services.auth.requestCode(email, request());
  await services.auth.settle();
  return /\b(\d{6})\b/.exec(mailer.sent.at(-1)?.text ?? '')?.[1] ?? '';
}

/** A parent's first sign-in: returns their session cookie and every Set-Cookie line it came with. */
export async function signInParent(services: Services, mailer: Mailer, email: string) {
  const result = await services.auth.verifyCode(email, await emailedCode(services, mailer, email), request());
  if (!result.ok) throw new Error(`${email} could not sign in: ${result.reason}`);
  return { cookie: jar(undefined, result.setCookies), setCookies: result.setCookies };
}

/** A staff member's first sign-in: emailed code, then setting up an app; returns the app's secret, the recovery codes and the session cookie. */
export async function setUpStaff(services: Services, mailer: Mailer, email: string) {
  const s = services.auth.staffSignIn;
  const first = await s.verifyCode(email, await emailedCode(services, mailer, email), request());
  if (!first.ok || first.next !== 'set-up') throw new Error(`${email} could not start setting up`);
  let cookie = jar(undefined, first.setCookies);
  const member = (await s.load(request(cookie)))!.staff;
  const { secret, recoveryCodes } = await s.startSetUp(request(cookie));
  const done = await s.confirmSetUp(member, totp(secret), request(cookie));
  if (!done.ok) throw new Error(`${email} could not finish setting up: ${done.reason}`);
  cookie = jar(cookie, done.setCookies);
  expect((await s.load(request(cookie)))?.twoFactorEnabled).toBe(true);
  return { secret, recoveryCodes, cookie, member, setCookies: [...first.setCookies, ...done.setCookies] };
}

/** A later staff sign-in: emailed code, then the pending second step's cookie (before the app code). */
export async function pendingStaffSignIn(services: Services, mailer: Mailer, email: string): Promise<string> {
  const step = await services.auth.staffSignIn.verifyCode(email, await emailedCode(services, mailer, email), request());
  if (!step.ok || step.next !== 'second-factor') throw new Error(`${email} was not asked for a second factor`);
  return jar(undefined, step.setCookies);
}
