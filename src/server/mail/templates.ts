import { z } from 'zod';
import { getLocale, isLocale, DEFAULT_LOCALE, type LocaleCode } from '~/config/locales';
import { getT, isTranslated } from '~/i18n';

/**
 * The emails the portal sends. None carries a personal detail: no name, no
 * child, no case, not even the words "child protection" — an email may be
 * read by someone else. They say only "you have a message, sign in", or
 * give a sign-in code.
 */
export const TEMPLATES = {
  'sign-in-code': z.object({
    code: z.string().regex(/^\d{6}$/),
    minutes: z.number().int().positive(),
    expiresAt: z.string(),
  }),
  'new-message': z.object({}),
  'conference-changed': z.object({}),
  /** To a parent, after they send something: "we have it, sign in to see it". */
  received: z.object({}),
  /** To the conference team's address: "something new in the inbox" (always English: the staff area is). */
  'team-inbox': z.object({}),
  /** To a member of staff whose second factor changed: what changed, never a code (English). */
  'sign-in-changed': z.object({ change: z.enum(['recovery-codes', 'app-reset-self', 'app-reset-admin']) }),
} as const;

/** The neutral templates: one sentence and a link to sign in. */
const NEUTRAL = {
  'new-message': { key: 'newMessage', staff: false },
  'conference-changed': { key: 'conferenceChanged', staff: false },
  received: { key: 'received', staff: false },
  'team-inbox': { key: 'teamInbox', staff: true },
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type TemplatePayload<T extends TemplateName> = z.infer<(typeof TEMPLATES)[T]>;

/** True when `name` is a template we can render. */
export function isTemplate(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Renders a template in the reader's language (English key by key where a string is not translated yet). */
export function renderEmail(template: TemplateName, locale: string, payload: unknown, siteUrl: string): RenderedEmail {
  const wanted: LocaleCode = isLocale(locale) ? locale : DEFAULT_LOCALE;
  // An email is one language or the other: English until its subject is translated.
  if (template === 'sign-in-changed') return signInChanged(payload, siteUrl);
  const subjectKey =
    template === 'sign-in-code' ? 'email:signInCode.subject' : `email:${NEUTRAL[template].key}.subject`;
  const lang: LocaleCode = isTranslated(wanted, subjectKey) ? wanted : DEFAULT_LOCALE;
  const t = getT(lang);
  const signInUrl = new URL(
    template !== 'sign-in-code' && NEUTRAL[template].staff ? '/staff/inbox/' : `/${wanted}/account/sign-in/`,
    siteUrl,
  ).href;
  const footer = t('email:footer.automatic');
  let subject: string;
  let lines: string[];
  let htmlBody: string;

  if (template === 'sign-in-code') {
    const p = TEMPLATES['sign-in-code'].parse(payload);
    subject = t('email:signInCode.subject');
    const expiry = t('email:signInCode.expiry', { count: p.minutes });
    lines = [t('email:signInCode.intro'), '', p.code, '', expiry, '', t('email:signInCode.ignore')];
    htmlBody = [
      `<p>${escape(t('email:signInCode.intro'))}</p>`,
      `<p style="font-size:28px;font-weight:bold;letter-spacing:4px" dir="ltr">${escape(p.code)}</p>`,
      `<p>${escape(expiry)}</p>`,
      `<p>${escape(t('email:signInCode.ignore'))}</p>`,
    ].join('\n');
  } else {
    const { key } = NEUTRAL[template];
    TEMPLATES[template].parse(payload);
    subject = t(`email:${key}.subject`);
    lines = [t(`email:${key}.body`), '', `${t('email:signIn.link')}: ${signInUrl}`];
    htmlBody = [
      `<p>${escape(t(`email:${key}.body`))}</p>`,
      `<p><a href="${escape(signInUrl)}">${escape(t('email:signIn.link'))}</a></p>`,
    ].join('\n');
  }

  return wrap(lang, subject, lines, htmlBody, footer);
}

/** The email as text and as a small HTML page. */
function wrap(lang: LocaleCode, subject: string, lines: string[], htmlBody: string, footer: string): RenderedEmail {
  const { dir } = getLocale(lang);
  const text = [...lines, '', '--', footer].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${lang}" dir="${dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(subject)}</title></head>`,
    '<body style="font-family:sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c">',
    htmlBody,
    `<p style="color:#505a5f;font-size:16px">${escape(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/**
 * "A change to how you sign in", to a member of staff: what changed (new
 * recovery codes, or their authenticator app reset) and what to do if it
 * was not them. No code, no name, no link but the staff sign-in page.
 */
function signInChanged(payload: unknown, siteUrl: string): RenderedEmail {
  const { change } = TEMPLATES['sign-in-changed'].parse(payload);
  const t = getT('en');
  const subject = t('staff:email.signInChanged.subject');
  const what = t(`staff:email.signInChanged.${change}`);
  const notYou = t('staff:email.signInChanged.notYou');
  const url = new URL('/staff/sign-in/', siteUrl).href;
  const link = t('email:signIn.link');
  return wrap(
    'en',
    subject,
    [what, '', notYou, '', `${link}: ${url}`],
    [`<p>${escape(what)}</p>`, `<p>${escape(notYou)}</p>`, `<p><a href="${escape(url)}">${escape(link)}</a></p>`].join(
      '\n',
    ),
    t('email:footer.automatic'),
  );
}
