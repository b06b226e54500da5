import { randomBytes } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { emailOTP } from 'better-auth/plugins/email-otp';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { secondFactorChallenge } from './second-factor';
import { getMigrations } from 'better-auth/db/migration';
import { sql } from 'kysely';
import type { GenericEndpointContext } from '@better-auth/core';
import type { ServerConfig } from '~/server/config';
import type { Db } from '~/server/db/client';
import type { AuditService } from '~/server/services/audit';
import type { Clock } from '~/server/services/clock';
import type { MailService } from '~/server/mail/outbox';
import { log } from '~/server/log';
import { CLIENT_IP_HEADER, LANG_HEADER, SIGN_IN_POLICY as P } from './policy';
import { emailBucket, ipBucket, type SignInThrottle } from './throttle';
import { claimTotpStep, pruneUsedTotp, VERIFY_TOTP } from './totp-once';

/** Someone a sign-in code may be sent to: the language to write in, and who to record in the audit log. */
export interface CodeRecipient {
  locale: string;
  actorType: 'parent' | 'staff';
  actorId: string;
  caseId: string | null;
}

export interface AuthDeps {
  config: ServerConfig;
  db: Db;
  clock: Clock;
  mail: MailService;
  audit: AuditService;
  throttle: SignInThrottle;
  /**
   * Who may be sent a code: an invited parent today; the staff area adds its
   * own check here (and its second factor as a plugin below). Anyone else is
   * sent nothing, and told exactly what everyone is told.
   */
  findRecipient: (email: string) => Promise<CodeRecipient | null>;
  /** Work started after a response is decided (sending a code), so the answer takes as long either way. */
  background: (task: () => Promise<void>) => void;
}

/** Only for local runs without BETTER_AUTH_SECRET: production refuses to start without one (config.ts). */
export const DEVELOPMENT_SECRET = 'development-only-secret-not-for-production-use-0123456789';

const SEND_CODE = '/email-otp/send-verification-otp';
const SIGN_IN = '/sign-in/email-otp';
const window = P.throttleWindowMinutes * 60;
const authLog = log.child({ component: 'auth' });

/** The better-auth instance: email one-time codes for invited people only, 30-minute sliding sessions in our database. */
export function createAuth(deps: AuthDeps) {
  const { config, db, clock, mail, audit, throttle } = deps;
  const codesPerIp = config.SIGN_IN_CODES_PER_IP;
  const triesPerIp = config.SIGN_IN_TRIES_PER_IP;
  const production = config.NODE_ENV === 'production';

  return betterAuth({
    appName: 'Parent portal',
    baseURL: config.SITE_URL,
    basePath: '/api/auth',
    secret: config.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
    trustedOrigins: [config.SITE_URL],
    database: { db: db.db, type: db.dialect },
    telemetry: { enabled: false },
    logger: {
      level: 'error',
      // Into the portal's log (scrubbed there), never the console.
      log: (level, message, ...args) => {
        const error = args.find((a): a is Error => a instanceof Error);
        authLog[level]({ ...(error ? { err: error } : {}) }, message);
      },
    },
    emailAndPassword: { enabled: false },
    // better-auth would sweep away every expired code now and then, so an
    // expired code would sometimes read as "no code"; pruneAuth() does it daily instead.
    verification: { disableCleanup: true },
    session: {
      expiresIn: P.idleMinutes * 60,
      // Slide the end along with every page the reader loads (at most one write a minute).
      updateAge: 60,
      cookieCache: { enabled: false },
    },
    advanced: {
      useSecureCookies: production,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: production, path: '/' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        [SEND_CODE]: { window, max: codesPerIp },
        [SIGN_IN]: { window, max: triesPerIp },
      },
    },
    // Endpoints this portal does not use are not offered.
    disabledPaths: [
      '/email-otp/check-verification-otp',
      '/email-otp/verify-email',
      '/email-otp/request-password-reset',
      '/forget-password/email-otp',
      '/email-otp/reset-password',
      '/email-otp/request-email-change',
      '/email-otp/change-email',
      '/update-user',
      '/delete-user',
      '/change-email',
      '/sign-up/email',
      '/sign-in/email',
    ],
    plugins: [
      // Staff only: an authenticator app (TOTP) and recovery codes after the
      // emailed code. better-auth does not ask for it after passwordless
      // sign-in, so the hook below starts its challenge itself.
      twoFactor({
        issuer: 'Conference portal',
        allowPasswordless: true,
        twoFactorCookieMaxAge: P.codeMinutes * 60,
        backupCodeOptions: { amount: 10, length: 10, storeBackupCodes: 'encrypted' },
      }),
      emailOTP({
        otpLength: P.codeLength,
        expiresIn: P.codeMinutes * 60,
        allowedAttempts: P.allowedAttempts,
        // Only invited people have an account; nobody signs up by asking for a code.
        disableSignUp: true,
        storeOTP: 'hashed',
        rateLimit: { window, max: codesPerIp },
        async sendVerificationOTP({ email, otp, type }, ctx) {
          if (type !== 'sign-in') return;
          const pageLang = ctx?.headers?.get(LANG_HEADER) ?? null;
          deps.background(async () => {
            const who = await deps.findRecipient(email);
            if (!who) return;
            const expiresAt = new Date(clock.now().getTime() + P.codeMinutes * 60_000).toISOString();
            const id = await mail.enqueue(email, 'sign-in-code', pageLang ?? who.locale, {
              code: otp,
              minutes: P.codeMinutes,
              expiresAt,
            });
            await audit.record({
              actorType: who.actorType,
              actorId: who.actorId,
              action: 'auth.code-sent',
              caseId: who.caseId,
            });
            await mail.deliverNow(id);
          });
        },
      }),
    ],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const ip = ctx.headers?.get(CLIENT_IP_HEADER);
        if (ctx.path === SEND_CODE) {
          const body = ctx.body as { email?: unknown; type?: unknown } | undefined;
          if (body?.type !== 'sign-in') throw new APIError('BAD_REQUEST', { message: 'Only sign-in codes are sent.' });
          const email = typeof body.email === 'string' ? body.email : '';
          // Counted for every address, known or not, so the answer never tells them apart.
          const ok = await throttle.allow([
            { bucket: emailBucket('code', email), max: P.codesPerAddress, windowMs: window * 1000 },
            { bucket: ipBucket('code', ip), max: codesPerIp, windowMs: window * 1000 },
          ]);
          if (!ok)
            throw new APIError('TOO_MANY_REQUESTS', { message: 'Too many codes asked for.', code: 'TOO_MANY_CODES' });
        }
        if (ctx.path === SIGN_IN) {
          const ok = await throttle.allow([{ bucket: ipBucket('try', ip), max: triesPerIp, windowMs: window * 1000 }]);
          if (!ok) throw new APIError('TOO_MANY_REQUESTS', { message: 'Too many tries.', code: 'TOO_MANY_TRIES' });
        }
        // An app code works once per account and time step, signing in or setting up.
        if (ctx.path === VERIFY_TOTP) await claimTotpStep(ctx, db.db);
      }),
      after: createAuthMiddleware(async (ctx) =>
        ctx.path === SIGN_IN ? secondFactorChallenge(ctx, P.codeMinutes * 60) : afterSendCode(ctx),
      ),
    },
  });
}
export type Auth = ReturnType<typeof createAuth>;

/**
 * After a code is asked for an address nobody has: better-auth keeps no code
 * there, so a wrong, expired or locked code would read differently. Keep an
 * unguessable stand-in instead: every address then behaves the same.
 */
async function afterSendCode(ctx: GenericEndpointContext & { context: { returned?: unknown } }): Promise<undefined> {
  if (ctx.path !== SEND_CODE || isAPIError(ctx.context.returned)) return undefined;
  const sent = (ctx.body as { email?: unknown }).email;
  const email = (typeof sent === 'string' ? sent : '').toLowerCase();
  if (await ctx.context.internalAdapter.findUserByEmail(email)) return undefined;
  const identifier = `sign-in-otp-${email}`;
  await ctx.context.internalAdapter.deleteVerificationByIdentifier(identifier);
  await ctx.context.internalAdapter.createVerificationValue({
    identifier,
    value: `${randomBytes(32).toString('base64url')}:0`,
    expiresAt: new Date(Date.now() + P.codeMinutes * 60_000),
  });
  return undefined;
}

/** Forgets codes that ended more than a day ago, and app codes too old to be tried again. */
export async function pruneAuth(auth: Auth, db: Db, olderThanMs = 24 * 3_600_000): Promise<void> {
  await pruneUsedTotp(db.db);
  const ctx = await auth.$context;
  await ctx.adapter.deleteMany({
    model: 'verification',
    where: [{ field: 'expiresAt', value: new Date(Date.now() - olderThanMs), operator: 'lt' }],
  });
}

/** Any fixed number, the same in every process. */
const AUTH_MIGRATION_LOCK = 73_291_004;

/**
 * Creates or updates better-auth's own tables (user, session, account,
 * verification, rateLimit). Run after the portal's migrations. On PostgreSQL,
 * processes starting together take turns (an advisory lock), so two never
 * create the same table at once.
 */
export async function migrateAuth(auth: Auth, db: Db): Promise<void> {
  const run = async () => {
    const { runMigrations } = await getMigrations(auth.options);
    await runMigrations();
  };
  if (db.dialect !== 'postgres') return run();
  await db.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${AUTH_MIGRATION_LOCK})`.execute(connection);
    try {
      await run();
    } finally {
      await sql`select pg_advisory_unlock(${AUTH_MIGRATION_LOCK})`.execute(connection);
    }
  });
}
