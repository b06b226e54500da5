import type { Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';

/**
 * Sign-in requests counted per bucket (sign_in_throttle), shared by every
 * process: one row per request, counted over a window, pruned when old.
 */
export function signInThrottleRepository(db: Kysely<Database>) {
  return {
    /** Records one request in a bucket. */
    async insert(row: { id: string; bucket: string; at: string }): Promise<void> {
      await db.insertInto('sign_in_throttle').values(row).execute();
    },

    /** The requests in a bucket after `since`. */
    async countSince(bucket: string, since: string): Promise<number> {
      const { count } = await db
        .selectFrom('sign_in_throttle')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('bucket', '=', bucket)
        .where('at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(count);
    },

    /** Takes these requests back (a refused request is not kept). */
    async remove(ids: readonly string[]): Promise<void> {
      await db.deleteFrom('sign_in_throttle').where('id', 'in', ids).execute();
    },

    /** Forgets requests made before `before`. */
    async pruneBefore(before: string): Promise<void> {
      await db.deleteFrom('sign_in_throttle').where('at', '<', before).execute();
    },
  };
}
export type SignInThrottleRepository = ReturnType<typeof signInThrottleRepository>;
