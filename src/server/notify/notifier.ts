import type { Channel } from '~/server/domain/reminders';
import type { MessageName, RenderedMessage } from './messages';

/** One message for one person, ready to go: rendered in its language, and the neutral values a Notify template takes. */
export interface Notification {
  channel: Channel;
  /** An email address, or a mobile number in international form (+447…). */
  to: string;
  message: MessageName;
  /** The sender shown on an email (a neutral name: it is seen by whoever sees the inbox). */
  from: string;
  rendered: RenderedMessage;
  /** The outbox row id: the same message tried again carries the same reference, so it is never sent twice. */
  reference: string;
  /** Tries before this one (0 the first time). */
  attempt: number;
}

/** A send that did not work. `permanent`: trying again would not help (a refused number, a missing template). */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.permanent = permanent;
    this.name = 'DeliveryError';
  }
}

/** Sends emails and text messages: GOV.UK Notify, Resend (email only), the local folder or (tests) memory. */
export interface Notifier {
  /** Which provider, for logs and the staff pages. */
  readonly name: 'notify' | 'resend' | 'folder' | 'memory';
  /** The channels it can send: a parent is offered text messages only where this has 'sms'. */
  readonly channels: readonly Channel[];
  /** The languages it can send a message in by a channel; undefined when every translated one. */
  languages?(message: MessageName, channel: Channel): readonly string[];
  /** Sends one message; throws (a DeliveryError when it knows whether to try again) when it was not accepted. */
  send(notification: Notification): Promise<{ id: string }>;
}

/** A notifier that keeps what it was given, for tests: `sent` holds each message with its text. */
export function memoryNotifier(channels: readonly Channel[] = ['email', 'sms']) {
  const sent: (Notification & { subject: string; text: string; html: string })[] = [];
  const notifier: Notifier & { sent: typeof sent } = {
    name: 'memory',
    channels,
    sent,
    async send(n) {
      if (!channels.includes(n.channel)) throw new DeliveryError(`cannot send ${n.channel}`, true);
      sent.push({ ...n, subject: n.rendered.subject ?? '', text: n.rendered.text, html: n.rendered.html ?? '' });
      return { id: `memory-${sent.length}` };
    },
  };
  return notifier;
}
