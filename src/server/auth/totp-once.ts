import { createHmac } from 'node:crypto';
import type { GenericEndpointContext } from '@better-auth/core';
import { APIError, getSessionFromCtx } from 'better-auth/api';
import { symmetricDecrypt } from 'better-auth/crypto';
import type { Kysely } from 'kysely';
import { staffRepository } from '~/server/db/repositories/staff';
import type { Database } from '~/server/db/schema';

/** better-auth's endpoint that checks an authenticator-app code, for signing in and for setting up. */
export const VERIFY_TOTP = '/two-factor/verify-totp';
/** The error code of a code that has worked once already. */
export const TOTP_USED = 'TOTP_CODE_USED';

/** RFC 6238 as better-auth uses it: 6 digits, 30-second steps, one step either side accepted. */
const PERIOD_SECONDS = 30;
const WINDOW = 1;
/** How long a used step is remembered: longer than any step a code could still be accepted in. */
export const TOTP_USED_KEEP_MS = 10 * 60_000;

/** RFC 4226: the 6-digit code for one counter value. */
function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** RFC 4648 base32, for secrets better-auth keeps as "base32:<secret>" (imported ones). */
function fromBase32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/**
 * The 30-second step a code belongs to, among those accepted now (one step
 * either side, as better-auth accepts), or null for a wrong code. `secret`
 * is the key as better-auth keeps it (its bytes are the HMAC key).
 */
export function matchingStep(secret: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = secret.startsWith('base32:') ? fromBase32(secret.slice(7)) : Buffer.from(secret, 'utf8');
  const now = Math.floor(nowMs / 1000 / PERIOD_SECONDS);
  for (let step = now - WINDOW; step <= now + WINDOW; step++) if (hotp(key, step) === code) return step;
  return null;
}

async function decryptSecret(ctx: GenericEndpointContext, data: string): Promise<string> {
  const key = (ctx.context as unknown as { secretConfig: Parameters<typeof symmetricDecrypt>[0]['key'] }).secretConfig;
  return symmetricDecrypt({ key, data });
}

/** Whose code this is: the signed-in member setting up their app, or the one half-way through signing in. */
async function accountOf(ctx: GenericEndpointContext): Promise<string | null> {
  const session = await getSessionFromCtx(ctx, { disableRefresh: true });
  if (session?.user.id) return session.user.id;
  const cookie = ctx.context.createAuthCookie('two_factor');
  const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!identifier) return null;
  const pending = await ctx.context.internalAdapter.findVerificationValue(identifier);
  return pending && pending.expiresAt > new Date() ? pending.value : null;
}

/**
 * Runs before better-auth checks an app code (signing in, setting up, or a
 * staff page asking for a fresh code): when the code is right, takes its time
 * step for the account, once. The same code a second time, in this process
 * or another, is refused before better-auth would accept it again. A wrong
 * code passes through, so better-auth counts it towards its lock-out.
 */
export async function claimTotpStep(ctx: GenericEndpointContext, db: Kysely<Database>): Promise<void> {
  const sent = (ctx.body as { code?: unknown } | undefined)?.code;
  const code = typeof sent === 'string' ? sent : '';
  const userId = await accountOf(ctx);
  if (!userId) return;
  const row = await ctx.context.adapter.findOne<{ secret: string }>({
    model: 'twoFactor',
    where: [{ field: 'userId', value: userId }],
  });
  if (!row) return;
  const now = Date.now();
  const step = matchingStep(await decryptSecret(ctx, row.secret), code, now);
  if (step === null) return;
  if (!(await staffRepository(db).totpSteps.claim(userId, step, new Date(now).toISOString())))
    throw new APIError('UNAUTHORIZED', { message: 'This code has been used already.', code: TOTP_USED });
}

/** Forgets used steps too old to be accepted again. */
export async function pruneUsedTotp(db: Kysely<Database>, nowMs = Date.now()): Promise<void> {
  await staffRepository(db).totpSteps.pruneBefore(new Date(nowMs - TOTP_USED_KEEP_MS).toISOString());
}
