// Every message the portal sends, by email or text message, in the reader's
// language. None carries a personal detail: no name, no child, no case, no
// place, not even the words "child protection" — a phone or an inbox may be
// seen by someone else. A message says only that there is something to see
// (and, at most, a weekday and date, a time or a one-time code), and links to
// sign in and to stop reminders.
import { z } from 'zod';
import { getLocale, isLocale, DEFAULT_LOCALE, type LocaleCode } from '~/config/locales';
import { getT, isTranslated } from '~/i18n';
import { formatCalendarDate, intlLocale } from '~/components/account/format';
import { isCalendarDate } from '~/server/domain/working-days';
import { REMINDER_TYPES, type Channel, type ReminderType } from '~/server/domain/reminders';
import { dateTimeFormat } from '~/i18n/intl-cache';

const code = z.object({
  code: z.string().regex(/^\d{6}$/),
  minutes: z.number().int().positive(),
  /** After this instant the code no longer works: the message is not sent at all. */
  expiresAt: z.string(),
});
const neutral = z.object({});
/** What changed about a staff member's second factor (never a code). */
const signInChanged = z.object({ change: z.enum(['recovery-codes', 'app-reset-self', 'app-reset-admin']) });
const reminder = z.object({
  day: z
    .string()
    .refine((d) => isCalendarDate(d))
    .optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .optional(),
  /** The signed token of the one-tap "stop reminders" link. */
  stop: z.string().regex(/^[A-Za-z0-9_-]{20,80}$/),
  /** After this instant the reminder would be wrong or useless: it is not sent. */
  expiresAt: z.string(),
});

type Spec = {
  channels: readonly Channel[];
  payload: z.ZodType;
  /** The staff inbox, not a parent's sign-in page; always English (the staff area is). */
  staff?: true;
};

/** The messages, each with the channels it can go by and the payload it carries (checked when queued). */
export const MESSAGES = {
  'sign-in-code': { channels: ['email'], payload: code },
  'new-message': { channels: ['email'], payload: neutral },
  // TODO(#17): gone once the reminder schedule tells parents of every change (meeting-booked/changed/cancelled).
  'conference-changed': { channels: ['email'], payload: neutral },
  /** To a parent, after they send something: "we have it, sign in to see it". */
  received: { channels: ['email'], payload: neutral },
  /** To the conference team's address: "something new in the inbox". */
  'team-inbox': { channels: ['email'], payload: neutral, staff: true },
  /** To a member of staff whose second factor changed: what changed and what to do if it was not them; no code. */
  'sign-in-changed': { channels: ['email'], payload: signInChanged, staff: true },
  /** Confirms a parent's mobile number before any reminder goes to it. */
  'mobile-code': { channels: ['sms'], payload: code },
  ...(Object.fromEntries(
    REMINDER_TYPES.map((t) => [t, { channels: ['email', 'sms'] as readonly Channel[], payload: reminder }]),
  ) as unknown as Record<ReminderType, { channels: readonly Channel[]; payload: typeof reminder }>),
} as const satisfies Record<string, Spec>;

export type MessageName = keyof typeof MESSAGES;
export type MessagePayload<M extends MessageName> = z.infer<(typeof MESSAGES)[M]['payload']>;

/** True when `name` is a message we can render. */
export function isMessage(name: string): name is MessageName {
  return Object.hasOwn(MESSAGES, name);
}

/** True for the reminders, which a parent chooses the channel of and can stop. */
export function isReminder(name: string): name is ReminderType {
  return (REMINDER_TYPES as readonly string[]).includes(name);
}

/** The translation key that decides whether a message can be written in a language. */
function leadKey(name: MessageName, channel: Channel): string {
  if (name === 'sign-in-code') return 'email:signInCode.subject';
  if (name === 'mobile-code') return 'messages:mobile-code.body_other';
  if (name === 'sign-in-changed') return 'staff:email.signInChanged.subject';
  if (isReminder(name)) return `messages:${name}.${channel === 'email' ? 'subject' : 'body'}`;
  return `email:${NEUTRAL[name].key}.subject`;
}

const NEUTRAL = {
  'new-message': { key: 'newMessage' },
  'conference-changed': { key: 'conferenceChanged' },
  received: { key: 'received' },
  'team-inbox': { key: 'teamInbox' },
} as const;

/**
 * The language a message is written in: the reader's when it is translated,
 * else English (a message is one language or the other, never a mixture).
 */
export function messageLanguage(name: MessageName, channel: Channel, wanted: string): LocaleCode {
  if ('staff' in MESSAGES[name]) return DEFAULT_LOCALE;
  const lang: LocaleCode = isLocale(wanted) ? wanted : DEFAULT_LOCALE;
  return isTranslated(lang, leadKey(name, channel)) ? lang : DEFAULT_LOCALE;
}

/** A message ready to go, in one language. */
export interface RenderedMessage {
  lang: LocaleCode;
  /** Emails only. */
  subject?: string;
  text: string;
  /** Emails only. */
  html?: string;
  /** The neutral values a GOV.UK Notify template fills its ((placeholders)) with. */
  personalisation: Record<string, string>;
  /** The one-tap "stop reminders" address, for the email's List-Unsubscribe header. */
  unsubscribeUrl?: string;
}

/** What a message's text is made of: paragraphs, each text or a link. */
type Part = { text: string } | { label: string; href: string } | { code: string };

/** "10:00" in the reader's style (British English keeps the 24-hour clock). */
function clockTime(hhmm: string, lang: LocaleCode): string {
  const [h, m] = hhmm.split(':').map(Number);
  return dateTimeFormat(intlLocale(lang), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1, h ?? 0, m ?? 0)),
  );
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where a message's links go. `placeholders` writes ((name)) instead of each value: a Notify template. */
export interface RenderOptions {
  siteUrl: string;
  placeholders?: boolean;
}

/**
 * Writes a message in the reader's language (see messageLanguage) for one
 * channel. With `placeholders`, every value is written as ((name)), as the
 * GOV.UK Notify template to create for it (see `npm run notify:templates`).
 */
export function renderMessage(
  name: MessageName,
  channel: Channel,
  wanted: string,
  payload: unknown,
  options: RenderOptions,
): RenderedMessage {
  if (!(MESSAGES[name].channels as readonly Channel[]).includes(channel))
    throw new Error(`"${name}" is not sent by ${channel}`);
  const lang = messageLanguage(name, channel, wanted);
  const t = getT(lang);
  const values: Record<string, string> = {};
  /** A value for the text: kept for Notify's personalisation, or written as its placeholder. */
  const value = (key: string, text: string) => {
    values[key] = text;
    return options.placeholders ? `((${key}))` : text;
  };
  const pageLang = isLocale(wanted) ? wanted : DEFAULT_LOCALE;
  const signInUrl = new URL(
    name === 'sign-in-changed'
      ? '/staff/sign-in/'
      : 'staff' in MESSAGES[name]
        ? '/staff/inbox/'
        : `/${pageLang}/account/sign-in/`,
    options.siteUrl,
  ).href;
  let subject: string | undefined;
  let parts: Part[];
  let unsubscribeUrl: string | undefined;

  if (name === 'sign-in-code' || name === 'mobile-code') {
    const p = code.parse(payload);
    const shown = value('code', p.code);
    if (name === 'sign-in-code') {
      subject = t('email:signInCode.subject');
      parts = [
        { text: t('email:signInCode.intro') },
        { code: shown },
        { text: t('email:signInCode.expiry', { count: p.minutes }) },
        { text: t('email:signInCode.ignore') },
      ];
    } else {
      parts = [{ text: t('messages:mobile-code.body', { count: p.minutes, code: shown }) }];
    }
  } else if (isReminder(name)) {
    const p = reminder.parse(payload);
    const vars: Record<string, string> = {};
    if (p.day) vars.day = value('day', formatCalendarDate(p.day, lang));
    if (p.time) vars.time = value('time', clockTime(p.time, lang));
    unsubscribeUrl = new URL(`/stop/${p.stop}`, options.siteUrl).href;
    if (channel === 'email') subject = t(`messages:${name}.subject`);
    parts = [
      { text: t(`messages:${name}.body`, vars) },
      { label: t('messages:link.signIn'), href: value('sign_in_link', signInUrl) },
      { label: t('messages:link.stop'), href: value('stop_link', unsubscribeUrl) },
    ];
  } else if (name === 'sign-in-changed') {
    const { change } = signInChanged.parse(payload);
    subject = t('staff:email.signInChanged.subject');
    parts = [
      { text: t(`staff:email.signInChanged.${change}`) },
      { text: t('staff:email.signInChanged.notYou') },
      { label: t('email:signIn.link'), href: value('sign_in_link', signInUrl) },
    ];
  } else {
    MESSAGES[name].payload.parse(payload);
    const { key } = NEUTRAL[name];
    subject = t(`email:${key}.subject`);
    parts = [
      { text: t(`email:${key}.body`) },
      { label: t('email:signIn.link'), href: value('sign_in_link', signInUrl) },
    ];
  }

  const plain = (p: Part) => ('text' in p ? p.text : 'code' in p ? p.code : `${p.label}: ${p.href}`);
  const rendered: RenderedMessage = {
    lang,
    text: parts.map(plain).join(channel === 'sms' ? '\n' : '\n\n'),
    personalisation: values,
    ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
  };
  if (channel === 'sms') return rendered;

  const footer = t('email:footer.automatic');
  const { dir } = getLocale(lang);
  const html = (p: Part) =>
    'text' in p
      ? `<p>${escape(p.text)}</p>`
      : 'code' in p
        ? `<p style="font-size:28px;font-weight:bold;letter-spacing:4px" dir="ltr">${escape(p.code)}</p>`
        : `<p><a href="${escape(p.href)}">${escape(p.label)}</a></p>`;
  return {
    ...rendered,
    subject: subject ?? '',
    text: `${rendered.text}\n\n--\n${footer}`,
    html: [
      '<!doctype html>',
      `<html lang="${lang}" dir="${dir}">`,
      '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escape(subject ?? '')}</title></head>`,
      '<body style="font-family:sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c">',
      ...parts.map(html),
      `<p style="color:#505a5f;font-size:16px">${escape(footer)}</p>`,
      '</body></html>',
    ].join('\n'),
  };
}
