// The GOV.UK Notify templates a council creates: one per message, channel and
// language, written from the same strings the portal renders itself, with a
// ((placeholder)) for each neutral value. `npm run notify:templates` prints them.
import { LOCALE_CODES, type LocaleCode } from '~/config/locales';
import type { Channel } from '~/server/domain/reminders';
import { MESSAGES, messageLanguage, renderMessage, type MessageName } from './messages';

/** A payload of the right shape for each message; with placeholders on, its values are never shown. */
export function samplePayload(message: MessageName): unknown {
  if (message === 'sign-in-code' || message === 'mobile-code')
    return { code: '123456', minutes: 10, expiresAt: '2100-01-01T00:00:00.000Z' };
  if (message === 'sign-in-changed') return { change: 'recovery-codes' };
  if (!('stop' in (MESSAGES[message].payload as { shape: object }).shape)) return {};
  return {
    stop: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    expiresAt: '2100-01-01T00:00:00.000Z',
    ...(message === 'supporter-notice' || message === 'complaint-closing' ? { day: '2026-12-03' } : {}),
    ...(message === 'meeting-tomorrow' || message === 'meeting-today' ? { time: '10:00' } : {}),
  };
}

export interface NotifyTemplateText {
  message: MessageName;
  channel: Channel;
  lang: LocaleCode;
  /** The name to give it in Notify, e.g. "meeting-tomorrow (sms, pl)". */
  name: string;
  subject?: string;
  body: string;
  /** The ((placeholders)) it has, which the portal fills. */
  placeholders: string[];
}

/** Every template a council would create for these languages (only those each message is translated into). */
export function notifyTemplateTexts(langs: readonly LocaleCode[] = LOCALE_CODES): NotifyTemplateText[] {
  const list: NotifyTemplateText[] = [];
  for (const message of Object.keys(MESSAGES) as MessageName[]) {
    for (const channel of MESSAGES[message].channels) {
      for (const lang of langs) {
        if (messageLanguage(message, channel, lang) !== lang) continue;
        const r = renderMessage(message, channel, lang, samplePayload(message), {
          siteUrl: 'https://portal.invalid',
          placeholders: true,
        });
        list.push({
          message,
          channel,
          lang,
          name: `${message} (${channel}, ${lang})`,
          ...(channel === 'email' ? { subject: r.subject ?? '' } : {}),
          body: r.text,
          placeholders: Object.keys(r.personalisation),
        });
      }
    }
  }
  return list;
}
