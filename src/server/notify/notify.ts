import axios, { isAxiosError } from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { DeliveryError, type Notifier } from './notifier';
import type { NotifyTemplateIds } from './notify-templates';

export interface NotifyOptions {
  /** The service's API key from GOV.UK Notify's "API integration" page. */
  apiKey: string;
  /** Notify's API address; tests point it at a stand-in server. Default: GOV.UK Notify itself. */
  baseUrl?: string | undefined;
  /** The template for each message, channel and language. */
  templates: NotifyTemplateIds;
  /** Give up on a request after this long, so a slow server cannot hold the outbox worker. */
  timeoutMs?: number;
}

interface NotifyErrorBody {
  status_code?: number;
  errors?: { error?: string; message?: string }[];
}

/**
 * What a refusal means. Notify's documented errors: 400 BadRequestError (the
 * number or address, a missing placeholder, trial mode: trying again will
 * not help), 403 AuthError (the key or the clock: fixed by the council, then
 * tried again), 429 RateLimitError / TooManyRequestsError (3,000 a minute, or
 * the daily limit), 500 Exception (Notify's own trouble). No answer at all is
 * tried again too.
 */
function refusal(error: unknown, channel: string): DeliveryError {
  const what = channel === 'sms' ? 'text message' : 'email';
  if (isAxiosError<NotifyErrorBody>(error) && error.response) {
    const status = error.response.status;
    const first = error.response.data?.errors?.[0];
    const reason = [status, first?.error, first?.message].filter(Boolean).join(' ');
    return new DeliveryError(`GOV.UK Notify did not accept the ${what}: ${reason}`, status === 400);
  }
  const cause = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`GOV.UK Notify did not answer about the ${what}: ${cause}`, false);
}

/**
 * Sends emails and text messages through GOV.UK Notify, one template per
 * message, channel and language; the personalisation is the message's
 * neutral values only (a weekday and date, a time, a code, the sign-in and
 * stop links). Each message's reference is its outbox row id: before trying
 * again, the adapter asks Notify whether the first try got through after all,
 * so a message is not sent twice.
 */
export function notifyNotifier({ apiKey, baseUrl, templates, timeoutMs = 10_000 }: NotifyOptions): Notifier {
  const client = baseUrl ? new NotifyClient(baseUrl.replace(/\/+$/, ''), apiKey) : new NotifyClient(apiKey);
  client.setClient(axios.create({ timeout: timeoutMs }));

  return {
    name: 'notify',
    channels: ['email', 'sms'],
    languages: (message, channel) => Object.keys(templates[message]?.[channel] ?? {}),
    async send(n) {
      const templateId = templates[n.message]?.[n.channel]?.[n.rendered.lang];
      if (!templateId)
        throw new DeliveryError(
          `no GOV.UK Notify template for ${n.message} by ${n.channel} in "${n.rendered.lang}" (NOTIFY_TEMPLATES)`,
          true,
        );
      if (n.attempt > 0) {
        try {
          const earlier = await client.getNotifications(n.channel, undefined, n.reference);
          const found = earlier.data.notifications.find((x) => x.reference === n.reference);
          if (found) return { id: found.id };
        } catch {
          // Notify could not say: send, as the first try most likely never arrived.
        }
      }
      const personalisation = n.rendered.personalisation;
      try {
        const response =
          n.channel === 'sms'
            ? await client.sendSms(templateId, n.to, { personalisation, reference: n.reference })
            : await client.sendEmail(templateId, n.to, {
                personalisation,
                reference: n.reference,
                ...(n.rendered.unsubscribeUrl ? { oneClickUnsubscribeURL: n.rendered.unsubscribeUrl } : {}),
              });
        return { id: response.data.id };
      } catch (error) {
        throw refusal(error, n.channel);
      }
    },
  };
}
