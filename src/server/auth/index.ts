import type { ServerConfig } from '~/server/config';
import { log } from '~/server/log';
import type { Db } from '~/server/db/client';
import type { MailService } from '~/server/mail/outbox';
import type { AuditService } from '~/server/services/audit';
import type { Clock } from '~/server/services/clock';
import { createAuth, migrateAuth, pruneAuth } from './better-auth';
import { inviteService } from './invite';
import { parentAccounts } from './parents';
import { signInService } from './sign-in';
import { signInThrottle } from './throttle';
import { staffAccounts } from './staff';
import { staffSignIn } from './staff-sign-in';
import { staffSecondFactor } from './staff-second-factor';
import type { CodeRecipient } from './better-auth';
import { isAllowedAuthRequest } from './endpoints';

export { SIGN_IN_POLICY, CLIENT_IP_HEADER } from './policy';
export type { Actor } from './invite';
export { NotFoundError } from './invite';
export type { SignedInParent } from './parents';
export type { StaffMember } from './staff';
export { STAFF_ROLES } from './staff';
export type { LoadedStaff, StaffCodeResult, SecondFactorProblem } from './staff-sign-in';
export type { FreshProblem, FreshFactor, SecondFactorChange } from './staff-second-factor';
export type { RequestInfo, CodeProblem, VerifyCodeResult, RequestCodeResult, LoadedSession } from './sign-in';

/** Work that runs after the answer is decided; tests and shutdown can wait for it with settle(). */
function backgroundTasks(onError: (e: unknown) => void) {
  const pending = new Set<Promise<void>>();
  return {
    run(task: () => Promise<void>) {
      const p: Promise<void> = task()
        .catch(onError)
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    async settle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}

/**
 * Signing in and out, sessions and invitations. Pages use the sign-in
 * functions; the catch-all route /api/auth/* passes requests to `handler`,
 * which answers only the few endpoints allowed over HTTP.
 */
export function authService(deps: {
  config: ServerConfig;
  db: Db;
  clock: Clock;
  mail: MailService;
  audit: AuditService;
}) {
  const parents = parentAccounts(deps.db.db, deps.clock);
  const throttle = signInThrottle(deps.db.db, deps.clock);
  const tasks = backgroundTasks((error) =>
    log.error({ err: error, component: 'auth' }, 'Sending a sign-in code failed in the background'),
  );
  // Staff are looked up through a late binding: their accounts need the auth instance.
  let findStaff: (email: string) => Promise<CodeRecipient | null> = async () => null;
  const findRecipient = async (email: string) => (await parents.findRecipient(email)) ?? (await findStaff(email));
  const auth = createAuth({ ...deps, throttle, findRecipient, background: tasks.run });
  const staff = staffAccounts(deps.db.db, deps.clock, auth, deps.audit);
  findStaff = staff.findRecipient;
  const signIn = signInService(auth, parents, deps.audit, findRecipient, deps.config.PARENT_SESSION_MAX_HOURS);
  return {
    /** The better-auth instance (the staff area adds its second factor to its plugins). */
    betterAuth: auth,
    /** better-auth's HTTP endpoints, for src/pages/api/auth/[...all].ts: only the allow-listed ones (endpoints.ts); null for the rest (404). */
    handler: (request: Request): Promise<Response> | null =>
      isAllowedAuthRequest(request.method, request.url) ? auth.handler(request) : null,
    ...signIn,
    /** The council's team: accounts and roles. */
    staff,
    /** Staff sign-in: emailed code, then an authenticator app or a recovery code. */
    staffSignIn: staffSignIn(auth, signIn, staff, deps.audit, throttle, deps.config.STAFF_SESSION_MAX_HOURS),
    /** New recovery codes and app resets: each after a fresh second-factor code, audited, the holder told. */
    staffSecondFactor: staffSecondFactor({ auth, db: deps.db.db, audit: deps.audit, mail: deps.mail, throttle }),
    ...inviteService(deps.db.db, deps.clock, auth, deps.mail, deps.audit),
    /** Creates better-auth's tables; run once at start, after the portal's migrations. */
    migrate: () => migrateAuth(auth, deps.db),
    /** Waits for codes still being queued and sent. */
    settle: tasks.settle,
    /** Forgets old sign-in request counts and long-expired codes (run hourly). */
    prune: async () => {
      await throttle.prune();
      await pruneAuth(auth, deps.db);
    },
  };
}
export type AuthService = ReturnType<typeof authService>;
