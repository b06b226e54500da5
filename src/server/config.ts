import { z } from 'zod';

/**
 * Server settings from the environment, checked once at start. Every setting
 * has a safe default for the embedded mode (one process, SQLite file, reports
 * on local disk, emails written to a local folder); production must set
 * SITE_URL and BETTER_AUTH_SECRET.
 */
const schema = z
  .object({
    NODE_ENV: z.string().optional(),
    SITE_URL: z.url().default('http://localhost:4321'),
    /** postgres://… switches from the embedded SQLite file to PostgreSQL. */
    DATABASE_URL: z.string().startsWith('postgres').optional(),
    SQLITE_PATH: z.string().default('data/portal.sqlite'),
    REPORTS_DIR: z.string().default('data/reports'),
    OUTBOX_DIR: z.string().default('data/outbox'),
    RESEND_API_KEY: z.string().min(1).optional(),
    /** Resend's API address; tests point it at a fake server on 127.0.0.1. */
    RESEND_BASE_URL: z.url().optional(),
    MAIL_FROM: z.string().default('Conference team <no-reply@localhost>'),
    /** Send emails and text messages through GOV.UK Notify (takes precedence over Resend). */
    NOTIFY_API_KEY: z.string().min(74, 'is not a GOV.UK Notify API key (copy the whole key)').optional(),
    /** Notify's API address; tests point it at a fake server on 127.0.0.1. */
    NOTIFY_BASE_URL: z.url().optional(),
    /** The Notify template ids (a JSON object, or the path of a JSON file): see the README. */
    NOTIFY_TEMPLATES: z.string().optional(),
    /** Sign-in codes one network address may ask for per 15 minutes (raise it where many people share one address). */
    SIGN_IN_CODES_PER_IP: z.coerce.number().int().positive().default(10),
    /** Codes one network address may try per 15 minutes. */
    SIGN_IN_TRIES_PER_IP: z.coerce.number().int().positive().default(30),
    /** A parent's session ends this many hours after signing in, however active (ASVS 3.3.2); the 30-minute idle timeout applies too. */
    PARENT_SESSION_MAX_HOURS: z.coerce.number().positive().max(168).default(12),
    /** The same for staff. */
    STAFF_SESSION_MAX_HOURS: z.coerce.number().positive().max(168).default(10),
    /** The conference team's shared address: told (neutrally) when a parent sends something. */
    TEAM_EMAIL: z.email().optional(),
    BETTER_AUTH_SECRET: z.string().min(32).optional(),
    /** 1: load the demo family at start if missing; 0: never. Unset: only into a new embedded database outside production. */
    DEMO_DATA: z.enum(['0', '1']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NOTIFY_API_KEY && !env.NOTIFY_TEMPLATES) {
      ctx.addIssue({
        code: 'custom',
        path: ['NOTIFY_TEMPLATES'],
        message: 'is required with NOTIFY_API_KEY: the GOV.UK Notify template of each message (see the README)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required in production (32 characters or more)',
      });
    }
  });

export type ServerConfig = z.infer<typeof schema>;

/** Reads and checks the environment; throws naming each missing or bad setting. */
export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`The portal's settings are not right:\n${problems}`);
  }
  return result.data;
}
