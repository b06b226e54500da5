import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { signInThrottleRepository } from '~/server/db/repositories/sign-in-throttle';
import type { Database } from '~/server/db/schema';
import type { Clock } from '~/server/services/clock';

/** One limit: at most `max` requests per `windowMs` in `bucket`. */
export interface Limit {
  bucket: string;
  max: number;
  windowMs: number;
}

/** The bucket for an email address: hashed, so the table holds no address. */
export function emailBucket(kind: string, email: string): string {
  return `${kind}:email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}

/** The bucket for a network address. */
export function ipBucket(kind: string, ip: string | null | undefined): string {
  return `${kind}:ip:${ip || 'unknown'}`;
}

/**
 * Counts requests in the database, so the limits hold across processes.
 * A request is written first and counted after: two at once can both be
 * refused, never both let through. A refused request is not kept, so someone
 * hammering an address cannot keep its owner out for longer than the window.
 */
export function signInThrottle(db: Kysely<Database>, clock: Clock) {
  const requests = signInThrottleRepository(db);
  return {
    /** Records one request in every bucket; false (and nothing recorded) when any limit is already reached. */
    async allow(limits: Limit[]): Promise<boolean> {
      const now = clock.now();
      const ids: string[] = [];
      let allowed = true;
      for (const limit of limits) {
        const id = randomUUID();
        ids.push(id);
        await requests.insert({ id, bucket: limit.bucket, at: now.toISOString() });
        const since = new Date(now.getTime() - limit.windowMs).toISOString();
        if ((await requests.countSince(limit.bucket, since)) > limit.max) {
          allowed = false;
          break;
        }
      }
      if (!allowed) await requests.remove(ids);
      return allowed;
    },

    /** Forgets requests older than `olderThanMs` (run now and then by the worker). */
    async prune(olderThanMs = 24 * 3_600_000): Promise<void> {
      const before = new Date(clock.now().getTime() - olderThanMs).toISOString();
      await requests.pruneBefore(before);
    },
  };
}
export type SignInThrottle = ReturnType<typeof signInThrottle>;
