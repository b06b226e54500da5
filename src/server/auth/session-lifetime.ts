/**
 * A session ends at whichever comes first: its idle end (better-auth's
 * expiresAt, moved on by each page loaded) or its absolute end, a fixed
 * number of hours after signing in, however busy the reader has been
 * (ASVS 3.3.2). better-auth has no absolute lifetime of its own, so the
 * portal checks it each time it loads a session.
 */
export interface SessionTimes {
  /** When the session ends unless another page is loaded (and at the latest, `endsAt`). */
  expiresAt: Date;
  /** When it ends whatever happens. */
  endsAt: Date;
}

/** The two ends of a session created at `createdAt` with `idleEnd` from better-auth, for a lifetime of `maxHours`. */
export function sessionTimes(createdAt: Date, idleEnd: Date, maxHours: number): SessionTimes {
  const endsAt = new Date(createdAt.getTime() + maxHours * 3_600_000);
  return { endsAt, expiresAt: idleEnd < endsAt ? idleEnd : endsAt };
}

/** Whether a session has passed its absolute end. */
export function pastAbsoluteEnd(times: SessionTimes, now = Date.now()): boolean {
  return now >= times.endsAt.getTime();
}
