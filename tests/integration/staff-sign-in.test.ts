import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '~/server/db/client';
import { memoryMailer } from '~/server/mail/mailer';
import type { Services } from '~/server/services';
import { DATABASES } from '../support/db';
import { openServices } from '../support/services';
import { totp } from '../support/totp';
import { jar, request } from '../support/auth-session';

const OFFICER = 'officer@council.example';
describe.each(DATABASES)('staff signing in on $name', ({ open }) => {
  let db: Db;
  let services: Services;
  let mailer: ReturnType<typeof memoryMailer>;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-02T09:00:00Z'));
    db = await open();
    mailer = memoryMailer();
    services = await openServices(db, { mailer });
    await services.auth.staff.create(
      { name: 'Olu Officer', email: OFFICER, role: 'officer' },
      { type: 'system', id: null },
    );
  });
  afterEach(async () => {
    await services.auth.settle();
    vi.useRealTimers();
    await db.close();
  });

  const s = () => services.auth.staffSignIn;
  async function emailedCode(): Promise<string> {
    mailer.sent.length = 0;
    await s().requestCode(OFFICER, request());
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

  it('sends codes only to active staff, then asks a new member to set up an authenticator app', async () => {
    await setUp();
    expect(mailer.sent.map((m) => m.to)).toEqual([OFFICER]);
    const actions = (
      await db.db.selectFrom('audit_log').select('action').where('actor_type', '=', 'staff').execute()
    ).map((r) => r.action);
    expect(actions).toContain('staff.two-factor-set-up');
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

  it('gives a parent no staff session, and switching a member off ends their sessions', async () => {
    const { cookie } = await setUp();
    const member = (await s().load(request(cookie)))!.staff;
    await services.auth.staff.update(member.id, { active: false }, { type: 'system', id: null });
    expect(await s().load(request(cookie))).toBeNull();
    mailer.sent.length = 0;
    await s().requestCode(OFFICER, request());
    await services.auth.settle();
    expect(mailer.sent).toHaveLength(0);
  });
});
