// How a parent is reminded (the parent area's "Reminders" page): email (the
// default), text messages to a UK mobile, both, or none; a mobile is used only
// once the parent has typed the code we texted to it. The choice covers every
// case the person is a parent in (one person, one phone). And what will be
// sent next, from the same schedule the outbox worker runs.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { outboxRepository } from '~/server/db/repositories/outbox';
import { reminderSettingsRepository } from '~/server/db/repositories/reminder-settings';
import type { Database, ReminderChannel } from '~/server/db/schema';
import { ukMobile } from '~/server/domain/mobile';
import { usesSms, type ReminderSettingsInput } from '~/server/forms/reminder-settings';
import { upcomingReminders, type Channel, type ReminderType } from '~/server/domain/reminders';
import type { MailService } from '~/server/mail/outbox';
import type { ReminderScheduler } from '~/server/notify/scheduler';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { parentIdsOf, type ParentActor } from './parent-scope';
import { inTransaction, lockParent, submissions } from './transactions';
import type { Refused, Result } from '~/server/result';

/** How long a mobile code works, and how many wrong tries it takes. */
export const MOBILE_CODE_MINUTES = 10;
export const MOBILE_CODE_TRIES = 5;
/** At most this many codes to one number an hour: text messages cost the council, and a number may not be the parent's. */
export const MOBILE_CODES_PER_HOUR = 5;

export interface ReminderSettings {
  channel: ReminderChannel;
  /** The confirmed mobile (international form), or null. */
  mobile: string | null;
  /** A number waiting for its code, or null. */
  pending: string | null;
  complaintReminder: boolean;
  /** Stopped from a message's link (saving the form turns reminders on again). */
  stopped: boolean;
  /** The sender can send text messages (not on Resend). */
  smsOffered: boolean;
}

export interface UpcomingReminder {
  type: ReminderType;
  conferenceId: string;
  channel: Channel;
  sendAt: Date;
}

export type CodeRefusal = Refused<'none' | 'wrong' | 'expired' | 'too-many'>;

export function reminderSettingsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  mail: MailService;
  secret: string;
  channels: readonly Channel[];
  scheduler: ReminderScheduler;
}) {
  const { db, clock, audit, mail, secret, channels, scheduler } = deps;
  const smsOffered = channels.includes('sms');

  const hashOf = (parentId: string, mobile: string, code: string) =>
    createHmac('sha256', secret).update(`mobile-code:${parentId}:${mobile}:${code}`).digest('hex');

  /** The person's parent rows, first one first (all hold the same choice). */
  async function rows(actor: ParentActor, on: Kysely<Database> = db) {
    const ids = parentIdsOf(actor);
    if (!ids.length) return [];
    return reminderSettingsRepository(on).parents(ids);
  }

  const record = (
    trx: Kysely<Database>,
    parent: { id: string; case_id: string },
    action: string,
    detail: Record<string, unknown> = {},
  ) =>
    audit.record(
      {
        actorType: 'parent',
        actorId: parent.id,
        action: `reminders.${action}`,
        caseId: parent.case_id,
        subjectType: 'parent',
        subjectId: parent.id,
        detail,
      },
      trx,
    );

  /**
   * Makes a code for `mobile`, keeps its hash on each row and queues the text
   * message; returns the outbox id, or null when the number has had its codes for the hour.
   */
  async function sendCode(
    trx: Kysely<Database>,
    parents: { id: string; preferred_language: string }[],
    mobile: string,
  ): Promise<string | null> {
    const hourAgo = new Date(clock.now().getTime() - 3_600_000).toISOString();
    if ((await outboxRepository(trx).mobileCodesSince(mobile, hourAgo)) >= MOBILE_CODES_PER_HOUR) return null;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(clock.now().getTime() + MOBILE_CODE_MINUTES * 60_000).toISOString();
    for (const p of parents)
      await reminderSettingsRepository(trx).awaitCode(p.id, mobile, { hash: hashOf(p.id, mobile, code), expiresAt });
    // An older code to this number no longer works: not sent (if still waiting), not sent again by staff (if given up).
    await outboxRepository(trx).supersedeMobileCodes(mobile);
    const language = parents[0]?.preferred_language ?? 'en';
    return mail.enqueueText(mobile, 'mobile-code', language, { code, minutes: MOBILE_CODE_MINUTES, expiresAt }, trx);
  }

  /** Sends the code now (it is waited for); if that fails, the outbox worker tries again. */
  const deliver = (outboxId: string | undefined) =>
    outboxId ? mail.deliverNow(outboxId).catch(() => undefined) : Promise.resolve(undefined);

  return {
    smsOffered,

    async get(actor: ParentActor): Promise<ReminderSettings | null> {
      const [p] = await rows(actor);
      if (!p) return null;
      return {
        channel: p.reminder_channel,
        mobile: p.mobile,
        pending: p.mobile_pending,
        complaintReminder: p.complaint_reminder === 1,
        stopped: p.reminders_stopped_at !== null,
        smsOffered,
      };
    },

    /**
     * Saves the choice (audited: the choice, never the number; reminders
     * stopped from a link start again). A new mobile is not used until it is
     * confirmed: `codeSent` says a code went to it.
     */
    async save(
      actor: ParentActor,
      input: ReminderSettingsInput,
      submissionKey?: string,
    ): Promise<Result<{ codeSent: boolean }, 'not-found'>> {
      let outboxId: string | undefined;
      const answer = await inTransaction(db, async (trx) => {
        const parents = await rows(actor, trx);
        const first = parents[0];
        if (!first) return { ok: false as const, reason: 'not-found' as const };
        await lockParent(trx, first.id);
        const keyed = submissions(trx, 'reminders', first.id, submissionKey);
        const earlier = await keyed.earlier<{ ok: true; codeSent: boolean }>();
        if (earlier) return earlier;
        const typed = input.mobile === '' ? null : ukMobile(input.mobile);
        const newMobile = usesSms(input.channel) && typed !== null && typed !== first.mobile ? typed : null;
        for (const p of parents)
          await reminderSettingsRepository(trx).choose(p.id, {
            reminder_channel: input.channel,
            complaint_reminder: input.complaintReminder.length ? 1 : 0,
          });
        // Over the hour's codes: the number waits; the parent asks for a code later.
        if (newMobile) outboxId = (await sendCode(trx, parents, newMobile)) ?? undefined;
        await record(trx, first, 'choose', {
          channel: input.channel,
          complaintReminder: input.complaintReminder.length > 0,
          newMobile: newMobile !== null,
        });
        const result = { ok: true as const, codeSent: newMobile !== null };
        await keyed.remember(result, clock.now().toISOString());
        return result;
      });
      await deliver(outboxId);
      return answer;
    },

    /** Checks the code typed for the waiting number; right, the number is the parent's mobile (audited). */
    async confirm(actor: ParentActor, code: string, submissionKey?: string): Promise<{ ok: true } | CodeRefusal> {
      return inTransaction(db, async (trx) => {
        const parents = await rows(actor, trx);
        const first = parents[0];
        if (!first) return { ok: false as const, reason: 'none' as const };
        await lockParent(trx, first.id);
        const keyed = submissions(trx, 'mobile-code', first.id, submissionKey);
        const earlier = await keyed.earlier<{ ok: true }>();
        if (earlier) return earlier;
        const pending = first.mobile_pending;
        if (!pending || !first.mobile_code_hash || !first.mobile_code_expires_at)
          return { ok: false as const, reason: 'none' as const };
        if (first.mobile_code_tries >= MOBILE_CODE_TRIES) return { ok: false as const, reason: 'too-many' as const };
        if (new Date(first.mobile_code_expires_at) <= clock.now())
          return { ok: false as const, reason: 'expired' as const };
        const right = timingSafeEqual(
          Buffer.from(hashOf(first.id, pending, code), 'hex'),
          Buffer.from(first.mobile_code_hash, 'hex'),
        );
        if (!right) {
          for (const p of parents)
            await reminderSettingsRepository(trx).setCodeTries(p.id, first.mobile_code_tries + 1);
          await record(trx, first, 'mobile-code-wrong');
          return first.mobile_code_tries + 1 >= MOBILE_CODE_TRIES
            ? { ok: false as const, reason: 'too-many' as const }
            : { ok: false as const, reason: 'wrong' as const };
        }
        for (const p of parents) await reminderSettingsRepository(trx).confirmMobile(p.id, pending);
        await record(trx, first, 'mobile-confirm');
        const result = { ok: true as const };
        await keyed.remember(result, clock.now().toISOString());
        return result;
      });
    },

    /** Sends a new code to the waiting number (the old one stops working). */
    async resend(actor: ParentActor): Promise<Result<object, 'none' | 'limit'>> {
      let outboxId: string | undefined;
      const answer = await inTransaction(db, async (trx) => {
        const parents = await rows(actor, trx);
        const first = parents[0];
        if (!first?.mobile_pending) return { ok: false as const, reason: 'none' as const };
        await lockParent(trx, first.id);
        outboxId = (await sendCode(trx, parents, first.mobile_pending)) ?? undefined;
        if (!outboxId) return { ok: false as const, reason: 'limit' as const };
        await record(trx, first, 'mobile-code-resend');
        return { ok: true as const };
      });
      await deliver(outboxId);
      return answer;
    },

    /** The next reminders this person will be sent, soonest first, from the same schedule the worker runs. */
    async upcoming(actor: ParentActor, limit = 5): Promise<UpcomingReminder[]> {
      const now = clock.now();
      const items = [];
      for (const parentId of parentIdsOf(actor)) items.push(...(await scheduler.plan(now, { parentId })));
      return upcomingReminders(items, now)
        .slice(0, limit)
        .map((r) => ({ type: r.type, conferenceId: r.conferenceId, channel: r.channel, sendAt: r.sendAt }));
    },
  };
}
export type ReminderSettingsService = ReturnType<typeof reminderSettingsService>;

/**
 * Staff record a parent's mobile when inviting them: it waits, unconfirmed,
 * until the parent chooses text messages and types the code sent to it.
 * Returns false when it is not a UK mobile.
 */
export async function recordPendingMobile(db: Kysely<Database>, parentId: string, typed: string): Promise<boolean> {
  const mobile = ukMobile(typed);
  if (!mobile) return false;
  await reminderSettingsRepository(db).awaitCode(parentId, mobile, null);
  return true;
}
