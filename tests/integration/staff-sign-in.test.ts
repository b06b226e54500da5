import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '~/server/db/client';
import { memoryMailer } from '~/server/mail/mailer';
import type { Services } from '~/server/services';
import { DATABASES } from '../support/db';
import { openServicesWorld, type ServicesWorld } from '../support/services';
import { totp } from '../support/totp';
import { jar, request, signInParent } from '../support/auth-session';

const OFFICER = 'officer@council.example';
const FORMER = 'former.officer@council.example';
const PARENT = 'parent.one@example.test';
const SYSTEM = { type: 'system', id: null } as const;
describe.each(DATABASES)('staff signing in on $name', ({ open }) => {
  let db: Db;
  let services: Services;
  let mailer: ReturnType<typeof memoryMailer>;
  let world: ServicesWorld;

  beforeEach(async () => {
    world = await openServicesWorld(open, { at: '2026-11-02T09:00:00Z' });
    ({ db, services, mailer } = world);
    await services.auth.staff.create({ name: 'Olu Officer', email: OFFICER, role: 'officer' }, SYSTEM);
    const former = await services.auth.staff.create({ name: 'Fen Former', email: FORMER, role: 'officer' }, SYSTEM);
    if (!former.ok) throw new Error(former.reason);
    await services.auth.staff.update(former.id, { active: false }, SYSTEM);
    const caseId = await services.cases.createCase('TEST-1', SYSTEM);
    const parentId = await services.cases.addParent(
      { caseId, name: 'Sam Taylor', email: PARENT, preferredLanguage: 'en', sharesHousehold: false },
      SYSTEM,
    );
    await services.auth.inviteParent(parentId);
    await services.mail.processOutbox();
    mailer.sent.length = 0;
  });
  afterEach(() => world.close());

  const s = () => services.auth.staffSignIn;
  async function emailedCode(email = OFFICER): Promise<string> {
    mailer.sent.length = 0;
    await s().requestCode(email, request());
    await services.auth.settle();
    return /\b(\d{6})\b/.exec(mailer.sent.at(-1)?.text ?? '')?.[1] ?? '';
  }

  /** First sign-in: emailed code, then setting up the app; returns the app secret, recovery codes and cookies. */
  async function setUp() {
    const first = await s().verifyCode(OFFICER, await emailedCode(), request());
    expect(first).toMatchObject({ ok: true, next: 'set-up' });
    if (!first.ok) throw new Error('no');
    let cookie = jar(undefined, first.setCookies);
    const loaded = await s().load(request(cookie));
    expect(loaded?.twoFactorEnabled).toBe(false);
    const { secret, uri, recoveryCodes } = await s().startSetUp(request(cookie));
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(recoveryCodes).toHaveLength(10);
    expect(await s().confirmSetUp(loaded!.staff, '000000', request(cookie))).toEqual({ ok: false, reason: 'wrong' });
    const done = await s().confirmSetUp(loaded!.staff, totp(secret), request(cookie));
    expect(done.ok).toBe(true);
    if (!done.ok) throw new Error('no');
    cookie = jar(cookie, done.setCookies);
    expect((await s().load(request(cookie)))?.twoFactorEnabled).toBe(true);
    return { secret, recoveryCodes, cookie };
  }

  it('sends codes only to active staff (and parents), then asks a new member to set up an authenticator app', async () => {
    // An unknown address and a member whose access is off: the same answer, and no email.
    for (const email of ['nobody@council.example', FORMER]) {
      expect(await s().requestCode(email, request())).toEqual({ ok: true });
      await services.auth.settle();
    }
    expect(mailer.sent).toEqual([]);
    await setUp();
    expect(mailer.sent.map((m) => m.to)).toEqual([OFFICER]);
    const actions = (
      await db.db.selectFrom('audit_log').select('action').where('actor_type', '=', 'staff').execute()
    ).map((r) => r.action);
    expect(actions).toContain('staff.two-factor-set-up');
  });

  it('allows 5 wrong app codes while setting up, then refuses even the right one for 15 minutes', async () => {
    const first = await s().verifyCode(OFFICER, await emailedCode(), request());
    if (!first.ok) throw new Error('no');
    const cookie = jar(undefined, first.setCookies);
    const member = (await s().load(request(cookie)))!.staff;
    const { secret } = await s().startSetUp(request(cookie));
    const wrong = totp(secret) === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      expect(await s().confirmSetUp(member, wrong, request(cookie))).toEqual({ ok: false, reason: 'wrong' });
    }
    expect(await s().confirmSetUp(member, totp(secret), request(cookie))).toEqual({ ok: false, reason: 'too-many' });
    expect((await s().load(request(cookie)))?.twoFactorEnabled).toBe(false);
    vi.setSystemTime(new Date('2026-11-02T09:15:30Z'));
    // The emailed-code session lasts 30 minutes idle; the set-up goes on where it was.
    expect((await s().confirmSetUp(member, totp(secret), request(cookie))).ok).toBe(true);
  });

  it('after set-up, an emailed code alone gives no session: the app code is needed', async () => {
    const { secret, cookie: old } = await setUp();
    await s().signOut(null, request(old));
    const step = await s().verifyCode(OFFICER, await emailedCode(), request());
    expect(step).toMatchObject({ ok: true, next: 'second-factor' });
    if (!step.ok) throw new Error('no');
    const pending = jar(undefined, step.setCookies);
    expect(await s().load(request(pending))).toBeNull();
    expect(await s().verifySecondFactor('app', '123456', request(pending))).toEqual({ ok: false, reason: 'wrong' });
    vi.setSystemTime(new Date('2026-11-02T09:01:00Z'));
    const done = await s().verifySecondFactor('app', totp(secret), request(pending));
    expect(done.ok).toBe(true);
    if (!done.ok) throw new Error('no');
    const loaded = await s().load(request(jar(pending, done.setCookies)));
    expect(loaded?.staff).toMatchObject({ email: OFFICER, role: 'officer' });
    expect(loaded?.twoFactorEnabled).toBe(true);
  });

  it('lets a recovery code stand in for the app, once', async () => {
    const { recoveryCodes, cookie } = await setUp();
    await s().signOut(null, request(cookie));
    const recovery = recoveryCodes[0] ?? '';
    const first = await s().verifyCode(OFFICER, await emailedCode(), request());
    if (!first.ok) throw new Error('no');
    const used = await s().verifySecondFactor('recovery', recovery, request(jar(undefined, first.setCookies)));
    expect(used.ok).toBe(true);
    const again = await s().verifyCode(OFFICER, await emailedCode(), request());
    if (!again.ok) throw new Error('no');
    expect(await s().verifySecondFactor('recovery', recovery, request(jar(undefined, again.setCookies)))).toEqual({
      ok: false,
      reason: 'wrong',
    });
  });

  it('gives a parent no staff session: not with their own session, nor with an emailed code', async () => {
    const parent = await signInParent(services, mailer, PARENT);
    // Signed in as a parent (the parent area knows them) ...
    expect((await services.auth.loadSession(request(parent.cookie)))?.user.email).toBe(PARENT);
    // ... but the staff area does not.
    expect(await s().state(request(parent.cookie))).toBeNull();
    expect(await s().load(request(parent.cookie))).toBeNull();
    // One code system serves both doors: a parent asking at the staff door is sent their own
    // (neutral) sign-in code, but the staff door does not take it, and leaves no session behind.
    const code = await emailedCode(PARENT);
    expect(code).toMatch(/^\d{6}$/);
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([[PARENT, 'Your sign-in code']]);
    const step = await s().verifyCode(PARENT, code, request());
    expect(step).toEqual({ ok: false, reason: 'no-code' });
    const sessions = await db.db
      .selectFrom('session' as 'cases')
      .select('id')
      .execute();
    expect(sessions).toHaveLength(1); // the parent's own, from signing in at the parent door
  });

  it('switching a member off ends their sessions and sends them no more codes', async () => {
    const { cookie } = await setUp();
    const member = (await s().load(request(cookie)))!.staff;
    await services.auth.staff.update(member.id, { active: false }, SYSTEM);
    expect(await s().load(request(cookie))).toBeNull();
    expect(await emailedCode()).toBe('');
    expect(mailer.sent).toHaveLength(0);
  });
});
