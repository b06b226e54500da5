// The security probe's sign-in findings, replayed against the auth service on
// both databases: better-auth's endpoints behind an allow-list, the second
// factor changed only with a fresh code (audited, the holder emailed), an
// app code working once, and sessions with an absolute lifetime.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HTTP_AUTH_ENDPOINTS } from '~/server/auth/endpoints';
import { ForbiddenError } from '~/server/auth/staff-roles';
import type { Db } from '~/server/db/client';
import { memoryMailer } from '~/server/mail/mailer';
import type { Services } from '~/server/services';
import { emailedCode, jar, pendingStaffSignIn, request, setUpStaff, signInParent } from '../../support/auth-session';
import { DATABASES } from '../../support/db';
import { openServices, openServicesWorld, type ServicesWorld } from '../../support/services';
import { totp } from '../../support/totp';

const ADMIN = 'admin@council.example';
const OFFICER = 'officer@council.example';
const PARENT = 'parent@example.test';
const SYSTEM = { type: 'system', id: null } as const;
const HOUR = 3_600_000;

describe.each(DATABASES)('sign-in security on $name', ({ open }) => {
  let db: Db;
  let services: Services;
  let mailer: ReturnType<typeof memoryMailer>;
  let world: ServicesWorld;

  beforeEach(async () => {
    world = await openServicesWorld(open, { at: '2026-11-02T09:00:10Z' });
    ({ db, services, mailer } = world);
    await services.auth.staff.create({ name: 'Ada Admin', email: ADMIN, role: 'admin' }, SYSTEM);
    await services.auth.staff.create({ name: 'Olu Officer', email: OFFICER, role: 'officer' }, SYSTEM);
  });
  afterEach(() => world.close());

  const later = (ms: number) => vi.setSystemTime(new Date(Date.now() + ms));
  const actions = async () => (await db.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
  const s = () => services.auth.staffSignIn;

  it('answers over HTTP only the allow-listed auth endpoints: get-session and the two-factor ones are 404', async () => {
    const { cookie } = await setUpStaff(services, mailer, OFFICER);
    const paths = Object.values(services.auth.betterAuth.api)
      .map((e) => (e as { path?: string }).path)
      .filter((p): p is string => typeof p === 'string');
    // The probe's own requests are among them.
    expect(paths).toEqual(
      expect.arrayContaining([
        '/get-session',
        '/two-factor/get-totp-uri',
        '/two-factor/generate-backup-codes',
        '/two-factor/disable',
      ]),
    );
    for (const path of paths) {
      for (const method of ['GET', 'POST']) {
        const allowed = HTTP_AUTH_ENDPOINTS.some((e) => e.method === method && e.path === path);
        const req = new Request(`http://localhost:4321/api/auth${path}`, {
          method,
          headers: { cookie, origin: 'http://localhost:4321', 'content-type': 'application/json' },
          ...(method === 'POST' ? { body: '{}' } : {}),
        });
        const answer = services.auth.handler(req);
        expect(answer === null, `${method} ${path}`).toBe(!allowed);
        if (answer) expect((await answer).status).toBe(200);
      }
    }
    expect(HTTP_AUTH_ENDPOINTS).toEqual([{ method: 'GET', path: '/ok' }]);
    // A path with a trailing slash, or another case, is no way round the list.
    for (const path of ['/get-session/', '/GET-SESSION', '/two-factor//disable', '/ok/../get-session'])
      expect(services.auth.handler(new Request(`http://localhost:4321/api/auth${path}`)), path).toBeNull();
  });

  it('marks every sign-in cookie HttpOnly, parents and staff alike', async () => {
    const actor = SYSTEM;
    const caseId = await services.cases.createCase('SEC-1', actor);
    const parentId = await services.cases.addParent(
      { caseId, name: 'Sam Taylor', email: PARENT, preferredLanguage: 'en', sharesHousehold: false },
      actor,
    );
    await services.auth.inviteParent(parentId);
    const parent = await signInParent(services, mailer, PARENT);
    const staff = await setUpStaff(services, mailer, OFFICER);
    later(60_000);
    const second = await s().verifyCode(OFFICER, await emailedCodeFor(OFFICER), request());
    if (!second.ok) throw new Error('no');
    const lines = [...parent.setCookies, ...staff.setCookies, ...second.setCookies];
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(line, line.split('=')[0]).toMatch(/;\s*HttpOnly/i);
  });

  const emailedCodeFor = (email: string) => emailedCode(services, mailer, email);

  it('accepts an app code once: two sign-ins in progress with the same code, one succeeds', async () => {
    const { secret } = await setUpStaff(services, mailer, OFFICER);
    later(60_000);
    const first = await pendingStaffSignIn(services, mailer, OFFICER);
    const second = await pendingStaffSignIn(services, mailer, OFFICER);
    const code = totp(secret);
    const results = await Promise.all([
      s().verifySecondFactor('app', code, request(first)),
      s().verifySecondFactor('app', code, request(second)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'used' }]);
    // The next code (30 seconds on) works for the one that lost.
    const loser = results[0]?.ok ? second : first;
    later(30_000);
    expect((await s().verifySecondFactor('app', totp(secret), request(loser))).ok).toBe(true);
  });

  it('accepts the code that finished setting up the app only that once', async () => {
    const { secret, cookie } = await setUpStaff(services, mailer, OFFICER);
    await s().signOut(null, request(cookie));
    const pending = await pendingStaffSignIn(services, mailer, OFFICER);
    // Still the same 30-second step as the set-up code.
    expect(await s().verifySecondFactor('app', totp(secret), request(pending))).toEqual({ ok: false, reason: 'used' });
  });

  it('changes nothing about the second factor with a session alone; a fresh code does, audited and emailed', async () => {
    const { secret, recoveryCodes, cookie, member } = await setUpStaff(services, mailer, OFFICER);
    const f = services.auth.staffSecondFactor;
    expect(await f.recoveryCodesLeft(member)).toBe(10);
    // No code, a wrong code, the code already used to set up: refused, and the old codes still stand.
    for (const code of ['', '000000', totp(secret)])
      expect((await f.renewRecoveryCodes(member, code, request(cookie))).ok, `code "${code}"`).toBe(false);
    expect(await f.recoveryCodesLeft(member)).toBe(10);
    expect(await actions()).not.toContain('staff.recovery-codes-renewed');

    later(30_000);
    mailer.sent.length = 0;
    const renewed = await f.renewRecoveryCodes(member, totp(secret), request(cookie));
    if (!renewed.ok) throw new Error(renewed.reason);
    expect(renewed.codes).toHaveLength(10);
    expect(renewed.codes).not.toContain(recoveryCodes[0]);
    expect(await actions()).toContain('staff.recovery-codes-renewed');
    // The holder is told, without any code.
    expect(mailer.sent.map((m) => m.to)).toEqual([OFFICER]);
    const email = mailer.sent[0]!;
    expect(email.subject).toBe('A change to how you sign in');
    for (const code of [...renewed.codes, ...recoveryCodes]) expect(`${email.text}${email.html}`).not.toContain(code);
    // The old recovery codes no longer sign anyone in; a new one does.
    await s().signOut(null, request(cookie));
    later(60_000);
    const pending = await pendingStaffSignIn(services, mailer, OFFICER);
    expect(await s().verifySecondFactor('recovery', recoveryCodes[0]!, request(pending))).toEqual({
      ok: false,
      reason: 'wrong',
    });
    expect((await s().verifySecondFactor('recovery', renewed.codes[0]!, request(pending))).ok).toBe(true);
  });

  it('lets a member reset their own app with a recovery code, signing them out everywhere', async () => {
    const { recoveryCodes, cookie, member } = await setUpStaff(services, mailer, OFFICER);
    const f = services.auth.staffSecondFactor;
    mailer.sent.length = 0;
    expect(await f.resetOwn(member, 'recovery', 'WRONG-CODE1', request(cookie))).toEqual({
      ok: false,
      reason: 'wrong',
    });
    expect((await s().load(request(cookie)))?.twoFactorEnabled).toBe(true);
    expect((await f.resetOwn(member, 'recovery', recoveryCodes[3]!, request(cookie))).ok).toBe(true);
    expect(await s().load(request(cookie))).toBeNull();
    expect(await actions()).toContain('staff.reset-second-factor');
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([[OFFICER, 'A change to how you sign in']]);
    // Next time: emailed code, then setting the app up again.
    later(60_000);
    const again = await s().verifyCode(OFFICER, await emailedCodeFor(OFFICER), request());
    expect(again).toMatchObject({ ok: true, next: 'set-up' });
  });

  it('lets only an administrator reset someone else’s app, with a fresh code from their own', async () => {
    const officer = await setUpStaff(services, mailer, OFFICER);
    later(60_000);
    const admin = await setUpStaff(services, mailer, ADMIN);
    const f = services.auth.staffSecondFactor;
    later(30_000);
    // An officer may not, whatever code they give.
    await expect(
      f.resetOther(officer.member, admin.member.id, totp(officer.secret), request(officer.cookie)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // An administrator's session alone is not enough; nor is someone else's code.
    expect(await f.resetOther(admin.member, officer.member.id, '', request(admin.cookie))).toEqual({
      ok: false,
      reason: 'empty',
    });
    const notMine = totp(officer.secret) === totp(admin.secret) ? '000000' : totp(officer.secret);
    expect(await f.resetOther(admin.member, officer.member.id, notMine, request(admin.cookie))).toEqual({
      ok: false,
      reason: 'wrong',
    });
    expect((await s().load(request(officer.cookie)))?.twoFactorEnabled).toBe(true);
    mailer.sent.length = 0;
    later(30_000);
    expect((await f.resetOther(admin.member, officer.member.id, totp(admin.secret), request(admin.cookie))).ok).toBe(
      true,
    );
    expect(await s().load(request(officer.cookie))).toBeNull();
    expect(mailer.sent.map((m) => m.to)).toEqual([OFFICER]);
    expect(mailer.sent[0]!.text).toContain('An administrator reset the authenticator app');
    const trail = await db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'subject_id'])
      .where('action', '=', 'staff.reset-second-factor')
      .execute();
    expect(trail).toEqual([
      { action: 'staff.reset-second-factor', actor_id: admin.member.id, subject_id: officer.member.id },
    ]);
  });

  it('stops fresh-code guessing after 5 tries in 15 minutes', async () => {
    const { secret, cookie, member } = await setUpStaff(services, mailer, OFFICER);
    const f = services.auth.staffSecondFactor;
    later(30_000);
    for (let i = 0; i < 5; i++) await f.renewRecoveryCodes(member, '000000', request(cookie));
    expect(await f.renewRecoveryCodes(member, totp(secret), request(cookie))).toEqual({
      ok: false,
      reason: 'too-many',
    });
  });

  it('ends a parent’s session 12 hours after signing in, however busy they are', async () => {
    const caseId = await services.cases.createCase('SEC-2', SYSTEM);
    const parentId = await services.cases.addParent(
      { caseId, name: 'Sam Taylor', email: PARENT, preferredLanguage: 'en', sharesHousehold: false },
      SYSTEM,
    );
    await services.auth.inviteParent(parentId);
    let { cookie } = await signInParent(services, mailer, PARENT);
    const signedInAt = Date.now();
    // A page every 20 minutes keeps the idle timeout away…
    while (Date.now() < signedInAt + 12 * HOUR - 20 * 60_000) {
      later(20 * 60_000);
      const state = await services.auth.sessionState(request(cookie));
      expect(state, new Date().toISOString()).not.toBe('ended');
      if (!state || state === 'ended') throw new Error('signed out too soon');
      expect(state.session.endsAt.getTime()).toBe(signedInAt + 12 * HOUR);
      cookie = jar(cookie, state.setCookies);
    }
    // …until 12 hours after signing in, when the session ends for good.
    vi.setSystemTime(new Date(signedInAt + 12 * HOUR));
    expect(await services.auth.sessionState(request(cookie))).toBe('ended');
    expect(await services.auth.sessionState(request(cookie))).toBeNull();
    expect(await (await services.auth.betterAuth.$context).adapter.count({ model: 'session' })).toBe(0);
  });

  it('ends a staff session 10 hours after signing in, and the setting changes it', async () => {
    /** Loads a staff page every 15 minutes (so the idle timeout never comes) until `hours` after `start`. */
    const busy = async (on: Services, cookie: string, start: number, hours: number) => {
      let state: unknown = null;
      for (let at = start + 15 * 60_000; at <= start + hours * HOUR; at += 15 * 60_000) {
        vi.setSystemTime(new Date(at));
        state = await on.auth.staffSignIn.state(request(cookie));
        if (state === 'ended' || !state) return { at: (at - start) / HOUR, state };
      }
      return { at: hours, state };
    };
    const { cookie } = await setUpStaff(services, mailer, OFFICER);
    expect(await busy(services, cookie, Date.now(), 11)).toEqual({ at: 10, state: 'ended' });

    const short = await openServices(db, { mailer, env: { STAFF_SESSION_MAX_HOURS: '2' } });
    later(60_000);
    const other = await setUpStaff(short, mailer, ADMIN);
    expect(await busy(short, other.cookie, Date.now(), 3)).toEqual({ at: 2, state: 'ended' });
    await short.auth.settle();
  });
});
