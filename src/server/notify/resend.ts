import { Resend } from 'resend';
import { DeliveryError, type Notifier } from './notifier';

export interface ResendOptions {
  apiKey: string;
  /** Resend's API address; the SDK would also read RESEND_BASE_URL, but we pass it on explicitly. */
  baseUrl?: string | undefined;
  /** Give up on a request after this long, so a slow server cannot hold the outbox worker. */
  timeoutMs?: number;
}

/**
 * Sends emails through Resend's API (Resend sends no text messages: a council
 * on Resend offers parents email only). A refusal, an error or a timeout
 * throws; the outbox retries with the same idempotency key, so Resend never
 * sends one twice.
 */
export function resendNotifier({ apiKey, baseUrl, timeoutMs = 10_000 }: ResendOptions): Notifier {
  const client = new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : undefined);
  return {
    name: 'resend',
    channels: ['email'],
    async send(n) {
      if (n.channel !== 'email') throw new DeliveryError('Resend sends email only', true);
      const { subject = '', text, html = '', unsubscribeUrl } = n.rendered;
      const { data, error } = await client.emails.send(
        {
          from: n.from,
          to: n.to,
          subject,
          text,
          html,
          ...(unsubscribeUrl
            ? {
                headers: {
                  'List-Unsubscribe': `<${unsubscribeUrl}>`,
                  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                },
              }
            : {}),
        },
        { signal: AbortSignal.timeout(timeoutMs), idempotencyKey: n.reference },
      );
      if (error || !data) {
        // 4xx other than 429 (a bad address, a sender not verified) will not get better by trying again.
        const status = error?.statusCode ?? 0;
        const permanent = status >= 400 && status < 500 && status !== 429 && status !== 408 && status !== 409;
        throw new DeliveryError(`Resend did not accept the email: ${error?.message ?? 'no answer'}`, permanent);
      }
      return { id: data.id };
    },
  };
}
