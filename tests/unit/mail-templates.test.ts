import { describe, expect, it, vi } from 'vitest';
import { renderEmail } from '~/server/mail/templates';
import { backoffMs } from '~/server/mail/outbox';
import { codeField, emailField } from '~/server/forms/sign-in';
import { resources } from '~/i18n';

const SITE = 'https://portal.example.gov.uk';
const payloads = {
  'sign-in-code': { code: '482913', minutes: 10, expiresAt: '2026-11-02T09:10:00.000Z' },
} as const;

// Every message in every language is checked for personal details in tests/unit/messages.test.ts, and
// for one family's real details (names, email, mobile, birthday, place) in mail-templates-privacy.test.ts.
describe('email templates', () => {
  it('give the code, how long it lasts, and what to do if you did not ask', () => {
    const email = renderEmail('sign-in-code', 'en', payloads['sign-in-code'], SITE);
    expect(email.subject).toBe('Your sign-in code');
    expect(email.text).toContain('482913');
    expect(email.text).toContain('The code works for 10 minutes, and only once.');
    expect(email.text).toContain('If you did not ask for a code, you can ignore this email.');
    expect(email.html).toContain('<html lang="en" dir="ltr">');
  });

  it('link to sign-in in the reader’s language, and stay wholly English until translated', async () => {
    // Romanian has this email's subject: the email is Romanian.
    expect(renderEmail('new-message', 'ro', {}, SITE).subject).toBe(resources.ro?.email?.['newMessage.subject']);
    // While Romanian lacks it, the whole email is English, linking to the Romanian pages. The
    // translator remembers what it has looked up (the strings never change while the server runs),
    // so this runs on fresh copies of the modules, with the string taken out before they use it.
    vi.resetModules();
    const fresh = await import('~/i18n');
    const { renderEmail: renderFresh } = await import('~/server/mail/templates');
    const romanian = fresh.resources.ro?.email ?? {};
    const saved = romanian['newMessage.subject'];
    delete romanian['newMessage.subject'];
    try {
      const email = renderFresh('new-message', 'ro', {}, SITE);
      expect(email.subject).toBe(fresh.resources.en?.email?.['newMessage.subject']);
      expect(email.text).toContain(`${SITE}/ro/account/sign-in/`);
      expect(email.html).toContain('<html lang="en" dir="ltr">');
    } finally {
      if (saved !== undefined) romanian['newMessage.subject'] = saved;
    }
    // Arabic has them: the email is Arabic, right to left.
    const arabic = renderEmail('new-message', 'ar', {}, SITE);
    expect(arabic.subject).toBe(resources.ar?.email?.['newMessage.subject']);
    expect(arabic.html).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.text).toContain(`${SITE}/ar/account/sign-in/`);
  });

  it('refuse a payload that does not fit the template', () => {
    expect(() => renderEmail('sign-in-code', 'en', { code: 'abc' }, SITE)).toThrow();
  });
});

describe('the outbox back-off', () => {
  it('waits up to 30 s, then up to twice as long each time, never more than an hour', () => {
    const longest = () => 1;
    expect([1, 2, 3, 4, 8, 20].map((n) => backoffMs(n, longest))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ]);
  });

  it('takes a random part of up to half off each wait, so emails that failed together come back apart', () => {
    expect(backoffMs(1, () => 0)).toBe(15_000);
    expect(backoffMs(3, () => 0.5)).toBe(90_000);
    const waits = new Set(Array.from({ length: 20 }, () => backoffMs(2)));
    expect(waits.size).toBeGreaterThan(10);
    for (const wait of waits) {
      expect(wait).toBeGreaterThanOrEqual(30_000);
      expect(wait).toBeLessThanOrEqual(60_000);
    }
  });
});

describe('the sign-in form fields', () => {
  it('accept a code typed with a space or a dash, and name the problem otherwise', () => {
    expect(codeField.parse(' 123 456 ')).toBe('123456');
    expect(codeField.parse('123-456')).toBe('123456');
    expect(codeField.safeParse('').error?.issues[0]?.message).toBe('auth:code.errorEmpty');
    expect(codeField.safeParse('12345').error?.issues[0]?.message).toBe('auth:code.errorFormat');
    expect(codeField.safeParse('12345a').error?.issues[0]?.message).toBe('auth:code.errorFormat');
  });

  it('accept an email address with spaces around it, and name the problem otherwise', () => {
    expect(emailField.parse('  parent@example.test ')).toBe('parent@example.test');
    expect(emailField.safeParse('  ').error?.issues[0]?.message).toBe('auth:signIn.errorEmpty');
    expect(emailField.safeParse('parent@').error?.issues[0]?.message).toBe('auth:signIn.errorFormat');
  });
});
