import type { Insertable, Kysely } from 'kysely';
import type { Database, FormSubmissionsTable } from '~/server/db/schema';

/**
 * Form submission keys with the first answer to each (form_submissions): a
 * repeat of the same submission reads that answer back. The key is the
 * table's primary key, so a concurrent first use fails the second insert
 * (and its transaction runs again). Give it the transaction (`trx`).
 */
export function formSubmissionsRepository(db: Kysely<Database>) {
  return {
    /** The stored answer (JSON) for this key, or undefined when it was not used before. */
    async resultOf(key: string): Promise<string | undefined> {
      const row = await db.selectFrom('form_submissions').select('result').where('key', '=', key).executeTakeFirst();
      return row?.result;
    },

    /** Keeps the answer for a key used for the first time. */
    async insert(row: Insertable<FormSubmissionsTable>): Promise<void> {
      await db.insertInto('form_submissions').values(row).execute();
    },
  };
}
export type FormSubmissionsRepository = ReturnType<typeof formSubmissionsRepository>;
