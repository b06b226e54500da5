import { z } from 'zod';
import { parseKeyRing } from './storage/encryption.ts';
import { parseTrustedProxies } from './http/client-address.ts';
import { parseSecurityContacts } from './http/security-txt.ts';

/**
 * Server settings from the environment, checked once at start. Every setting
 * has a safe default for the embedded mode (one process, SQLite file, reports
 * on local disk, emails written to a local folder); production must set an
 * https:// SITE_URL and a BETTER_AUTH_SECRET of 32 characters or more.
 *
 * scripts/serve.mjs loads this file directly (before the server build), so it
 * uses only erasable TypeScript and relative imports.
 */
const schema = z
  .object({
    NODE_ENV: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(4321),
    HOST: z.string().default('127.0.0.1'),
    /** The public address of the site (the proxy's https:// address in production). Default: http://localhost:$PORT. */
    SITE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).optional(),
    /** Addresses and CIDR ranges of the reverse proxies whose X-Forwarded-* headers are believed. */
    TRUSTED_PROXIES: z.string().default(''),
    /** postgres://… switches from the embedded SQLite file to PostgreSQL. */
    DATABASE_URL: z.string().startsWith('postgres').optional(),
    /** PostgreSQL: connections each process keeps open at most (the database's max_connections over the processes). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** PostgreSQL: the longest one statement may run before the database stops it, in milliseconds (0: no limit). */
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
    SQLITE_PATH: z.string().default('data/portal.sqlite'),
    REPORTS_DIR: z.string().default('data/reports'),
    /** Where report files live: local folder, PostgreSQL (default with DATABASE_URL) or S3-compatible storage. */
    REPORT_STORE: z.enum(['local', 'postgres', 's3']).optional(),
    /** Keys that encrypt report files, "id:base64,id:base64" (first one current); required in production. */
    REPORT_KEYS: z.string().min(1).optional(),
    /** Without REPORT_KEYS (embedded mode only): the key file, made on first use. */
    REPORT_KEY_FILE: z.string().default('data/report.key'),
    S3_BUCKET: z.string().min(1).optional(),
    /** An S3-compatible service's address (MinIO, Ceph, Azure's S3 gateway); unset for AWS S3. */
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().default('eu-west-2'),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    /** 1: the bucket in the path (http://host/bucket/key), as most S3-compatible services need. */
    S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('0'),
    /** A folder in the bucket for the reports ("reports/"). */
    S3_PREFIX: z
      .string()
      .default('')
      .refine(
        (v) => v === '' || /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/$/.test(v),
        'letters, digits, . _ - and /, ending in /',
      ),
    OUTBOX_DIR: z.string().default('data/outbox'),
    /** 0: this process queues emails but does not run the outbox worker (another process does). */
    OUTBOX_WORKER: z.enum(['0', '1']).default('1'),
    /** Emails one worker sends at once. */
    OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
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
    BETTER_AUTH_SECRET: z.string().optional(),
    /** 1: load the demo family at start if missing; 0: never. Unset: only into a new embedded database outside production. */
    DEMO_DATA: z.enum(['0', '1']).optional(),
    /** Where to report a security problem (emails, https:// or tel: addresses, comma-separated): /.well-known/security.txt. Unset: no such file. */
    SECURITY_CONTACT: z.string().optional(),
    /** The council's vulnerability disclosure policy (an https:// address), named in security.txt. */
    SECURITY_POLICY: z.url({ protocol: /^https$/, error: 'must be an https:// address' }).optional(),
    /** On SIGTERM, how long requests in flight may take to finish before they are cut off. */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(20),
  })
  .superRefine((env, ctx) => {
    if (env.NOTIFY_API_KEY && !env.NOTIFY_TEMPLATES) {
      ctx.addIssue({
        code: 'custom',
        path: ['NOTIFY_TEMPLATES'],
        message: 'is required with NOTIFY_API_KEY: the GOV.UK Notify template of each message (see the README)',
      });
    }
    const production = env.NODE_ENV === 'production';
    const secret = env.BETTER_AUTH_SECRET;
    if (secret !== undefined && secret.length < 32)
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: `must be 32 characters or more (it has ${secret.length})`,
      });
    else if (production && secret === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required in production (32 characters or more)',
      });
    if (production && !env.SITE_URL?.startsWith('https://'))
      ctx.addIssue({
        code: 'custom',
        path: ['SITE_URL'],
        message: `must be the site's https:// address in production (it is ${env.SITE_URL ?? 'not set'})`,
      });
    try {
      parseSecurityContacts(env.SECURITY_CONTACT);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['SECURITY_CONTACT'], message: (error as Error).message });
    }
    try {
      parseTrustedProxies(env.TRUSTED_PROXIES);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['TRUSTED_PROXIES'], message: (error as Error).message });
    }
    if (env.NODE_ENV === 'production' && !env.REPORT_KEYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['REPORT_KEYS'],
        message: 'is required in production: "id:key" with a 32-byte key in base64 (npm run reports:new-key)',
      });
    }
    if (env.REPORT_KEYS) {
      try {
        parseKeyRing(env.REPORT_KEYS);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['REPORT_KEYS'], message: (error as Error).message });
      }
    }
    if (env.REPORT_STORE === 'postgres' && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['REPORT_STORE'], message: 'postgres needs DATABASE_URL' });
    }
    if (env.REPORT_STORE === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required with REPORT_STORE=s3' });
    }
  })
  .transform((env) => ({ ...env, SITE_URL: env.SITE_URL ?? `http://localhost:${env.PORT}` }));

export type ServerConfig = z.output<typeof schema>;

/** The settings are wrong: `message` says which and why, in one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks the environment; throws a ConfigError naming each missing or bad setting, in one line. */
export function readConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new ConfigError(`The portal's settings are not right: ${problems}.`);
  }
  return result.data;
}

let cached: ServerConfig | undefined;

/** The running server's settings (read once). */
export function serverConfig(): ServerConfig {
  cached ??= readConfig();
  return cached;
}
