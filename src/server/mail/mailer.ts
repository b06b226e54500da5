/** One email, ready to go: already rendered, already in the reader's language. */
export interface EmailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The outbox row id: a provider that has seen it already will not send it twice. */
  idempotencyKey?: string | undefined;
  /** When it was queued (the same on every try of one email). */
  queuedAt?: Date | undefined;
  /** The template it came from, for the local outbox's file name and headers. */
  template?: string | undefined;
}

/** Sends one email; throws when it was not accepted, so the outbox tries again later. */
export interface Mailer {
  send(message: EmailMessage): Promise<{ id: string }>;
}

/** A mailer that keeps what it was given, for tests. */
export function memoryMailer(): Mailer & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      return { id: `memory-${sent.length}` };
    },
  };
}
