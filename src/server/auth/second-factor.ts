import type { GenericEndpointContext } from '@better-auth/core';
import { deleteSessionCookie } from 'better-auth/cookies';
import { generateRandomString } from 'better-auth/crypto';

/** better-auth's two-factor plugin keeps its pending sign-in in this cookie. */
const TWO_FACTOR_COOKIE = 'two_factor';

/**
 * After an emailed code is accepted for someone with a second factor (staff),
 * hold back the session: delete it and start better-auth's own two-factor
 * challenge instead, exactly as its plugin does after a password. The
 * plugin's /two-factor/verify-totp and /verify-backup-code endpoints then
 * finish the sign-in, with its attempt limits and account lock-out.
 */
export async function secondFactorChallenge(ctx: GenericEndpointContext, maxAgeSeconds: number) {
  const created = ctx.context.newSession;
  const user = created?.user as { id: string; twoFactorEnabled?: boolean | null } | undefined;
  if (!created || !user?.twoFactorEnabled) return undefined;

  deleteSessionCookie(ctx, true);
  await ctx.context.internalAdapter.deleteSession(created.session.token);
  ctx.context.setNewSession(null);

  const cookie = ctx.context.createAuthCookie(TWO_FACTOR_COOKIE, { maxAge: maxAgeSeconds });
  const identifier = `2fa-${generateRandomString(20)}`;
  const expiresAt = new Date(Date.now() + maxAgeSeconds * 1000);
  await ctx.context.internalAdapter.createVerificationValue({ value: user.id, identifier, expiresAt });
  await ctx.context.internalAdapter.createVerificationValue({
    value: '0',
    identifier: `2fa-attempts-${identifier}`,
    expiresAt,
  });
  await ctx.setSignedCookie(cookie.name, identifier, ctx.context.secret, cookie.attributes);
  return ctx.json({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
}
