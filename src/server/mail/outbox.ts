import { randomUUID } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import { casesRepository } from '~/server/db/repositories/cases';
import { outboxRepository, type OutboxRow } from '~/server/db/repositories/outbox';
import type { Database, EmailOutboxTable } from '~/server/db/schema';
import type { Clock } from '~/server/services/clock';
import { log as baseLog } from '~/server/log';
import type { Mailer } from './mailer';
import { isTemplate, renderEmail, TEMPLATES, type TemplateName, type TemplatePayload } from './templates';
import { DeliveryError, type Notifier } from '~/server/notify/notifier';
import { isMessage, isReminder, MESSAGES, renderMessage, type MessagePayload } from '~/server/notify/messages';
import { afterQuietHours, inQuietHours, type PlannedReminder } from '~/server/domain/reminders';

/** How the outbox sends and retries. */
export const OUTBOX_POLICY = {
  /** The wait after the first failed try; it doubles each time (with jitter), up to maxDelayMs. */
  firstDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  /** Tries before an email is given up (about two hours of tries): staff then see it under Email problems. */
  maxAttempts: 8,
  /** A row being sent is one worker's for this long; its heartbeat moves it on while the send lasts. */
  leaseMs: 30_000,
  heartbeatMs: 10_000,
  /** Emails sent at once by one worker (OUTBOX_CONCURRENCY). */
  concurrency: 10,
  /** How often an idle worker looks for due emails. */
  pollMs: 1_000,
  /** After this many failed sends in a row (any process), the sign-in page says codes may be late… */
  outageAfter: 3,
  /** …until a send succeeds, or this long after the last failure. */
  outageWindowMs: 15 * 60_000,
};

/**
 * The wait before the next try, after `attempts` failed tries (1, 2, …):
 * 30 s, 1 min, 2 min, … doubling up to an hour, of which a random part (up to
 * half) is taken off, so emails that failed together do not all come back at
 * the same moment.
 */

/** A new outbox row, waiting to be sent now: one shape for emails, reminders and text messages. */
function waitingRow(id: string, to: string, template: string, locale: string, payload: unknown, now: string) {
  return {
    id,
    to_address: to,
    template,
    locale,
    payload: JSON.stringify(payload),
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
    provider_id: null,
    created_at: now,
    sent_at: null,
  };
}

export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(OUTBOX_POLICY.firstDelayMs * 2 ** Math.max(0, attempts - 1), OUTBOX_POLICY.maxDelayMs);
  return Math.round(full / 2 + (random() * full) / 2);
}

export interface MailSettings {
  from: string;
  siteUrl: string;
}

/** What the outbox logs: pino's shape (an object of facts, then a message). Never an address or a code. */
export interface OutboxLog {
  error(facts: Record<string, unknown>, message: string): void;
  warn(facts: Record<string, unknown>, message: string): void;
}

export interface OutboxOptions {
  /** This worker's name in the lease (one per process). */
  workerId?: string;
  /** Sends at once (OUTBOX_CONCURRENCY). */
  concurrency?: number;
  random?: () => number;
  log?: OutboxLog;
  /**
   * Sends text messages (the folder, GOV.UK Notify or, in tests, memory);
   * with `notifierSendsEmail`, emails too (GOV.UK Notify), instead of the mailer.
   */
  notifier?: Notifier;
  notifierSendsEmail?: boolean;
}

export interface OutboxRun {
  sent: number;
  failed: number;
}

/** An email given up, as the staff area's Email problems list shows it. */
export interface EmailProblem {
  id: string;
  to: string;
  template: string;
  locale: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  givenUpAt: string | null;
}

type Outcome = 'sent' | 'failed' | 'pending' | 'superseded' | 'expired' | 'stopped' | 'waiting' | 'lost';
type Executor = Kysely<Database>;

/**
 * Every email goes through the email_outbox table: enqueue() writes a row
 * (inside the caller's transaction, so a change and its email are stored
 * together or not at all); a worker leases it, sends it with the row id as
 * the idempotency key, and records what happened.
 *
 * - A lease is one conditional UPDATE, so two workers never hold one row.
 *   While a send lasts, a heartbeat keeps the lease; if the process dies, the
 *   lease runs out within leaseMs and another worker sends it again — with
 *   the same idempotency key, so the provider (and the local folder) sends it
 *   once.
 * - A failure waits longer each time (backoffMs); after maxAttempts the email
 *   is given up, logged as an error and listed for staff, who can retry it.
 * - A sign-in code is not sent once a newer code went to the same address,
 *   nor once it has expired.
 */
export function mailService(
  db: Kysely<Database>,
  clock: Clock,
  mailer: Mailer,
  settings: MailSettings,
  options: OutboxOptions = {},
) {
  const me = options.workerId ?? `worker-${randomUUID()}`;
  const random = options.random ?? Math.random;
  const log: OutboxLog = options.log ?? baseLog.child({ component: 'outbox' });
  const concurrency = Math.max(1, options.concurrency ?? OUTBOX_POLICY.concurrency);
  const iso = (ms: number) => new Date(ms).toISOString();
  const nowMs = () => clock.now().getTime();
  const outbox = outboxRepository(db);
  let wake: (() => void) | undefined;

  /** Takes one row for this worker, if it is due (or its worker's lease ran out) and nobody took it first. */
  async function claim(id: string): Promise<boolean> {
    return outbox.claim(id, me, clock.now().toISOString(), iso(nowMs() + OUTBOX_POLICY.leaseMs));
  }

  /** Moves this worker's lease on while a send is under way. */
  function heartbeat(id: string): () => void {
    const timer = setInterval(() => {
      outbox
        .extendLease(id, me, iso(nowMs() + OUTBOX_POLICY.leaseMs))
        .catch((error: unknown) => log.warn({ outboxId: id, err: String(error) }, 'outbox heartbeat failed'));
    }, OUTBOX_POLICY.heartbeatMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Records the end of this worker's send; false when the lease was lost to another worker meanwhile. */
  async function finish(id: string, values: Updateable<EmailOutboxTable>) {
    return outbox.finish(id, me, values);
  }

  const health = {
    async failed() {
      await outbox.health.failed(clock.now().toISOString());
    },
    async worked() {
      // Written only when something changes (or once a minute), not on every email.
      await outbox.health.worked(clock.now().toISOString(), iso(nowMs() - 60_000));
    },
  };

  async function fail(row: OutboxRow, error: string, final = false): Promise<Outcome> {
    const tries = row.attempts + 1;
    const givingUp = final || tries >= OUTBOX_POLICY.maxAttempts;
    const next = new Date(nowMs() + backoffMs(tries, random));
    const kept = await finish(row.id, {
      status: givingUp ? 'failed' : 'pending',
      attempts: tries,
      // A text message tried again waits for the morning rather than arrive in quiet hours.
      next_attempt_at: (row.channel === 'sms' ? afterQuietHours(next) : next).toISOString(),
      last_error: error.slice(0, 500),
      ...(givingUp ? { given_up_at: clock.now().toISOString() } : {}),
    });
    if (!kept) return 'lost';
    // The row id and the reason only: never the address or what the email says.
    if (givingUp)
      log.error(
        { outboxId: row.id, template: row.template, attempts: tries, reason: error.slice(0, 200) },
        'An email was given up: staff see it under Email problems',
      );
    else
      log.warn(
        { outboxId: row.id, template: row.template, attempts: tries, reason: error.slice(0, 200) },
        'An email could not be sent; it will be tried again',
      );
    return givingUp ? 'failed' : 'pending';
  }

  /**
   * A newer sign-in code for the same address: this one would only cost the
   * reader a try. (Codes queued in the same millisecond are settled when the
   * newer one is queued: enqueue passes over every code still waiting.)
   */
  async function supersededBy(row: OutboxRow): Promise<boolean> {
    return outbox.newerSignInCode(row.to_address, row.created_at);
  }

  /** A reminder that should not go now: expired, stopped by the parent, or a text message in quiet hours. */
  async function held(row: OutboxRow, payload: unknown): Promise<Outcome | null> {
    const { expiresAt } = (payload ?? {}) as { expiresAt?: string };
    if (expiresAt && new Date(expiresAt) <= clock.now())
      return (await finish(row.id, { status: 'expired', last_error: 'too late to be worth sending' }))
        ? 'expired'
        : 'lost';
    if (row.parent_id) {
      const parent = await casesRepository(db).parents.reminderChoice(row.parent_id);
      const wanted = parent?.reminder_channel ?? 'none';
      const chosen = wanted === 'both' || wanted === row.channel;
      if (!parent || parent.reminders_stopped_at || !chosen)
        return (await finish(row.id, { status: 'stopped', last_error: 'the parent stopped these reminders' }))
          ? 'stopped'
          : 'lost';
    }
    if (row.channel === 'sms' && inQuietHours(clock.now()))
      return (await finish(row.id, { status: 'pending', next_attempt_at: afterQuietHours(clock.now()).toISOString() }))
        ? 'waiting'
        : 'lost';
    return null;
  }

  /** Sends one row this worker holds, and records the outcome. */
  async function deliver(id: string): Promise<Outcome> {
    const row = await outbox.get(id);
    const byNotifier = row.channel === 'sms' || (!!options.notifier && !!options.notifierSendsEmail);
    if (byNotifier ? !isMessage(row.template) : !isTemplate(row.template))
      return fail(row, `unknown template "${row.template}"`, true);
    const payload: unknown = JSON.parse(row.payload);
    if (row.template === 'sign-in-code') {
      const { expiresAt } = TEMPLATES['sign-in-code'].parse(payload);
      // A code that no longer works would only confuse: the reader asks for a new one.
      if (new Date(expiresAt) <= clock.now())
        return (await finish(id, { status: 'expired', payload: '{}', last_error: 'expired before it could be sent' }))
          ? 'expired'
          : 'lost';
      if (await supersededBy(row))
        return (await finish(id, { status: 'superseded', payload: '{}' })) ? 'superseded' : 'lost';
    }
    if (isReminder(row.template)) {
      const outcome = await held(row, payload);
      if (outcome) return outcome;
    }
    if (row.template === 'mobile-code' && new Date((payload as { expiresAt: string }).expiresAt) <= clock.now())
      return (await finish(id, { status: 'expired', payload: '{}', last_error: 'expired before it could be sent' }))
        ? 'expired'
        : 'lost';
    let providerId: string;
    const stop = heartbeat(id);
    try {
      if (byNotifier) {
        if (!options.notifier) throw new DeliveryError('no sender for text messages', true);
        if (!isMessage(row.template)) throw new DeliveryError(`unknown message "${row.template}"`, true);
        const rendered = renderMessage(row.template, row.channel, row.locale, payload, { siteUrl: settings.siteUrl });
        ({ id: providerId } = await options.notifier.send({
          channel: row.channel,
          to: row.to_address,
          message: row.template,
          from: settings.from,
          rendered,
          reference: row.id,
          attempt: row.attempts,
        }));
      } else {
        const email = renderEmail(row.template as TemplateName, row.locale, payload, settings.siteUrl);
        ({ id: providerId } = await mailer.send({
          ...email,
          to: row.to_address,
          from: settings.from,
          idempotencyKey: row.id,
          queuedAt: new Date(row.created_at),
          template: row.template,
        }));
      }
    } catch (error) {
      stop();
      await health.failed().catch(() => undefined);
      const permanent = error instanceof DeliveryError && error.permanent;
      return fail(row, error instanceof Error ? error.message : String(error), permanent);
    }
    stop();
    await health.worked().catch(() => undefined);
    const kept = await finish(id, {
      status: 'sent',
      sent_at: clock.now().toISOString(),
      provider_id: providerId,
      last_error: null,
      // Once sent, a code has no business staying in the database.
      ...(row.template === 'sign-in-code' || row.template === 'mobile-code' ? { payload: '{}' } : {}),
    });
    return kept ? 'sent' : 'lost';
  }

  /** Rows due now: waiting and due, or held by a worker whose lease ran out (it stopped). */
  async function due(limit: number): Promise<string[]> {
    return outbox.due(clock.now().toISOString(), limit);
  }

  /** Sends these rows, `concurrency` at a time; counts what happened. */
  async function sendAll(ids: string[]): Promise<OutboxRun> {
    const run: OutboxRun = { sent: 0, failed: 0 };
    let next = 0;
    const lane = async () => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        if (!(await claim(id))) continue;
        const outcome = await deliver(id);
        if (outcome === 'sent') run.sent++;
        else if (outcome === 'failed' || outcome === 'pending') run.failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane));
    return run;
  }

  return {
    /**
     * Queues an email for `to` in `locale`; returns the outbox row id. The
     * payload is checked against the template. Pass the transaction (`on`)
     * that holds the change the email is about. A new sign-in code replaces
     * any older one still waiting for the same address.
     */
    async enqueue<T extends TemplateName>(
      to: string,
      template: T,
      locale: string,
      payload: TemplatePayload<T>,
      on: Executor = db,
    ): Promise<string> {
      const id = randomUUID();
      const now = clock.now().toISOString();
      if (template === 'sign-in-code') await outboxRepository(on).supersedeWaitingCodes(to);
      await outboxRepository(on).insert(waitingRow(id, to, template, locale, TEMPLATES[template].parse(payload), now));
      wake?.();
      return id;
    },

    /**
     * Queues one reminder from the schedule, once: its key is unique, so a
     * reminder computed again (by this worker later, or by another process)
     * is not queued twice. True when this call queued it.
     */
    async enqueueReminder(item: PlannedReminder, payload: TemplatePayload<PlannedReminder['type']>): Promise<boolean> {
      const now = clock.now().toISOString();
      const queued = await outbox.insertReminder({
        ...waitingRow(randomUUID(), item.to, item.type, item.language, TEMPLATES[item.type].parse(payload), now),
        channel: item.channel,
        reminder_key: item.key,
        parent_id: item.parentId,
        conference_id: item.conferenceId,
      });
      if (queued) wake?.();
      return queued;
    },

    /** Queues a text message (the mobile number's code) for `to`; returns the outbox row id. */
    async enqueueText(
      to: string,
      template: 'mobile-code',
      locale: string,
      payload: MessagePayload<'mobile-code'>,
      on: Executor = db,
    ): Promise<string> {
      const id = randomUUID();
      const now = clock.now().toISOString();
      await outboxRepository(on).insert({
        ...waitingRow(id, to, template, locale, MESSAGES[template].payload.parse(payload), now),
        channel: 'sms',
      });
      wake?.();
      return id;
    },

    /** Tries one queued email now (used for sign-in codes); if it fails, the worker retries it later. */
    async deliverNow(id: string): Promise<Outcome | 'taken'> {
      if (!(await claim(id))) return 'taken';
      return deliver(id);
    },

    /** One pass of the worker: sends up to `limit` due emails, `concurrency` at a time. */
    async processOutbox(limit = concurrency * 5): Promise<OutboxRun> {
      return sendAll(await due(limit));
    },

    /** True after a few failed sends in a row (in any process), until one works: emails may be late. */
    async providerTroubled(): Promise<boolean> {
      const row = await outbox.health.read();
      if (!row?.last_failure_at || row.failures_in_a_row < OUTBOX_POLICY.outageAfter) return false;
      return new Date(row.last_failure_at).getTime() > nowMs() - OUTBOX_POLICY.outageWindowMs;
    },

    /** Emails given up, most recent first (for staff). */
    async problems(limit = 100): Promise<EmailProblem[]> {
      const rows = await outbox.givenUp(limit);
      return rows.map((r) => ({
        id: r.id,
        to: r.to_address,
        template: r.template,
        locale: r.locale,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.created_at,
        givenUpAt: r.given_up_at,
      }));
    },

    /** Puts a given-up email back in the queue, due now, with a fresh count of tries. False when it was not given up. */
    async retry(id: string, on: Executor = db): Promise<boolean> {
      const retried = await outboxRepository(on).requeueGivenUp(id, clock.now().toISOString());
      wake?.();
      return retried;
    },

    /**
     * Runs the worker until stopped: keeps up to `concurrency` emails sending,
     * looks again as soon as a pass found work, and otherwise every pollMs (or
     * at once when this process queues an email). The returned function stops
     * it and waits for sends under way.
     */
    start(
      pollMs = OUTBOX_POLICY.pollMs,
      onError: (e: unknown) => void = (e) => log.error({ err: String(e) }, 'outbox worker'),
    ) {
      let stopped = false;
      let sleeping: ReturnType<typeof setTimeout> | undefined;
      const rest = () =>
        new Promise<void>((resolve) => {
          wake = () => {
            if (sleeping) clearTimeout(sleeping);
            wake = undefined;
            resolve();
          };
          sleeping = setTimeout(() => wake?.(), pollMs);
          sleeping.unref();
        });
      const loop = (async () => {
        while (!stopped) {
          try {
            const ids = await due(concurrency * 5);
            if (ids.length) await sendAll(ids);
            if (ids.length < concurrency * 5 && !stopped) await rest();
          } catch (error) {
            onError(error);
            if (!stopped) await rest();
          }
        }
      })();
      return async () => {
        stopped = true;
        wake?.();
        await loop;
      };
    },
  };
}
export type MailService = ReturnType<typeof mailService>;

/** Starts the outbox worker (see MailService.start); returns the function that stops it and waits for sends under way. */
export function startOutboxWorker(
  mail: MailService,
  pollMs = OUTBOX_POLICY.pollMs,
  onError?: (e: unknown) => void,
): () => Promise<void> {
  return mail.start(pollMs, onError);
}
