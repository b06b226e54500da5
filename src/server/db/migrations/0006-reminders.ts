import { sql, type Kysely } from 'kysely';
import type { Dialect } from '~/server/db/client';

/**
 * Reminders by email and text message (issue 17):
 * - each conference counts its changes (`sequence`: 0 when booked, one more
 *   each time it is moved or cancelled) and when the last one was, so the
 *   parent is told once per change and the calendar file keeps its UID;
 * - each parent chooses how to be reminded (email, text, both, none), may
 *   have a confirmed mobile (and one waiting for its code), may have stopped
 *   reminders from a message, and may ask to be reminded about complaints;
 * - each outbox row says its channel, and a reminder's row its key (unique:
 *   the same reminder is queued once, whichever process computes it), parent
 *   and conference (for the staff page).
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  const text = 'text' as const;
  await db.schema
    .alterTable('conferences')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('conferences').addColumn('changed_at', text).execute();
  await sql`update conferences set changed_at = created_at`.execute(db);

  await db.schema
    .alterTable('parents')
    .addColumn('reminder_channel', text, (c) => c.notNull().defaultTo('email'))
    .execute();
  for (const column of [
    'mobile',
    'mobile_pending',
    'mobile_code_hash',
    'mobile_code_expires_at',
    'reminders_stopped_at',
  ])
    await db.schema.alterTable('parents').addColumn(column, text).execute();
  await db.schema
    .alterTable('parents')
    .addColumn('mobile_code_tries', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('parents')
    .addColumn('complaint_reminder', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .alterTable('email_outbox')
    .addColumn('channel', text, (c) => c.notNull().defaultTo('email'))
    .execute();
  for (const column of ['reminder_key', 'parent_id', 'conference_id'])
    await db.schema.alterTable('email_outbox').addColumn(column, text).execute();
  await db.schema.createIndex('email_outbox_reminder_key').unique().on('email_outbox').column('reminder_key').execute();
  await db.schema.createIndex('email_outbox_conference').on('email_outbox').column('conference_id').execute();
}
