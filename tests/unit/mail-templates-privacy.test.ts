import { describe, expect, it } from 'vitest';
import { LOCALE_CODES } from '~/config/locales';
import { getT } from '~/i18n';
import type { TranslationKey } from '~/i18n/keys';
import { formatCalendarDate } from '~/components/account/format';
import { CHANNELS, planReminders, type Channel, type ReminderRules } from '~/server/domain/reminders';
import { parseCalendarDate } from '~/server/domain/working-days';
import { renderEmail } from '~/server/mail/templates';
import { MESSAGES, isReminder, messageLanguage, renderMessage, type MessageName } from '~/server/notify/messages';
import { stopToken } from '~/server/notify/stop-link';

const SITE = 'https://portal.example.gov.uk';
const SECRET = 'a-secret-of-at-least-thirty-two-characters';

/**
 * One family, with details nobody could write by chance: every message the
 * portal sends them, in every language and on every channel, is made from
 * this family's conference, and none of these may appear in it.
 */
const family = {
  parentId: '7d4c2e1a-93b8-4f6e-a2d5-0c9e8b7a6f51',
  parentName: 'Ottoline Brackenbury',
  parentEmail: 'ottoline.brackenbury@example.test',
  parentMobile: '+447700900417',
  childName: 'Zephyrine Quillfeather',
  childBirthday: '2019-04-17',
  conferenceId: 'c0ffee00-1234-4abc-8def-00000000cafe',
  caseReference: 'CPC-2031-004417',
  place: 'Wolverhampton Civic Hall',
  room: 'Room 4B',
  chair: 'Thaddeus Wilberforce',
  socialWorker: 'Philippa Okonkwo-Hart',
};
/** Each name also in the parts a message might use alone (a first name, a surname). */
const DETAILS = [
  ...Object.entries(family)
    .filter(([k]) => k !== 'childBirthday')
    .flatMap(([, v]) => [v, ...v.split(/[\s-]+/).filter((w) => w.length > 4 && !/^\d+$/.test(w))]),
  '900417',
  '004417',
];

/** Every rule set, so every reminder the schedule has is planned for this family. */
const rules: ReminderRules = {
  supporterNoticeDays: 3,
  reportsDue: { initial: { days: 2, dayType: 'working' }, review: { days: 5, dayType: 'calendar' } },
  decisionsWithinHours: 24,
  minutesWithinDays: 28,
  complaintWindowDays: 40,
};
const conference = {
  id: family.conferenceId,
  type: 'initial' as const,
  startsAt: new Date('2026-12-08T10:30:00Z'),
  status: 'scheduled' as 'scheduled' | 'cancelled',
  sequence: 1,
  changedAt: new Date('2026-11-20T09:00:00Z'),
};
const recipient = {
  parentId: family.parentId,
  language: 'en',
  addresses: { email: family.parentEmail, sms: family.parentMobile },
  invited: true,
  stopped: false,
  excludedFromAll: false,
  supporterNamed: false,
  reportsShared: 0,
  decisionsShared: false,
  minutesShared: false,
  complaintReminder: true,
  complaintMade: false,
};

/** The payload each message is queued with for this family, as the scheduler and the services build it. */
function payloadsFor(): Array<[MessageName, Channel, unknown]> {
  // Booked, then moved, then cancelled: each change has its own message.
  const versions = [
    { ...conference, sequence: 0 },
    conference,
    { ...conference, sequence: 2, status: 'cancelled' as const },
  ];
  const planned = versions.flatMap((c) => planReminders(rules, c, [recipient])).filter((i) => i.state === 'planned');
  const out: Array<[MessageName, Channel, unknown]> = planned.map((item) => [
    item.type,
    item.channel,
    {
      ...(item.values.day ? { day: item.values.day } : {}),
      ...(item.values.time ? { time: item.values.time } : {}),
      stop: stopToken(SECRET, item.parentId),
      expiresAt: item.until.toISOString(),
    },
  ]);
  const code = { code: '583920', minutes: 10, expiresAt: '2100-01-01T00:00:00.000Z' };
  out.push(['sign-in-code', 'email', code], ['mobile-code', 'sms', code]);
  for (const m of ['new-message', 'conference-changed', 'received', 'team-inbox'] as const) out.push([m, 'email', {}]);
  out.push(['sign-in-changed', 'email', { change: 'app-reset-admin' }]);
  return out;
}

const ALL = payloadsFor();

/** Each email's subject key (a reminder's is messages:<name>.subject). */
const SUBJECTS: Partial<Record<MessageName, TranslationKey>> = {
  'sign-in-code': 'email:signInCode.subject',
  'new-message': 'email:newMessage.subject',
  'conference-changed': 'email:conferenceChanged.subject',
  received: 'email:received.subject',
  'team-inbox': 'email:teamInbox.subject',
  'sign-in-changed': 'staff:email.signInChanged.subject',
};

describe('every message to a family, in every language', () => {
  it('covers every message and channel the portal sends', () => {
    const sent = new Set(ALL.map(([m, c]) => `${m}/${c}`));
    for (const m of Object.keys(MESSAGES) as MessageName[])
      for (const c of MESSAGES[m].channels as readonly Channel[]) expect(sent, `${m}/${c}`).toContain(`${m}/${c}`);
    expect(CHANNELS.every((c) => ALL.some(([, ch]) => ch === c))).toBe(true);
  });

  it.each(LOCALE_CODES)('carries none of the family’s details (%s)', (lang) => {
    // The child's birthday as this language writes a date, as well as the ISO form.
    const birthday = parseCalendarDate(family.childBirthday);
    const details = [
      ...DETAILS,
      family.childBirthday,
      formatCalendarDate(birthday, lang),
      formatCalendarDate(birthday, lang, 'long'),
    ];
    let checked = 0;
    for (const [message, channel, payload] of ALL) {
      const r = renderMessage(message, channel, lang, payload, { siteUrl: SITE });
      const parts = [r.subject ?? '', r.text, r.html ?? '', ...Object.values(r.personalisation)];
      if (channel === 'email') {
        const email = renderEmail(message as Parameters<typeof renderEmail>[0], lang, payload, SITE);
        parts.push(email.subject, email.text, email.html);
      }
      // The text really is this language's own (not English standing in), so its words were checked.
      if (!('staff' in MESSAGES[message]) && messageLanguage(message, channel, lang) === lang) checked++;
      for (const part of parts)
        for (const d of details)
          expect(part.toLowerCase(), `${message} by ${channel} in ${lang}: "${d}"`).not.toContain(d.toLowerCase());
    }
    expect(checked).toBeGreaterThan(10);
  });

  it.each(LOCALE_CODES)('has a subject in the reader’s language for every email (%s)', (lang) => {
    for (const [message, channel, payload] of ALL) {
      if (channel !== 'email') continue;
      const email = renderEmail(message as Parameters<typeof renderEmail>[0], lang, payload, SITE);
      const written = messageLanguage(message, channel, lang);
      expect(email.subject.trim().length, `${message} in ${lang}`).toBeGreaterThan(3);
      expect(email.html, `${message} in ${lang}`).toContain(`<html lang="${written}"`);
      // The subject is the one written for this message in this language, word for word.
      expect(email.subject, `${message} in ${lang}`).toBe(
        getT(written)(SUBJECTS[message] ?? (`messages:${message}.subject` as TranslationKey)),
      );
      if (written !== 'en' && !isReminder(message)) {
        const english = renderEmail(message as Parameters<typeof renderEmail>[0], 'en', payload, SITE);
        expect(email.subject, `${message} in ${lang}`).not.toBe(english.subject);
      }
    }
  });
});
