import { isAPIError } from 'better-auth/api';
import type { Kysely } from 'kysely';
import { staffRepository } from '~/server/db/repositories/staff';
import type { Database } from '~/server/db/schema';
import type { MailService } from '~/server/mail/outbox';
import type { AuditService } from '~/server/services/audit';
import type { Auth } from './better-auth';
import { errorCode, forward, type RequestInfo } from './sign-in';
import { assertCan } from './staff-roles';
import type { StaffMember } from './staff';
import type { SignInThrottle } from './throttle';
import { TOTP_USED } from './totp-once';

/** What a member proves afresh before a change to their second factor: a code from their app, or a recovery code. */
export type FreshFactor = 'app' | 'recovery';
/** Why a fresh code was not accepted. */
export type FreshProblem = 'empty' | 'wrong' | 'used' | 'too-many';
export type FreshResult<T = object> = ({ ok: true } & T) | { ok: false; reason: FreshProblem };

/** What changed, for the audit log and the (neutral) email to the account holder. */
export type SecondFactorChange = 'recovery-codes' | 'app-reset-self' | 'app-reset-admin';

/** Fresh codes a member may try per 15 minutes (better-auth's own lock-out counts only sign-ins). */
export const FRESH_TRIES = 5;

/**
 * Changing a staff member's second factor: new recovery codes, or resetting
 * their authenticator app (their own, or, for an administrator, someone
 * else's). Nothing here works with a session alone: each change needs a
 * fresh code from the member's own app (or, to reset a lost app, one of
 * their recovery codes), typed on the same form, used once. Each change is
 * audited and tells the account holder by email, without any code in it.
 */
export function staffSecondFactor(deps: {
  auth: Auth;
  db: Kysely<Database>;
  audit: AuditService;
  mail: MailService;
  throttle: SignInThrottle;
}) {
  const { auth, db, audit, mail, throttle } = deps;

  /** Checks a code the signed-in member typed just now (each try counts against FRESH_TRIES). */
  async function fresh(member: StaffMember, kind: FreshFactor, typed: string, info: RequestInfo): Promise<FreshResult> {
    const code = kind === 'app' ? typed.replace(/\s+/g, '') : typed.trim();
    if (!code) return { ok: false, reason: 'empty' };
    const allowed = await throttle.allow([
      { bucket: `fresh-2fa:${member.id}`, max: FRESH_TRIES, windowMs: 15 * 60_000 },
    ]);
    if (!allowed) return { ok: false, reason: 'too-many' };
    try {
      if (kind === 'app') await auth.api.verifyTOTP({ body: { code }, headers: forward(info) });
      else await auth.api.verifyBackupCode({ body: { code, disableSession: true }, headers: forward(info) });
      return { ok: true };
    } catch (e) {
      if (errorCode(e) === TOTP_USED) return { ok: false, reason: 'used' };
      if (isAPIError(e) && (e.statusCode === 401 || e.statusCode === 400)) return { ok: false, reason: 'wrong' };
      throw e;
    }
  }

  /** Records the change and tells the account holder (English: the staff area is). */
  async function told(member: { id: string; email: string }, actorId: string, change: SecondFactorChange) {
    await audit.record({
      actorType: 'staff',
      actorId,
      action: change === 'recovery-codes' ? 'staff.recovery-codes-renewed' : 'staff.reset-second-factor',
      subjectType: 'staff',
      subjectId: member.id,
      detail: { change },
    });
    const id = await mail.enqueue(member.email, 'sign-in-changed', 'en', { change });
    await mail.deliverNow(id).catch(() => undefined);
  }

  /** Forgets a member's app and recovery codes and signs them out everywhere; they set up an app at their next sign-in. */
  async function forget(userId: string) {
    const ctx = await auth.$context;
    await ctx.adapter.deleteMany({ model: 'twoFactor', where: [{ field: 'userId', value: userId }] });
    await ctx.internalAdapter.updateUser(userId, { twoFactorEnabled: false });
    await ctx.internalAdapter.deleteUserSessions(userId);
  }

  return {
    fresh,

    /** How many of the member's recovery codes are still unused. */
    async recoveryCodesLeft(member: StaffMember): Promise<number> {
      try {
        const { backupCodes } = await auth.api.viewBackupCodes({ body: { userId: member.userId } });
        return backupCodes.length;
      } catch {
        return 0;
      }
    },

    /** New recovery codes (the old ones stop working), after a fresh app code; the codes are shown once. */
    async renewRecoveryCodes(
      member: StaffMember,
      code: string,
      info: RequestInfo,
    ): Promise<FreshResult<{ codes: string[] }>> {
      const checked = await fresh(member, 'app', code, info);
      if (!checked.ok) return checked;
      const { backupCodes } = await auth.api.generateBackupCodes({ body: {}, headers: forward(info) });
      await told(member, member.id, 'recovery-codes');
      return { ok: true, codes: backupCodes };
    },

    /** Resets the member's own app (a new phone, or a lost one), after an app or recovery code; signs them out everywhere. */
    async resetOwn(member: StaffMember, kind: FreshFactor, code: string, info: RequestInfo): Promise<FreshResult> {
      const checked = await fresh(member, kind, code, info);
      if (!checked.ok) return checked;
      await forget(member.userId);
      await told(member, member.id, 'app-reset-self');
      return { ok: true };
    },

    /**
     * An administrator resets another member's app (they lost their phone and
     * their recovery codes), after a fresh code from the administrator's own app.
     */
    async resetOther(admin: StaffMember, memberId: string, code: string, info: RequestInfo): Promise<FreshResult> {
      assertCan(admin.role, 'manageStaff');
      if (memberId === admin.id) throw new Error('Administrators reset their own app on their own account page.');
      const member = await staffRepository(db).get(memberId);
      const checked = await fresh(admin, 'app', code, info);
      if (!checked.ok) return checked;
      if (member.user_id) await forget(member.user_id);
      await told(member, admin.id, 'app-reset-admin');
      return { ok: true };
    },
  };
}
export type StaffSecondFactor = ReturnType<typeof staffSecondFactor>;
