import { isAPIError } from 'better-auth/api';
import type { AuditService } from '~/server/services/audit';
import type { Auth } from './better-auth';
import { normaliseEmail } from './parents';
import { SIGN_IN_POLICY } from './policy';
import type { SessionTimes } from './session-lifetime';
import {
  errorCode,
  forward,
  loadLimitedSession,
  type CodeProblem,
  type RequestInfo,
  type SignInService,
} from './sign-in';
import type { StaffAccounts, StaffMember } from './staff';
import type { SignInThrottle } from './throttle';
import { TOTP_USED } from './totp-once';

/** Where a staff member goes after a good emailed code. */
export type StaffCodeResult =
  | { ok: true; next: 'second-factor' | 'set-up'; setCookies: string[] }
  | { ok: false; reason: CodeProblem; triesLeft?: number };

export type SecondFactorProblem = 'wrong' | 'used' | 'locked' | 'expired' | 'too-many';
export type SecondFactorResult = { ok: true; setCookies: string[] } | { ok: false; reason: SecondFactorProblem };

export interface LoadedStaff {
  staff: StaffMember;
  /** False until the member has set up an authenticator app: they may then only do that. */
  twoFactorEnabled: boolean;
  session: { id: string } & SessionTimes;
  setCookies: string[];
}

/** Wrong app codes allowed while setting up, per member, per 15 minutes (signing in has better-auth's own lock). */
const SET_UP_TRIES = 5;

function secondFactorProblem(e: unknown): SecondFactorProblem {
  if (isAPIError(e) && e.statusCode === 429) return 'too-many';
  switch (errorCode(e)) {
    case 'INVALID_CODE':
    case 'INVALID_BACKUP_CODE':
      return 'wrong';
    case 'TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE':
    case 'ACCOUNT_TEMPORARILY_LOCKED':
      return 'locked';
    case 'INVALID_TWO_FACTOR_COOKIE':
      return 'expired';
    case TOTP_USED:
      return 'used';
    default:
      throw e;
  }
}

/**
 * Staff sign in with an emailed code and then a second factor: a code from
 * an authenticator app, or one of their recovery codes. The first time, they
 * set the app up (better-auth's two-factor plugin keeps the secret, encrypted).
 */
export function staffSignIn(
  auth: Auth,
  signIn: SignInService,
  staff: StaffAccounts,
  audit: AuditService,
  throttle: SignInThrottle,
  maxHours: number = SIGN_IN_POLICY.staffSessionHours,
) {
  const record = (who: StaffMember | null, action: string) =>
    who ? audit.record({ actorType: 'staff', actorId: who.id, action }) : Promise.resolve();

  return {
    /**
     * Sends a code if the address may sign in: an active staff member's, or (one code system
     * for both doors) an invited parent's, whose code verifyCode then refuses. Same answer either way.
     */
    requestCode: (email: string, info: RequestInfo) => signIn.requestCode(email, info),

    /** Checks the emailed code; a member with an app goes on to the second step, one without sets it up. */
    async verifyCode(email: string, code: string, info: RequestInfo): Promise<StaffCodeResult> {
      const address = normaliseEmail(email);
      const exchanged = await signIn.exchangeCode(address, code, info);
      if (!exchanged.ok) return exchanged;
      const setCookies = exchanged.headers.getSetCookie();
      const answer = exchanged.response as { twoFactorRedirect?: boolean; token?: string; user?: { id: string } };
      if (answer.twoFactorRedirect) return { ok: true, next: 'second-factor', setCookies };
      const member = answer.user ? await staff.forUser(answer.user.id) : null;
      if (!member || !answer.token) {
        // A parent (or a former member) using the staff door: no staff session.
        if (answer.token) await (await auth.$context).internalAdapter.deleteSession(answer.token);
        return { ok: false, reason: 'no-code' };
      }
      await record(member, 'staff.sign-in-code');
      return { ok: true, next: 'set-up', setCookies };
    },

    /** The second step: an app code, or a recovery code (each recovery code works once). */
    async verifySecondFactor(kind: 'app' | 'recovery', code: string, info: RequestInfo): Promise<SecondFactorResult> {
      const body = { code: code.replace(/\s+/g, '') };
      try {
        const { headers, response } =
          kind === 'app'
            ? await auth.api.verifyTOTP({ body, headers: forward(info), returnHeaders: true })
            : await auth.api.verifyBackupCode({ body, headers: forward(info), returnHeaders: true });
        const member = await staff.forUser(response.user.id);
        if (!member) return { ok: false, reason: 'expired' };
        await record(member, kind === 'app' ? 'staff.sign-in' : 'staff.sign-in-recovery-code');
        return { ok: true, setCookies: headers.getSetCookie() };
      } catch (e) {
        return { ok: false, reason: secondFactorProblem(e) };
      }
    },

    /** Starts setting up an app: a new secret (as text and an otpauth: link) and 10 recovery codes, shown once. */
    async startSetUp(info: RequestInfo): Promise<{ secret: string; uri: string; recoveryCodes: string[] }> {
      const result = await auth.api.enableTwoFactor({ body: {}, headers: forward(info) });
      if (!('totpURI' in result) || !result.totpURI) throw new Error('No authenticator secret was made.');
      const secret = new URL(result.totpURI).searchParams.get('secret') ?? '';
      return { secret, uri: result.totpURI, recoveryCodes: result.backupCodes ?? [] };
    },

    /** The secret of a set-up begun but not finished (to show again after a wrong code), or null. */
    async currentSetUp(info: RequestInfo): Promise<{ secret: string; uri: string } | null> {
      try {
        const { totpURI } = await auth.api.getTOTPURI({ body: {}, headers: forward(info) });
        return { secret: new URL(totpURI).searchParams.get('secret') ?? '', uri: totpURI };
      } catch {
        return null;
      }
    },

    /** Finishes setting up with a first app code; the session is renewed, now with the second factor. */
    async confirmSetUp(member: StaffMember, code: string, info: RequestInfo): Promise<SecondFactorResult> {
      const ok = await throttle.allow([
        { bucket: `totp-set-up:${member.id}`, max: SET_UP_TRIES, windowMs: 15 * 60_000 },
      ]);
      if (!ok) return { ok: false, reason: 'too-many' };
      try {
        const { headers } = await auth.api.verifyTOTP({
          body: { code: code.replace(/\s+/g, '') },
          headers: forward(info),
          returnHeaders: true,
        });
        await record(member, 'staff.two-factor-set-up');
        return { ok: true, setCookies: headers.getSetCookie() };
      } catch (e) {
        return { ok: false, reason: secondFactorProblem(e) };
      }
    },

    /** The staff member behind a request's session (sliding its end), or null; 'ended' when it has just reached the staff absolute lifetime. */
    async state(info: RequestInfo): Promise<LoadedStaff | 'ended' | null> {
      const loaded = await loadLimitedSession(auth, info, maxHours);
      if (!loaded || loaded === 'ended') return loaded;
      const { response } = loaded;
      const member = await staff.forUser(response.user.id);
      if (!member) return null;
      return {
        staff: member,
        twoFactorEnabled: Boolean((response.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled),
        session: { id: response.session.id, ...loaded.times },
        setCookies: loaded.setCookies,
      };
    },

    /** The staff member behind a request's session, or null (see state()). */
    async load(info: RequestInfo): Promise<LoadedStaff | null> {
      const state = await this.state(info);
      return state === 'ended' ? null : state;
    },

    /** Whether a request carries a signed-in session at all (staff or not). */
    async hasSession(info: RequestInfo): Promise<boolean> {
      if (!info.headers.get('cookie')) return false;
      return Boolean(
        await auth.api.getSession({ headers: forward(info), query: { disableRefresh: true } }).catch(() => null),
      );
    },

    /** Signs out (this session, or everywhere); returns the Set-Cookie lines that clear the cookie. */
    async signOut(member: StaffMember | null, info: RequestInfo, everywhere = false): Promise<string[]> {
      const cookies = await signIn.signOut(info, { everywhere });
      await record(member, everywhere ? 'staff.sign-out-everywhere' : 'staff.sign-out');
      return cookies;
    },
  };
}
export type StaffSignIn = ReturnType<typeof staffSignIn>;
