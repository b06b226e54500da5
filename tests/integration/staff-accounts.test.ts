import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '~/server/db/client';
import { memoryMailer } from '~/server/mail/mailer';
import type { Services } from '~/server/services';
import { emailedCode, request, setUpStaff } from '../support/auth-session';
import { totp } from '../support/totp';
import { DATABASES } from '../support/db';
import { openServicesWorld, type ServicesWorld } from '../support/services';

const SYSTEM = { type: 'system', id: null } as const;

// Administrators manage the team: roles and access change, but nobody changes
// their own account, and the council always keeps an active administrator.
// (Resetting someone's authenticator app: security/auth.test.ts.)
describe.each(DATABASES)('staff accounts on $name', ({ open }) => {
  let db: Db;
  let services: Services;
  let mailer: ReturnType<typeof memoryMailer>;
  let world: ServicesWorld;
  let admin: string;
  let officer: string;

  beforeEach(async () => {
    world = await openServicesWorld(open, { at: '2026-11-02T09:00:00Z' });
    ({ db, services, mailer } = world);
    admin = await member('Ada Admin', 'admin@council.example', 'admin');
    officer = await member('Olu Officer', 'officer@council.example', 'officer');
  });
  afterEach(() => world.close());

  /** Adds a member for the test (setting up: a refusal here is the test's own mistake). */
  async function member(name: string, email: string, role: 'admin' | 'officer'): Promise<string> {
    const created = await services.auth.staff.create({ name, email, role }, SYSTEM);
    if (!created.ok) throw new Error(`could not add ${email}: ${created.reason}`);
    return created.id;
  }

  const row = (id: string) =>
    db.db.selectFrom('staff').select(['role', 'active']).where('id', '=', id).executeTakeFirstOrThrow();
  const updates = async () =>
    (
      await db.db
        .selectFrom('audit_log')
        .select(['actor_id', 'subject_id', 'detail'])
        .where('action', '=', 'staff.update')
        .execute()
    ).map((r) => [r.actor_id, r.subject_id, JSON.parse(r.detail ?? 'null') as unknown]);

  it('refuses an address already on the team, even switched off or typed differently, adding and auditing nothing', async () => {
    const creations = () =>
      db.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'staff.create').execute();
    const before = await creations();
    expect(
      await services.auth.staff.create(
        { name: 'Olu Again', email: ' Officer@Council.example ', role: 'chair' },
        SYSTEM,
      ),
    ).toEqual({ ok: false, reason: 'email-taken' });
    await services.auth.staff.update(officer, { active: false }, SYSTEM);
    expect(
      await services.auth.staff.create({ name: 'Olu Back', email: 'officer@council.example', role: 'chair' }, SYSTEM),
    ).toEqual({ ok: false, reason: 'email-taken' });
    expect((await services.auth.staff.list()).map((m) => m.name)).toEqual(['Ada Admin', 'Olu Officer']);
    expect(await creations()).toEqual(before);
  });

  it('changes a member’s role, which their next page load sees, and audits who did it', async () => {
    const { cookie } = await setUpStaff(services, mailer, 'officer@council.example');
    const byAdmin = { type: 'staff', id: admin } as const;
    expect(await services.auth.staff.update(officer, { role: 'chair' }, byAdmin)).toEqual({ ok: true });
    expect(await row(officer)).toEqual({ role: 'chair', active: 1 });
    expect((await services.auth.staffSignIn.load(request(cookie)))?.staff.role).toBe('chair');
    expect(await updates()).toEqual([[admin, officer, { role: 'chair' }]]);
  });

  it('refuses a change to your own role or access, changing and auditing nothing', async () => {
    await services.auth.staff.create({ name: 'Bo Admin', email: 'bo@council.example', role: 'admin' }, SYSTEM);
    const self = { type: 'staff', id: admin } as const;
    expect(await services.auth.staff.update(admin, { role: 'readonly' }, self)).toEqual({
      ok: false,
      reason: 'own-account',
    });
    expect(await services.auth.staff.update(admin, { active: false }, self)).toEqual({
      ok: false,
      reason: 'own-account',
    });
    expect(await row(admin)).toEqual({ role: 'admin', active: 1 });
    expect(await updates()).toEqual([]);
  });

  it('refuses to remove the last active administrator, by role or by access, and allows it once there is another', async () => {
    for (const change of [{ role: 'officer' }, { active: false }] as const) {
      expect(await services.auth.staff.update(admin, change, SYSTEM)).toEqual({ ok: false, reason: 'last-admin' });
    }
    expect(await row(admin)).toEqual({ role: 'admin', active: 1 });
    // A switched-off administrator does not count.
    const away = await member('Cy Away', 'cy@council.example', 'admin');
    await services.auth.staff.update(away, { active: false }, SYSTEM);
    expect(await services.auth.staff.update(admin, { active: false }, SYSTEM)).toEqual({
      ok: false,
      reason: 'last-admin',
    });
    // With another active administrator, it is allowed.
    await services.auth.staff.update(away, { active: true }, SYSTEM);
    const byOther = { type: 'staff', id: away } as const;
    expect(await services.auth.staff.update(admin, { role: 'officer' }, byOther)).toEqual({ ok: true });
    expect(await row(admin)).toEqual({ role: 'officer', active: 1 });
    expect(await services.auth.staff.update(away, { active: false }, SYSTEM)).toEqual({
      ok: false,
      reason: 'last-admin',
    });
  });

  it('after an administrator resets a member’s authenticator app, the member sets one up again at their next sign-in', async () => {
    const member = await setUpStaff(services, mailer, 'officer@council.example');
    vi.setSystemTime(new Date('2026-11-02T09:01:00Z'));
    const boss = await setUpStaff(services, mailer, 'admin@council.example');
    vi.setSystemTime(new Date('2026-11-02T09:02:00Z'));
    const reset = await services.auth.staffSecondFactor.resetOther(
      boss.member,
      officer,
      totp(boss.secret),
      request(boss.cookie),
    );
    expect(reset).toEqual({ ok: true });
    expect(await services.auth.staffSignIn.load(request(member.cookie))).toBeNull();
    // The old app's codes no longer matter: an emailed code leads straight to setting up a new app.
    const code = await emailedCode(services, mailer, 'officer@council.example');
    const step = await services.auth.staffSignIn.verifyCode('officer@council.example', code, request());
    expect(step).toMatchObject({ ok: true, next: 'set-up' });
    // Their own account they reset on their own page, not here.
    await expect(
      services.auth.staffSecondFactor.resetOther(boss.member, admin, totp(boss.secret), request(boss.cookie)),
    ).rejects.toThrow(/own account page/);
  });
});
