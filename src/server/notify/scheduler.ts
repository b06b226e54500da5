// The reminder scheduler: reads each conference that can still have a
// reminder due, its parents and what they have, asks the pure schedule
// (server/domain/reminders.ts) what is due, and queues each due reminder in
// the outbox once (its key is unique). The outbox worker runs it about once
// a minute; `npm run reminders:due` prints what it would queue.
import type { Kysely } from 'kysely';
import type { Authority } from '~/config/authority-schema';
import { outboxRepository } from '~/server/db/repositories/outbox';
import { remindersRepository } from '~/server/db/repositories/reminders';
import type { Database } from '~/server/db/schema';
import { reminderRulesOf } from '~/server/domain/reminder-rules';
import {
  dueReminders,
  lookBackDays,
  planReminders,
  sharedOf,
  type Channel,
  type PlannedReminder,
  type ReminderConference,
  type ReminderItem,
  type ReminderRecipient,
} from '~/server/domain/reminders';
import type { Clock } from '~/server/services/clock';
import type { MailService } from '~/server/mail/outbox';
import { stopToken } from './stop-link';

/** Conferences read and planned at a time (a keyset page), so a council's size never blocks the process. */
const BATCH = 200;

export interface SchedulerDeps {
  db: Kysely<Database>;
  clock: Clock;
  authority: Authority;
  mail: MailService;
  /** Signs each reminder's stop link (BETTER_AUTH_SECRET). */
  secret: string;
  /** The channels the sender can use: no text message is planned where it cannot send them. */
  channels: readonly Channel[];
  /** Conferences read and planned at a time (tests make it small to cross batch boundaries). */
  batchSize?: number | undefined;
}

/** Which channels a parent's choice and confirmed mobile give. */
export function addressesOf(
  parent: { email: string; reminder_channel: string; mobile: string | null },
  channels: readonly Channel[],
): ReminderRecipient['addresses'] {
  const choice = parent.reminder_channel;
  const email = choice === 'email' || choice === 'both' ? parent.email : null;
  const sms = (choice === 'sms' || choice === 'both') && channels.includes('sms') ? parent.mobile : null;
  return { email, sms };
}

export function reminderScheduler({ db, clock, authority, mail, secret, channels, batchSize = BATCH }: SchedulerDeps) {
  const rules = reminderRulesOf(authority);
  // How far back a conference can still have a reminder due: the council's longest window after the meeting.
  const lookBackMs = lookBackDays(rules) * 86_400_000;
  const reminders = remindersRepository(db);

  /**
   * The conferences that can have a reminder due from `now` on (optionally only one, or one parent's),
   * a batch at a time in (starts_at, id) order: a council's thousands of conferences are never all in memory.
   */
  async function conferences(
    now: Date,
    only: { conferenceId?: string; parentId?: string },
    after: { startsAt: string; id: string } | null,
  ) {
    return reminders.conferencesFrom(new Date(now.getTime() - lookBackMs).toISOString(), only, after, batchSize);
  }

  /** Each parent of each conference's case, with what they chose and what they have: five queries for the whole batch. */
  async function recipients(batch: { id: string; case_id: string; starts_at: string }[], parentId?: string) {
    const { parents, exclusions, supporters, shares, complaints } = await reminders.factsOf(
      batch.map((c) => c.id),
      [...new Set(batch.map((c) => c.case_id))],
      parentId,
    );
    const has = (rows: { conference_id: string; parent_id: string }[], conferenceId: string, id: string) =>
      rows.some((r) => r.conference_id === conferenceId && r.parent_id === id);
    return (conference: { id: string; case_id: string; starts_at: string }) =>
      parents
        .filter((p) => p.case_id === conference.case_id)
        .map((p): ReminderRecipient => {
          const mine = shares
            .filter((s) => s.conference_id === conference.id && s.parent_id === p.id)
            .map((s) => ({ uploadedAt: new Date(s.uploaded_at) }));
          return {
            parentId: p.id,
            language: p.preferred_language,
            addresses: addressesOf(p, channels),
            invited: p.invited_at !== null,
            stopped: p.reminders_stopped_at !== null || p.reminder_channel === 'none',
            excludedFromAll: has(exclusions, conference.id, p.id),
            supporterNamed: has(supporters, conference.id, p.id),
            ...sharedOf(mine, new Date(conference.starts_at)),
            complaintReminder: p.complaint_reminder === 1,
            complaintMade: has(complaints, conference.id, p.id),
          };
        });
  }

  /** The reminders of the conferences still in reach at `now`, planned or skipped (with why), one batch of conferences at a time. */
  async function* batches(
    now: Date,
    only: { conferenceId?: string; parentId?: string } = {},
  ): AsyncGenerator<ReminderItem[]> {
    let after: { startsAt: string; id: string } | null = null;
    for (;;) {
      const batch = await conferences(now, only, after);
      if (batch.length === 0) return;
      const of = await recipients(batch, only.parentId);
      yield batch.flatMap((c) =>
        planReminders(
          rules,
          {
            id: c.id,
            type: c.type,
            startsAt: new Date(c.starts_at),
            status: c.status,
            sequence: c.sequence,
            changedAt: new Date(c.changed_at ?? c.created_at),
          } satisfies ReminderConference,
          of(c),
        ),
      );
      const last = batch.at(-1);
      if (!last || batch.length < batchSize) return;
      after = { startsAt: last.starts_at, id: last.id };
      // Let the requests waiting on this process in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Every reminder of the conferences still in reach at `now` (for one conference or parent: a few). */
  async function plan(now: Date, only: { conferenceId?: string; parentId?: string } = {}): Promise<ReminderItem[]> {
    const items: ReminderItem[] = [];
    for await (const batch of batches(now, only)) items.push(...batch);
    return items;
  }

  /** Of these due reminders, those not in the outbox yet (one query, not one insert each a minute). */
  async function notQueued(due: PlannedReminder[]): Promise<PlannedReminder[]> {
    if (due.length === 0) return due;
    const queued = await outboxRepository(db).queuedReminderKeys(due.map((d) => d.key));
    return due.filter((d) => !queued.has(d.key));
  }

  return {
    plan,

    /** The reminders due at `now`, as the worker would queue them (nothing is queued). */
    async due(now: Date = clock.now()): Promise<PlannedReminder[]> {
      const due: PlannedReminder[] = [];
      for await (const batch of batches(now)) due.push(...dueReminders(batch, now));
      return due;
    },

    /** Queues every reminder due now that has not been queued before; returns how many it queued. */
    async run(now: Date = clock.now()): Promise<number> {
      let queued = 0;
      for await (const batch of batches(now))
        for (const item of await notQueued(dueReminders(batch, now))) {
          const payload = {
            ...(item.values.day ? { day: item.values.day } : {}),
            ...(item.values.time ? { time: item.values.time } : {}),
            stop: stopToken(secret, item.parentId),
            expiresAt: item.until.toISOString(),
          };
          if (await mail.enqueueReminder(item, payload)) queued++;
        }
      return queued;
    },
  };
}
export type ReminderScheduler = ReturnType<typeof reminderScheduler>;
