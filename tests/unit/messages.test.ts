import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALE_CODES } from '~/config/locales';
import { resources } from '~/i18n';
import type { Channel } from '~/server/domain/reminders';
import { isReminder, MESSAGES, messageLanguage, renderMessage, type MessageName } from '~/server/notify/messages';
import { samplePayload } from '~/server/notify/notify-template-text';
import { parentOfStopToken, stopToken } from '~/server/notify/stop-link';

const SITE = 'https://portal.example.gov.uk';

/**
 * The words that would say what a message is about, in each language: the
 * glossary's own words (each language's forms) for child protection, its
 * conferences and plans, the kinds of harm, and the people and groups
 * around them. A message may say "meeting", never these.
 */
const REVEALING = [
  'child-protection-conference',
  'initial-conference',
  'review-conference',
  'significant-harm',
  'strategy-discussion',
  'section-47-enquiries',
  'child-protection-plan',
  'neglect',
  'emotional-abuse',
  'physical-abuse',
  'sexual-abuse',
  'child-in-need',
  'key-worker',
  'core-group',
  'parental-responsibility',
  'safeguarding-partnership',
  'childrens-guardian',
];
type Entry = { id: string; term: string; match: string[] };
function revealingWords(lang: string): string[] {
  const glossary = JSON.parse(readFileSync(`content/glossary/${lang}.json`, 'utf8')) as Entry[];
  return (
    glossary
      .filter((e) => REVEALING.includes(e.id))
      // The English term in brackets after the language's own, in ASCII or full-width (Chinese) brackets.
      .flatMap((e) => [e.term.replace(/\s*[(（].*[)）]\s*$/, ''), ...e.match])
      // Two letters are too short to be a word of their own, but two Chinese characters are a word (忽视, neglect).
      .filter((w) => w.length > 2 || /\p{Script=Han}/u.test(w))
  );
}
/** What the portal knows about a family, none of which may ever be in a message. */
const FAMILY = ['Sam Taylor', 'Jamie', 'CPC-2026-000123', 'Guildhall', 'Ms Okafor', 'child', 'protection', 'abuse'];

const ALL = (Object.keys(MESSAGES) as MessageName[]).flatMap((m) =>
  (MESSAGES[m].channels as readonly Channel[]).map((c) => [m, c] as const),
);

describe('every message, by email and text, in every language', () => {
  it.each(LOCALE_CODES)('carries no personal detail and no word that says what it is about (%s)', (lang) => {
    const words = [...new Set([...revealingWords(lang), ...revealingWords('en'), ...FAMILY])];
    expect(words.length).toBeGreaterThan(15);
    for (const [message, channel] of ALL) {
      const r = renderMessage(message, channel, lang, samplePayload(message), { siteUrl: SITE });
      const texts = [r.subject ?? '', r.text, r.html ?? '', ...Object.values(r.personalisation)];
      for (const text of texts)
        for (const word of words)
          expect(text.toLowerCase(), `${message} by ${channel} in ${lang}`).not.toContain(word.toLowerCase());
      // The only values a message carries are neutral: a code, a day, a time and the two links.
      expect(
        Object.keys(r.personalisation).every((k) => ['code', 'day', 'time', 'sign_in_link', 'stop_link'].includes(k)),
      ).toBe(true);
    }
  });

  it.each(LOCALE_CODES)('is written in the reader’s own language (%s), never English in its place', (lang) => {
    for (const [message, channel] of ALL) {
      if ('staff' in MESSAGES[message]) continue;
      expect(messageLanguage(message, channel, lang), `${message} by ${channel}`).toBe(lang);
      const r = renderMessage(message, channel, lang, samplePayload(message), { siteUrl: SITE });
      if (lang !== 'en' && isReminder(message)) {
        const english = renderMessage(message, channel, 'en', samplePayload(message), { siteUrl: SITE });
        expect(r.text.split('\n')[0]).not.toBe(english.text.split('\n')[0]);
      }
    }
  });

  it('gives the time and the day in the reader’s words, and links to sign in and to stop', () => {
    const payload = { time: '14:30', stop: 'A'.repeat(43), expiresAt: '2100-01-01T00:00:00Z' };
    expect(renderMessage('meeting-tomorrow', 'sms', 'en', payload, { siteUrl: SITE }).text).toBe(
      [
        'Reminder: your meeting is tomorrow at 14:30.',
        `Sign in: ${SITE}/en/account/sign-in/`,
        `Stop these reminders: ${SITE}/stop/${'A'.repeat(43)}`,
      ].join('\n'),
    );
    const day = { day: '2026-12-03', stop: 'A'.repeat(43), expiresAt: '2100-01-01T00:00:00Z' };
    expect(renderMessage('supporter-notice', 'email', 'en', day, { siteUrl: SITE }).text).toContain(
      'tell the team by Thursday, 3 December 2026.',
    );
    expect(renderMessage('supporter-notice', 'sms', 'pl', day, { siteUrl: SITE }).text).toContain('czwartek');
    // Right to left: the date keeps its own direction inside the Arabic sentence.
    expect(renderMessage('supporter-notice', 'sms', 'ar', day, { siteUrl: SITE }).text).toMatch(/\u2068.+\u2069/);
    // A text message is short: the reminder and its two links.
    const sms = renderMessage('meeting-today', 'sms', 'bn', payload, { siteUrl: SITE });
    expect(sms.text.split('\n')).toHaveLength(3);
    expect(sms.subject).toBeUndefined();
  });

  it('refuses a payload that does not fit, so a name cannot slip in', () => {
    expect(() =>
      renderMessage('meeting-today', 'sms', 'en', { time: 'Sam at 10', stop: 'x' }, { siteUrl: SITE }),
    ).toThrow();
    expect(() => renderMessage('new-message', 'sms', 'en', {}, { siteUrl: SITE })).toThrow();
    expect(Object.keys(resources.en?.messages ?? {}).length).toBeGreaterThan(20);
  });
});

describe('the stop link', () => {
  const secret = 'a-secret-of-at-least-thirty-two-characters';
  const parentId = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it('names the parent it was made for, and nobody else', () => {
    const token = stopToken(secret, parentId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parentOfStopToken(secret, token)).toBe(parentId);
    // Another secret, or one character changed: not ours.
    expect(parentOfStopToken('another-secret-of-at-least-thirty-two-chars', token)).toBeNull();
    const altered = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    expect(parentOfStopToken(secret, altered)).toBeNull();
    expect(parentOfStopToken(secret, 'short')).toBeNull();
  });
});
