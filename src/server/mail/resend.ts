import { Resend } from 'resend';
import type { EmailMessage, Mailer } from './mailer';

export interface ResendOptions {
  apiKey: string;
  /** Resend's API address; the SDK would also read RESEND_BASE_URL, but we pass it on explicitly. */
  baseUrl?: string | undefined;
  /** Give up on a request after this long, so a slow server cannot hold the outbox worker. */
  timeoutMs?: number;
}

/** Sends through Resend's API. A refusal, an error or a timeout throws; the outbox retries with the same idempotency key. */
export function resendMailer({ apiKey, baseUrl, timeoutMs = 10_000 }: ResendOptions): Mailer {
  const client = new Resend(apiKey, baseUrl ? { baseUrl: baseUrl.replace(/\/+$/, '') } : undefined);
  return {
    async send(message: EmailMessage) {
      const { data, error } = await client.emails.send(
        { from: message.from, to: message.to, subject: message.subject, text: message.text, html: message.html },
        {
          signal: AbortSignal.timeout(timeoutMs),
          ...(message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : {}),
        },
      );
      if (error || !data) throw new Error(`Resend did not accept the email: ${error?.message ?? 'no answer'}`);
      return { id: data.id };
    },
  };
}
