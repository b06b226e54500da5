import type { ExpressionBuilder, Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, EmailOutboxTable, MailProviderHealthTable } from '~/server/db/schema';

export type OutboxRow = Selectable<EmailOutboxTable>;

/** A reminder row as the staff conference page lists it. */
export type QueuedReminderRow = Pick<
  OutboxRow,
  | 'reminder_key'
  | 'template'
  | 'parent_id'
  | 'channel'
  | 'status'
  | 'sent_at'
  | 'next_attempt_at'
  | 'given_up_at'
  | 'last_error'
  | 'created_at'
>;

/** A given-up row, as the Email problems list reads it. */
export type GivenUpRow = Pick<
  OutboxRow,
  'id' | 'to_address' | 'template' | 'locale' | 'attempts' | 'last_error' | 'created_at' | 'given_up_at'
>;

/** Rows due at `now`: waiting and due, or held by a worker whose lease ran out (it stopped). */
function dueAt(now: string) {
  return (eb: ExpressionBuilder<Database, 'email_outbox'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
    ]);
}

/**
 * The email and text-message outbox (email_outbox) and the provider's shared
 * health (mail_provider_health, one row). A worker's lease, its heartbeat and
 * the end of its send are each one conditional UPDATE, so two workers never
 * hold one row. Give it the transaction (`trx`) to queue with a change.
 */
export function outboxRepository(db: Kysely<Database>) {
  return {
    /** Adds a row. */
    async insert(row: Insertable<EmailOutboxTable>): Promise<void> {
      await db.insertInto('email_outbox').values(row).execute();
    },

    /** Adds a reminder row unless one with its key is there already; true when this call added it. */
    async insertReminder(row: Insertable<EmailOutboxTable> & { reminder_key: string }): Promise<boolean> {
      const result = await db
        .insertInto('email_outbox')
        .values(row)
        .onConflict((oc) => oc.column('reminder_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    /** Passes over every sign-in code still waiting for this address (a newer one replaces them). */
    async supersedeWaitingCodes(to: string): Promise<void> {
      await db
        .updateTable('email_outbox')
        .set({ status: 'superseded', payload: '{}' })
        .where('to_address', '=', to)
        .where('template', '=', 'sign-in-code')
        .where('status', '=', 'pending')
        .execute();
    },

    /** How many mobile codes were queued for this number after `since` (a number has a few an hour). */
    async mobileCodesSince(mobile: string, since: string): Promise<number> {
      const row = await db
        .selectFrom('email_outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('template', '=', 'mobile-code')
        .where('to_address', '=', mobile)
        .where('created_at', '>', since)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Passes over every older mobile code to this number still waiting or given up (it no longer works). */
    async supersedeMobileCodes(mobile: string): Promise<void> {
      await db
        .updateTable('email_outbox')
        .set({ status: 'superseded', payload: '{}' })
        .where('template', '=', 'mobile-code')
        .where('to_address', '=', mobile)
        .where('status', 'in', ['pending', 'failed'])
        .execute();
    },

    /** The row with this id (throws when there is none). */
    async get(id: string): Promise<OutboxRow> {
      return db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },

    /** The ids of up to `limit` rows due at `now`, longest waiting first. */
    async due(now: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('email_outbox')
        .select('id')
        .where(dueAt(now))
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Takes the row for `worker` until `leaseUntil`, if it is due at `now` and nobody took it first. */
    async claim(id: string, worker: string, now: string, leaseUntil: string): Promise<boolean> {
      const result = await db
        .updateTable('email_outbox')
        .set({ status: 'sending', lease_owner: worker, lease_until: leaseUntil })
        .where('id', '=', id)
        .where(dueAt(now))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Moves `worker`'s lease on to `leaseUntil` while its send is under way. */
    async extendLease(id: string, worker: string, leaseUntil: string): Promise<void> {
      await db
        .updateTable('email_outbox')
        .set({ lease_until: leaseUntil })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('lease_owner', '=', worker)
        .execute();
    },

    /** Records the end of `worker`'s send and lets the lease go; false when another worker holds it now. */
    async finish(id: string, worker: string, values: Updateable<EmailOutboxTable>): Promise<boolean> {
      const result = await db
        .updateTable('email_outbox')
        .set({ ...values, lease_owner: null, lease_until: null })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .where('lease_owner', '=', worker)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Whether a sign-in code to this address was queued after `createdAt`. */
    async newerSignInCode(to: string, createdAt: string): Promise<boolean> {
      const newer = await db
        .selectFrom('email_outbox')
        .select('id')
        .where('to_address', '=', to)
        .where('template', '=', 'sign-in-code')
        .where('created_at', '>', createdAt)
        .executeTakeFirst();
      return !!newer;
    },

    /** Given-up rows, most recently given up first. */
    async givenUp(limit: number): Promise<GivenUpRow[]> {
      return db
        .selectFrom('email_outbox')
        .select(['id', 'to_address', 'template', 'locale', 'attempts', 'last_error', 'created_at', 'given_up_at'])
        .where('status', '=', 'failed')
        .orderBy('given_up_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    /** Puts a given-up row (not a sign-in code) back in the queue, due at `now`; false when it was not given up. */
    async requeueGivenUp(id: string, now: string): Promise<boolean> {
      const result = await db
        .updateTable('email_outbox')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, given_up_at: null })
        .where('id', '=', id)
        .where('status', '=', 'failed')
        .where('template', '!=', 'sign-in-code')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Of these reminder keys, those already queued (one query). */
    async queuedReminderKeys(keys: readonly string[]): Promise<Set<string | null>> {
      const rows = await db
        .selectFrom('email_outbox')
        .select('reminder_key')
        .where('reminder_key', 'in', keys)
        .execute();
      return new Set(rows.map((r) => r.reminder_key));
    },

    /** Every reminder queued for a conference's parents, oldest first. */
    async remindersOfConference(conferenceId: string): Promise<QueuedReminderRow[]> {
      return db
        .selectFrom('email_outbox')
        .select([
          'reminder_key',
          'template',
          'parent_id',
          'channel',
          'status',
          'sent_at',
          'next_attempt_at',
          'given_up_at',
          'last_error',
          'created_at',
        ])
        .where('conference_id', '=', conferenceId)
        .where('parent_id', 'is not', null)
        .orderBy('created_at')
        .execute();
    },

    health: {
      /** The provider's recent failures and successes (any process). */
      async read(): Promise<Pick<MailProviderHealthTable, 'failures_in_a_row' | 'last_failure_at'> | undefined> {
        return db
          .selectFrom('mail_provider_health')
          .select(['failures_in_a_row', 'last_failure_at'])
          .where('id', '=', 1)
          .executeTakeFirst();
      },

      /** Counts one more failed send in a row. */
      async failed(at: string): Promise<void> {
        await db
          .updateTable('mail_provider_health')
          .set((eb) => ({ failures_in_a_row: eb('failures_in_a_row', '+', 1), last_failure_at: at }))
          .where('id', '=', 1)
          .execute();
      },

      /**
       * Records a send that worked: written only when something changes (after
       * failures, or no success recorded since `staleBefore`), not on every email.
       */
      async worked(at: string, staleBefore: string): Promise<void> {
        await db
          .updateTable('mail_provider_health')
          .set({ failures_in_a_row: 0, last_success_at: at })
          .where('id', '=', 1)
          .where((eb) =>
            eb.or([
              eb('failures_in_a_row', '>', 0),
              eb('last_success_at', 'is', null),
              eb('last_success_at', '<', staleBefore),
            ]),
          )
          .execute();
      },
    },
  };
}
export type OutboxRepository = ReturnType<typeof outboxRepository>;
