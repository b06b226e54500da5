import { isAPIError } from 'better-auth/api';
import type { AuditService } from '~/server/services/audit';
import type { Auth, CodeRecipient } from './better-auth';
import { normaliseEmail, type ParentAccounts, type SignedInParent } from './parents';
import { CLIENT_IP_HEADER, LANG_HEADER, SIGN_IN_POLICY } from './policy';
import { pastAbsoluteEnd, sessionTimes, type SessionTimes } from './session-lifetime';

/** What a page knows about the request it is answering. */
export interface RequestInfo {
  /** The incoming request's headers (for the session cookie). */
  headers: Headers;
  /** Astro's clientAddress. */
  ip?: string | undefined;
  /** The language of the page, for the code email. */
  lang?: string | undefined;
}

export type RequestCodeResult = { ok: true } | { ok: false; reason: 'too-many' };

/** Why a code was not accepted. None of these tells whether the address belongs to anyone. */
export type CodeProblem = 'wrong' | 'expired' | 'locked' | 'no-code' | 'too-many';

export type VerifyCodeResult =
  | { ok: true; setCookies: string[]; parent: SignedInParent; redirectTo: string }
  | { ok: false; reason: CodeProblem; triesLeft?: number };

export interface LoadedSession {
  user: { id: string; email: string };
  /** `expiresAt`: the idle end, never after `endsAt`, the absolute end. */
  session: { id: string } & SessionTimes;
  /** Set-Cookie lines to pass on (the sliding expiry moves the cookie too). */
  setCookies: string[];
}

export const errorCode = (e: unknown): string | undefined =>
  isAPIError(e) ? ((e.body as { code?: string } | undefined)?.code ?? undefined) : undefined;

/** The headers better-auth needs from a request: the session cookie, the client's address and the page language. */
export function forward(info: RequestInfo, withCookie = true): Headers {
  const headers = new Headers();
  const cookie = info.headers.get('cookie');
  if (withCookie && cookie) headers.set('cookie', cookie);
  if (info.ip) headers.set(CLIENT_IP_HEADER, info.ip);
  if (info.lang) headers.set(LANG_HEADER, info.lang);
  return headers;
}

/**
 * Loads the session of a request through better-auth (sliding its idle end),
 * and ends it for good once it is `maxHours` old ('ended': the page says why).
 */
export async function loadLimitedSession(
  auth: Auth,
  info: RequestInfo,
  maxHours: number,
): Promise<
  | { response: NonNullable<Awaited<ReturnType<Auth['api']['getSession']>>>; times: SessionTimes; setCookies: string[] }
  | 'ended'
  | null
> {
  if (!info.headers.get('cookie')) return null;
  const { headers, response } = await auth.api.getSession({ headers: forward(info), returnHeaders: true });
  if (!response) return null;
  const times = sessionTimes(new Date(response.session.createdAt), new Date(response.session.expiresAt), maxHours);
  if (pastAbsoluteEnd(times)) {
    await (await auth.$context).internalAdapter.deleteSession(response.session.token);
    return 'ended';
  }
  return { response, times, setCookies: headers.getSetCookie() };
}

/** The sign-in steps the pages call: ask for a code, give the code, load the session, sign out. */
export function signInService(
  auth: Auth,
  parents: ParentAccounts,
  audit: AuditService,
  findRecipient: (email: string) => Promise<CodeRecipient | null> = parents.findRecipient,
  maxHours: number = SIGN_IN_POLICY.parentSessionHours,
) {
  const codeIdentifier = (email: string) => `sign-in-otp-${email}`;

  /** How many tries the current code has used (stand-in codes count the same way). */
  async function usedTries(email: string): Promise<number | null> {
    const ctx = await auth.$context;
    const record = await ctx.internalAdapter.findVerificationValue(codeIdentifier(email));
    if (!record || record.expiresAt < new Date()) return null;
    return Number(record.value.slice(record.value.lastIndexOf(':') + 1)) || 0;
  }

  /** Records, for a known person only, that a code was locked after too many wrong tries. */
  async function recordLock(email: string): Promise<void> {
    const who = await findRecipient(email);
    if (who)
      await audit.record({
        actorType: who.actorType,
        actorId: who.actorId,
        action: 'auth.code-locked',
        caseId: who.caseId,
      });
  }

  /** Gives a code to better-auth: its answer (session cookie, or a second-factor challenge), or why the code was refused. */
  async function exchangeCode(address: string, code: string, info: RequestInfo) {
    try {
      const result = await auth.api.signInEmailOTP({
        body: { email: address, otp: code },
        headers: forward(info, false),
        returnHeaders: true,
      });
      return { ok: true as const, headers: result.headers, response: result.response as unknown };
    } catch (e) {
      if (isAPIError(e) && e.statusCode === 429) return { ok: false as const, reason: 'too-many' as const };
      switch (errorCode(e)) {
        case 'OTP_EXPIRED':
          return { ok: false as const, reason: 'expired' as const };
        case 'TOO_MANY_ATTEMPTS':
          await recordLock(address);
          return { ok: false as const, reason: 'locked' as const };
        case 'INVALID_OTP': {
          const used = await usedTries(address);
          if (used === null) return { ok: false as const, reason: 'no-code' as const };
          const triesLeft = SIGN_IN_POLICY.allowedAttempts - used;
          if (triesLeft <= 0) {
            await recordLock(address);
            return { ok: false as const, reason: 'locked' as const };
          }
          return { ok: false as const, reason: 'wrong' as const, triesLeft };
        }
        default:
          throw e;
      }
    }
  }

  return {
    exchangeCode,
    /**
     * Sends a sign-in code if the address is an invited parent's; does
     * nothing visible otherwise. The answer is the same either way, except
     * when this address or this network has asked too often (counted for
     * every address alike).
     */
    async requestCode(email: string, info: RequestInfo): Promise<RequestCodeResult> {
      try {
        await auth.api.sendVerificationOTP({
          body: { email: normaliseEmail(email), type: 'sign-in' },
          headers: forward(info, false),
        });
        return { ok: true };
      } catch (e) {
        if (isAPIError(e) && e.statusCode === 429) return { ok: false, reason: 'too-many' };
        throw e;
      }
    },

    /** Checks a code; on success returns the session cookie and where to go (the parent's own language). */
    async verifyCode(email: string, code: string, info: RequestInfo): Promise<VerifyCodeResult> {
      const address = normaliseEmail(email);
      const exchanged = await exchangeCode(address, code, info);
      if (!exchanged.ok) return exchanged;
      const result = {
        headers: exchanged.headers,
        response: exchanged.response as { token: string; user: { id: string } },
      };
      if (!result.response.user) return { ok: false, reason: 'no-code' };
      const setCookies = result.headers.getSetCookie();
      const parent = await parents.forUser(result.response.user.id);
      if (!parent) {
        // A user who is no (longer an) invited parent: end the session at once.
        const ctx = await auth.$context;
        await ctx.internalAdapter.deleteSession(result.response.token);
        return { ok: false, reason: 'no-code' };
      }
      await parents.recordSignIn(parent.memberships, audit);
      return { ok: true, setCookies, parent, redirectTo: `/${parent.preferredLanguage}/account/` };
    },

    /** A parent's session, refreshed (sliding expiry); null when there is none or it was idle too long; 'ended' when it has just reached the parents' absolute lifetime (the guard says why). */
    async sessionState(info: RequestInfo): Promise<LoadedSession | 'ended' | null> {
      const loaded = await loadLimitedSession(auth, info, maxHours);
      if (!loaded || loaded === 'ended') return loaded;
      return {
        user: { id: loaded.response.user.id, email: loaded.response.user.email },
        session: { id: loaded.response.session.id, ...loaded.times },
        setCookies: loaded.setCookies,
      };
    },

    /** The same, null for no session whatever the reason. */
    async loadSession(info: RequestInfo): Promise<LoadedSession | null> {
      const state = await this.sessionState(info);
      return state === 'ended' ? null : state;
    },

    /** The parent behind a user id (see parentAccounts.forUser). */
    loadParent: (userId: string) => parents.forUser(userId),

    /** Ends this session, or every session of the person ("sign out everywhere"); returns the Set-Cookie lines that clear the cookie. */
    async signOut(info: RequestInfo, { everywhere = false } = {}): Promise<string[]> {
      const headers = forward(info);
      const current = await auth.api.getSession({ headers, query: { disableRefresh: true } }).catch(() => null);
      if (current && everywhere) await auth.api.revokeSessions({ headers });
      const { headers: out } = await auth.api.signOut({ headers, returnHeaders: true });
      const parent = current ? await parents.forUser(current.user.id) : null;
      for (const m of parent?.memberships ?? []) {
        await audit.record({
          actorType: 'parent',
          actorId: m.parentId,
          action: everywhere ? 'auth.sign-out-everywhere' : 'auth.sign-out',
          caseId: m.caseId,
        });
      }
      return out.getSetCookie();
    },
  };
}
export type SignInService = ReturnType<typeof signInService>;
