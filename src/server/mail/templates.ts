// The emails the outbox sends, now written by the notifier's messages
// (src/server/notify/messages.ts), which also write text messages.
// TODO(#17): the outbox uses server/notify directly once #15's outbox work has landed; this file then goes.
import { MESSAGES, renderMessage, type MessageName, type MessagePayload } from '~/server/notify/messages';

type EmailMessages = { [K in MessageName]: 'email' extends (typeof MESSAGES)[K]['channels'][number] ? K : never };
export type TemplateName = EmailMessages[MessageName];
export type TemplatePayload<T extends TemplateName> = MessagePayload<T>;

/** Each email's payload schema, checked when it is queued. */
export const TEMPLATES = Object.fromEntries(
  Object.entries(MESSAGES)
    .filter(([, spec]) => (spec.channels as readonly string[]).includes('email'))
    .map(([name, spec]) => [name, spec.payload]),
) as { [K in TemplateName]: (typeof MESSAGES)[K]['payload'] };

/** True when `name` is an email we can render. */
export function isTemplate(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Renders an email in the reader's language (English until its subject is translated). */
export function renderEmail(template: TemplateName, locale: string, payload: unknown, siteUrl: string): RenderedEmail {
  const r = renderMessage(template, 'email', locale, payload, { siteUrl });
  return { subject: r.subject ?? '', text: r.text, html: r.html ?? '' };
}
