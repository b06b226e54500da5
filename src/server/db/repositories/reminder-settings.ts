import type { Kysely, Selectable } from 'kysely';
import type { Database, ParentsTable, ReminderChannel } from '~/server/db/schema';

export type ReminderParentRow = Selectable<ParentsTable>;

/**
 * How a parent is reminded, on their parent rows (one per case: each holds
 * the same choice): the channel, the complaint reminder and the mobile with
 * its confirmation code. One row per statement; the service changes each of
 * the person's rows in its transaction (give it `trx`).
 */
export function reminderSettingsRepository(db: Kysely<Database>) {
  return {
    /** These parent rows, by id. */
    async parents(ids: readonly string[]): Promise<ReminderParentRow[]> {
      return db.selectFrom('parents').selectAll().where('id', 'in', ids).orderBy('id').execute();
    },

    /** Saves the choice; reminders stopped from a message's link start again. */
    async choose(
      parentId: string,
      choice: { reminder_channel: ReminderChannel; complaint_reminder: 0 | 1 },
    ): Promise<void> {
      await db
        .updateTable('parents')
        .set({ ...choice, reminders_stopped_at: null })
        .where('id', '=', parentId)
        .execute();
    },

    /** A number waiting for its code: the code's hash and expiry (none when staff typed it), tries back to 0. */
    async awaitCode(parentId: string, mobile: string, code: { hash: string; expiresAt: string } | null): Promise<void> {
      await db
        .updateTable('parents')
        .set({
          mobile_pending: mobile,
          mobile_code_hash: code?.hash ?? null,
          mobile_code_expires_at: code?.expiresAt ?? null,
          mobile_code_tries: 0,
        })
        .where('id', '=', parentId)
        .execute();
    },

    /** Counts a wrong code: the row now has `tries`. */
    async setCodeTries(parentId: string, tries: number): Promise<void> {
      await db.updateTable('parents').set({ mobile_code_tries: tries }).where('id', '=', parentId).execute();
    },

    /** The waiting number is confirmed: it becomes the parent's mobile, and the code is forgotten. */
    async confirmMobile(parentId: string, mobile: string): Promise<void> {
      await db
        .updateTable('parents')
        .set({
          mobile,
          mobile_pending: null,
          mobile_code_hash: null,
          mobile_code_expires_at: null,
          mobile_code_tries: 0,
        })
        .where('id', '=', parentId)
        .execute();
    },
  };
}
export type ReminderSettingsRepository = ReturnType<typeof reminderSettingsRepository>;
