import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, EmailOutboxTable } from '~/server/db/schema';
import type { Clock } from '~/server/services/clock';
import { log } from '~/server/log';
import type { Mailer } from './mailer';
import { isTemplate, renderEmail, TEMPLATES, type TemplateName, type TemplatePayload } from './templates';

/** How the outbox retries: 30 s, 1 min, 2 min, … up to 1 hour between tries; gives up after 8 tries. */
export const OUTBOX_POLICY = {
  firstDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 8,
  /** A row being sent is someone's for this long; after it (a crashed process), another may take it. */
  leaseMs: 5 * 60_000,
  batchSize: 20,
};

/** The wait before the next try, after `attempts` failed tries (1, 2, …). */
export function backoffMs(attempts: number): number {
  return Math.min(OUTBOX_POLICY.firstDelayMs * 2 ** Math.max(0, attempts - 1), OUTBOX_POLICY.maxDelayMs);
}

export interface MailSettings {
  from: string;
  siteUrl: string;
}

export interface OutboxRun {
  sent: number;
  failed: number;
}

/**
 * Every email goes through the email_outbox table: enqueue() writes a row, the
 * worker sends it and records what happened. A row is claimed with one
 * conditional UPDATE, so two processes never send the same row; a failure
 * waits longer each time; nothing is deleted.
 */
export function mailService(db: Kysely<Database>, clock: Clock, mailer: Mailer, settings: MailSettings) {
  const iso = (ms: number) => new Date(ms).toISOString();

  /** Takes one row for this process, if it is still due and nobody else took it first. */
  async function claim(row: Pick<EmailOutboxTable, 'id' | 'status' | 'next_attempt_at'>): Promise<boolean> {
    const result = await db
      .updateTable('email_outbox')
      .set({ status: 'sending', next_attempt_at: iso(clock.now().getTime() + OUTBOX_POLICY.leaseMs) })
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  const outboxLog = log.child({ component: 'outbox' });

  async function fail(id: string, attempts: number, error: string, final = false): Promise<'failed' | 'pending'> {
    const tries = attempts + 1;
    const givingUp = final || tries >= OUTBOX_POLICY.maxAttempts;
    // The row id and the reason only: never the address or what the email says.
    if (givingUp)
      outboxLog.error({ outboxId: id, attempts: tries, reason: error }, 'An email was given up: it will not be sent');
    else
      outboxLog.warn(
        { outboxId: id, attempts: tries, reason: error, retryInMs: backoffMs(tries) },
        'An email could not be sent; it will be tried again',
      );
    await db
      .updateTable('email_outbox')
      .set({
        status: givingUp ? 'failed' : 'pending',
        attempts: tries,
        next_attempt_at: iso(clock.now().getTime() + backoffMs(tries)),
        last_error: error.slice(0, 500),
      })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .execute();
    return givingUp ? 'failed' : 'pending';
  }

  /** Sends one claimed row and records the outcome. */
  async function deliver(id: string): Promise<'sent' | 'failed' | 'pending'> {
    const row = await db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    if (!isTemplate(row.template)) return fail(row.id, row.attempts, `unknown template "${row.template}"`, true);
    const payload: unknown = JSON.parse(row.payload);
    if (row.template === 'sign-in-code') {
      const { expiresAt } = TEMPLATES['sign-in-code'].parse(payload);
      // A code that no longer works would only confuse: the reader asks for a new one.
      if (new Date(expiresAt) <= clock.now())
        return fail(row.id, row.attempts, 'the code expired before it could be sent', true);
    }
    let providerId: string;
    try {
      const email = renderEmail(row.template, row.locale, payload, settings.siteUrl);
      ({ id: providerId } = await mailer.send({
        ...email,
        to: row.to_address,
        from: settings.from,
        idempotencyKey: row.id,
        template: row.template,
      }));
    } catch (error) {
      return fail(row.id, row.attempts, error instanceof Error ? error.message : String(error));
    }
    await db
      .updateTable('email_outbox')
      .set({
        status: 'sent',
        sent_at: clock.now().toISOString(),
        provider_id: providerId,
        last_error: null,
        // Once sent, a code has no business staying in the database.
        ...(row.template === 'sign-in-code' ? { payload: '{}' } : {}),
      })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .execute();
    return 'sent';
  }

  const service = {
    /** Queues an email for `to` in `locale`; returns the outbox row id. The payload is checked against the template. */
    async enqueue<T extends TemplateName>(
      to: string,
      template: T,
      locale: string,
      payload: TemplatePayload<T>,
    ): Promise<string> {
      const id = randomUUID();
      const now = clock.now().toISOString();
      await db
        .insertInto('email_outbox')
        .values({
          id,
          to_address: to,
          template,
          locale,
          payload: JSON.stringify(TEMPLATES[template].parse(payload)),
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          provider_id: null,
          created_at: now,
          sent_at: null,
        })
        .execute();
      return id;
    },

    /** Tries one queued email now (used for sign-in codes); if it fails, the worker retries it later. */
    async deliverNow(id: string): Promise<'sent' | 'failed' | 'pending' | 'taken'> {
      const row = await db
        .selectFrom('email_outbox')
        .select(['id', 'status', 'next_attempt_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row || row.status !== 'pending' || !(await claim(row))) return 'taken';
      return deliver(id);
    },

    /**
     * The worker: sends every due email (pending, or abandoned mid-send by a
     * crashed process). When `stopping()` turns true it stops after the email
     * it is sending; the rest stay due for the next run (or another process).
     */
    async processOutbox(stopping: () => boolean = () => false): Promise<OutboxRun> {
      const now = clock.now().toISOString();
      const due = await db
        .selectFrom('email_outbox')
        .select(['id', 'status', 'next_attempt_at'])
        .where('status', 'in', ['pending', 'sending'])
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(OUTBOX_POLICY.batchSize)
        .execute();
      const run: OutboxRun = { sent: 0, failed: 0 };
      for (const row of due) {
        if (stopping()) break;
        if (!(await claim(row))) continue;
        const outcome = await deliver(row.id);
        if (outcome === 'sent') run.sent++;
        else run.failed++;
      }
      return run;
    },
  };
  return service;
}
export type MailService = ReturnType<typeof mailService>;

/**
 * Runs the outbox worker every `intervalMs` without keeping the process alive.
 * Returns its stop function: no new run starts, a run under way stops after
 * the email it is sending, and the returned promise resolves once it has.
 */
export function startOutboxWorker(
  mail: MailService,
  intervalMs = 5_000,
  onError: (e: unknown) => void = (error) => log.error({ err: error, component: 'outbox' }, 'The outbox worker failed'),
): () => Promise<void> {
  let run: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (run || stopped) return;
    run = mail
      .processOutbox(() => stopped)
      .catch(onError)
      .finally(() => (run = null));
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await run;
  };
}
