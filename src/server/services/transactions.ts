import type { Kysely } from 'kysely';
import { casesRepository } from '~/server/db/repositories/cases';
import { formSubmissionsRepository } from '~/server/db/repositories/form-submissions';
import type { Database } from '~/server/db/schema';

/** A unique index refused a row (PostgreSQL 23505, SQLite "UNIQUE constraint failed"). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown } | null;
  return (
    e?.code === '23505' || /UNIQUE constraint failed|unique/i.test(typeof e?.message === 'string' ? e.message : '')
  );
}

/** PostgreSQL gave up one of two transactions that met (serialization failure, deadlock). */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01' || isUniqueViolation(error);
}

/**
 * Runs `work` as one transaction: the change, its audit entry and its emails
 * are stored together or not at all. When the database refuses it because a
 * concurrent write got there first (a unique index, a serialization failure),
 * it runs again from the start, so the second reads what the first stored
 * and answers with that, never an error.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= 5 || !isRetryable(error)) throw error;
    }
  }
}

/**
 * Holds a parent's row until the transaction ends, so one parent's writes
 * happen one after the other, in every process (a read-then-write is then
 * safe on PostgreSQL as it is on SQLite). A no-op update takes the lock on
 * both databases.
 */
export async function lockParent(trx: Kysely<Database>, parentId: string): Promise<void> {
  await casesRepository(trx).parents.lock(parentId);
}

/**
 * A form submission key (a hidden field each form carries): the first
 * submission's answer is stored with it, in the same transaction, and a
 * repeat (a double click, a resent form, a retry after a lost connection)
 * gets that answer back instead of saving again.
 */
export function submissions(trx: Kysely<Database>, form: string, actorId: string, key: string | undefined) {
  const usable = key && /^[A-Za-z0-9_-]{16,64}$/.test(key) ? `${form}:${actorId}:${key}` : undefined;
  return {
    /** The first answer to this key, when it was used before. */
    async earlier<T>(): Promise<T | undefined> {
      if (!usable) return undefined;
      const result = await formSubmissionsRepository(trx).resultOf(usable);
      return result === undefined ? undefined : (JSON.parse(result) as T);
    },
    /** Keeps the answer for this key (a concurrent first use makes the transaction run again). */
    async remember(result: unknown, at: string): Promise<void> {
      if (!usable) return;
      await formSubmissionsRepository(trx).insert({
        key: usable,
        form,
        actor_id: actorId,
        result: JSON.stringify(result),
        created_at: at,
      });
    },
  };
}
