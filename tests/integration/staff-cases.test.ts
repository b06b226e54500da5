import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError } from '~/server/auth/staff-roles';
import type { memoryMailer } from '~/server/mail';
import { type SignInStatus } from '~/server/services/staff-cases';
import type { StaffActor } from '~/server/services/staff-reports';
import { DATABASES } from '../support/db';
import { makeFamily, openParentArea, type Family, type ParentAreaWorld } from '../support/parent-area';

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };
const READER: StaffActor = { type: 'staff', id: 'staff-reader', role: 'readonly' };
const REFERENCE = 'CP-2026-0042';
const MINUTE = 60_000;

// Cases in the staff area over both databases: the list and its search, one
// case with its parents' sign-in status, and every change to the case.
describe.each(DATABASES)('the staff case service on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;
  afterEach(() => world.close());

  async function setUp(authority = 'kingston', startsAt = '2026-11-12T10:00:00Z') {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z', authority });
    await world.services.auth.migrate();
    family = await makeFamily(world.services, startsAt, { reference: REFERENCE });
  }
  const staffCases = () => world.services.staffCases;
  const mailer = () => world.services.mailer as ReturnType<typeof memoryMailer>;
  /** The new case's id (the test fails here if the service refused). */
  const newCase = async (reference: string) => {
    const made = await staffCases().create(reference, OFFICER);
    if (!made.ok) throw new Error(`refused: ${made.reason}`);
    return made.id;
  };
  const statusOf = async (parentId: string): Promise<SignInStatus | undefined> =>
    (await staffCases().get(family.caseId))?.parents.find((p) => p.id === parentId)?.signIn;

  it('lists cases with their counts and next conference, and finds one by the start of its reference or a parent name', async () => {
    await setUp();
    const other = await newCase('  NX/2026/7 ');
    const all = (await staffCases().list()).rows;
    expect(all.map((c) => c.reference).sort()).toEqual([REFERENCE, 'NX/2026/7']);
    expect(all.find((c) => c.id === family.caseId)).toMatchObject({
      children: 2,
      parents: 2,
      next_conference: '2026-11-12T10:00:00.000Z',
    });
    expect(all.find((c) => c.id === other)).toMatchObject({ children: 0, parents: 0, next_conference: null });
    const found = async (search: string) => (await staffCases().list({ search })).rows.map((c) => c.id);
    expect(await found('cp-2026')).toEqual([family.caseId]);
    expect(await found(' nx/ ')).toEqual([other]);
    // A parent's or carer's name, from its start, in any case.
    expect(await found('SAM tay')).toEqual([family.caseId]);
    expect(await found('taylor')).toEqual([]);
    // LIKE wildcards are taken as text, not patterns.
    expect(await found('%')).toEqual([]);
    expect(await staffCases().get('no-such-case')).toBeNull();
  });

  it('pages through the cases, most recent change first, forward and back, keeping the search', async () => {
    await setUp();
    const made: string[] = [];
    for (let i = 1; i <= 5; i++) {
      world.clock.set(`2026-11-0${i + 2}T09:00:00Z`);
      made.push(await newCase(`NX-${i}`));
    }
    const refs = (p: { rows: { reference: string }[] }) => p.rows.map((c) => c.reference);
    const list = (p: { after?: string | null; before?: string | null }) =>
      staffCases().list({ search: 'nx-', size: 2, ...p });
    const first = await list({});
    expect([refs(first), first.previous]).toEqual([['NX-5', 'NX-4'], null]);
    const second = await list({ after: first.next });
    expect(refs(second)).toEqual(['NX-3', 'NX-2']);
    const last = await list({ after: second.next });
    expect([refs(last), last.next]).toEqual([['NX-1'], null]);
    expect(refs(await list({ before: last.previous }))).toEqual(['NX-3', 'NX-2']);
    const back = await list({ before: second.previous });
    expect([refs(back), back.previous]).toEqual([['NX-5', 'NX-4'], null]);
    // A change moves a case to the top.
    world.clock.set('2026-11-20T09:00:00Z');
    await staffCases().rename(made[0]!, 'NX-1b', OFFICER);
    expect(refs(await list({}))).toEqual(['NX-1b', 'NX-5']);
  });

  it('shows each parent as not invited, then invited, then signed in, with the time', async () => {
    await setUp();
    const [sam, alex] = family.parentIds;
    expect(await statusOf(sam)).toEqual({ state: 'not-invited' });

    world.clock.set('2026-11-02T10:00:00Z');
    await staffCases().invite(family.caseId, sam, OFFICER);
    expect(await statusOf(sam)).toEqual({ state: 'invited', invitedAt: '2026-11-02T10:00:00.000Z' });
    expect(await statusOf(alex)).toEqual({ state: 'not-invited' });
    // The one invitation flow: a neutral email waiting in the outbox, and an audit entry by this member.
    const queued = await world.services.db.db.selectFrom('email_outbox').select(['to_address', 'template']).execute();
    expect(queued).toEqual([{ to_address: 'one@example.test', template: 'new-message' }]);
    const invited = await world.services.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'parent.invite')
      .executeTakeFirstOrThrow();
    expect(invited).toMatchObject({ actor_type: 'staff', actor_id: OFFICER.id, subject_id: sam });

    world.clock.set('2026-11-03T18:30:00Z');
    const info = { headers: new Headers(), ip: '203.0.113.9', lang: 'en' };
    await world.services.auth.requestCode('one@example.test', info);
    await world.services.auth.settle();
    const code = /\b(\d{6})\b/.exec(mailer().sent.at(-1)?.text ?? '')?.[1] ?? '';
    expect((await world.services.auth.verifyCode('one@example.test', code, info)).ok).toBe(true);
    expect(await statusOf(sam)).toEqual({
      state: 'signed-in',
      invitedAt: '2026-11-02T10:00:00.000Z',
      lastSignIn: '2026-11-03T18:30:00.000Z',
    });

    // A new address needs a new invitation; a sign-in with the old one does not count for it.
    world.clock.advance(MINUTE);
    await staffCases().updateParent(
      family.caseId,
      sam,
      { name: 'Sam Taylor', email: 'sam.new@example.test', preferredLanguage: 'en', sharesHousehold: false },
      OFFICER,
    );
    expect(await statusOf(sam)).toEqual({ state: 'not-invited' });
    world.clock.advance(MINUTE);
    await staffCases().invite(family.caseId, sam, OFFICER);
    expect((await statusOf(sam))?.state).toBe('invited');
    await world.services.auth.settle();
  });

  it('will not invite a parent of another case', async () => {
    await setUp();
    const other = await newCase('OTHER-1');
    expect(await staffCases().invite(other, family.parentIds[0], OFFICER)).toEqual({ ok: false, reason: 'missing' });
    expect(await world.services.db.db.selectFrom('email_outbox').select('id').execute()).toEqual([]);
  });

  it('changes the reference, refusing one another case already has', async () => {
    await setUp();
    await newCase('CP-2026-0043');
    expect(await staffCases().rename(family.caseId, ' CP-2026-0043 ', OFFICER)).toEqual({
      ok: false,
      reason: 'duplicate',
    });
    expect((await staffCases().get(family.caseId))?.reference).toBe(REFERENCE);
    expect(await staffCases().create(REFERENCE, OFFICER)).toEqual({ ok: false, reason: 'duplicate' });
    expect((await staffCases().list()).rows.filter((c) => c.reference === REFERENCE)).toHaveLength(1);
    expect(await staffCases().rename(family.caseId, '   ', OFFICER)).toEqual({
      ok: false,
      reason: 'invalid',
      field: 'reference',
    });
    expect(await staffCases().rename(family.caseId, REFERENCE, OFFICER)).toEqual({ ok: true });
    expect(await staffCases().rename(family.caseId, 'CP-2026-0099', OFFICER)).toEqual({ ok: true });
    expect((await staffCases().get(family.caseId))?.reference).toBe('CP-2026-0099');
  });

  it('edits and removes children, taking a removed child off the conference too', async () => {
    await setUp();
    const [jamie, riley] = (await staffCases().get(family.caseId))!.children;
    await staffCases().updateChild(
      family.caseId,
      riley!.id,
      { firstName: 'Rylee', dateOfBirth: '2020-10-01' },
      OFFICER,
    );
    for (const dateOfBirth of ['2030-01-01', '2019-02-30'])
      expect(
        await staffCases().updateChild(family.caseId, jamie!.id, { firstName: 'Jamie', dateOfBirth }, OFFICER),
      ).toEqual({ ok: false, reason: 'invalid', field: 'dateOfBirth' });
    // Removed once (one audit entry), however many times at once; the others find it gone.
    const removals = await Promise.allSettled(
      Array.from({ length: 20 }, () => staffCases().removeChild(family.caseId, jamie!.id, OFFICER)),
    );
    const answers = new Set(
      removals.map((r) => (r.status === 'fulfilled' ? (r.value.ok ? 'ok' : r.value.reason) : String(r.reason))),
    );
    expect(
      [...answers].every((a) => a === 'ok' || a === 'missing'),
      [...answers].join(),
    ).toBe(true);
    const removedEntries = await world.services.db.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'child.remove')
      .execute();
    expect(removedEntries).toHaveLength(1);
    const after = await staffCases().get(family.caseId);
    expect(after?.children.map((c) => [c.first_name, c.date_of_birth])).toEqual([['Rylee', '2020-10-01']]);
    const details = await world.services.staffConferences.details(family.conferenceId);
    expect(details?.children.map((c) => c.first_name)).toEqual(['Rylee']);
    expect(await staffCases().removeChild(family.caseId, jamie!.id, OFFICER)).toEqual({ ok: false, reason: 'missing' });
  });

  it('says which children are invited under the council’s rule, by their age on the conference day in London', async () => {
    // Redbridge invites children from 10. The conference is at 00:30 on 12 June in London
    // (23:30 on 11 June in UTC): a child born on 12 June 2016 is 10 that day.
    await setUp('redbridge', '2026-06-11T23:30:00Z');
    const [jamie, riley] = (await staffCases().get(family.caseId))!.children;
    await staffCases().updateChild(
      family.caseId,
      jamie!.id,
      { firstName: 'Jamie', dateOfBirth: '2016-06-12' },
      OFFICER,
    );
    await staffCases().updateChild(
      family.caseId,
      riley!.id,
      { firstName: 'Riley', dateOfBirth: '2016-06-13' },
      OFFICER,
    );
    world.clock.set('2026-06-01T09:00:00Z');
    const children = (await staffCases().get(family.caseId))!.children;
    expect(children.map((c) => [c.first_name, c.age, c.invited])).toEqual([
      ['Jamie', 10, 'yes'],
      ['Riley', 9, 'no'],
    ]);
    const details = await world.services.staffConferences.details(family.conferenceId);
    expect(details?.children.map((c) => [c.first_name, c.invited])).toEqual([
      ['Jamie', 'yes'],
      ['Riley', 'no'],
    ]);
  });

  it('leaves it to the chair where the council sets no age', async () => {
    await setUp('kingston');
    expect((await staffCases().get(family.caseId))!.children.map((c) => c.invited)).toEqual(['chair', 'chair']);
  });

  it('adds and edits parents: address normalised, the same address twice in a case refused, a known language only', async () => {
    await setUp();
    const added = await staffCases().addParent(
      family.caseId,
      { name: ' Jo Bloggs ', email: '  Jo.Bloggs@Example.TEST ', preferredLanguage: 'pl', sharesHousehold: true },
      OFFICER,
    );
    if (!added.ok) throw new Error(`refused: ${added.reason}`);
    const { id } = added;
    const parentsNow = async () => (await staffCases().get(family.caseId))!.parents.length;
    const before = await parentsNow();
    const jo = (await staffCases().get(family.caseId))!.parents.find((p) => p.id === id);
    expect(jo).toMatchObject({
      name: 'Jo Bloggs',
      email: 'jo.bloggs@example.test',
      preferred_language: 'pl',
      shares_household: 1,
      invited_at: null,
    });
    expect(
      await staffCases().addParent(
        family.caseId,
        { name: 'Someone', email: 'ONE@example.test', preferredLanguage: 'en', sharesHousehold: false },
        OFFICER,
      ),
    ).toEqual({ ok: false, reason: 'duplicate' });
    expect(await parentsNow()).toBe(before);
    expect(
      await staffCases().updateParent(
        family.caseId,
        id,
        { name: 'Jo Bloggs', email: 'two@example.test', preferredLanguage: 'pl', sharesHousehold: true },
        OFFICER,
      ),
    ).toEqual({ ok: false, reason: 'duplicate' });
    expect((await staffCases().get(family.caseId))!.parents.find((p) => p.id === id)?.email).toBe(
      'jo.bloggs@example.test',
    );
    await expect(
      staffCases().addParent(
        family.caseId,
        { name: 'Someone', email: 'new@example.test', preferredLanguage: 'xx', sharesHousehold: false },
        OFFICER,
      ),
    ).resolves.toEqual({ ok: false, reason: 'invalid', field: 'preferredLanguage' });
    // The same address in another family's case is fine.
    const other = await newCase('OTHER-2');
    expect(
      await staffCases().addParent(
        other,
        { name: 'Sam Taylor', email: 'one@example.test', preferredLanguage: 'en', sharesHousehold: false },
        OFFICER,
      ),
    ).toMatchObject({ ok: true });
    // Keeping their own address is not a duplicate.
    expect(
      await staffCases().updateParent(
        family.caseId,
        id,
        { name: 'Jo Bloggs', email: 'jo.bloggs@example.test', preferredLanguage: 'ar', sharesHousehold: false },
        OFFICER,
      ),
    ).toEqual({ ok: true });
    const edited = (await staffCases().get(family.caseId))!.parents.find((p) => p.id === id);
    expect(edited).toMatchObject({ preferred_language: 'ar', shares_household: 0 });
  });

  it('refuses a read-only member every change, and audits changes with ids only', async () => {
    await setUp();
    const [child] = (await staffCases().get(family.caseId))!.children;
    const parent = { name: 'X', email: 'x@example.test', preferredLanguage: 'en', sharesHousehold: false };
    const attempts = [
      () => staffCases().create('RO-1', READER),
      () => staffCases().rename(family.caseId, 'RO-2', READER),
      () => staffCases().addChild(family.caseId, { firstName: 'X', dateOfBirth: '2020-01-01' }, READER),
      () => staffCases().updateChild(family.caseId, child!.id, { firstName: 'X', dateOfBirth: '2020-01-01' }, READER),
      () => staffCases().removeChild(family.caseId, child!.id, READER),
      () => staffCases().addParent(family.caseId, parent, READER),
      () => staffCases().updateParent(family.caseId, family.parentIds[0], parent, READER),
      () => staffCases().invite(family.caseId, family.parentIds[0], READER),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);

    await staffCases().updateChild(
      family.caseId,
      child!.id,
      { firstName: 'Jamie-Lee', dateOfBirth: '2016-04-12' },
      OFFICER,
    );
    await staffCases().updateParent(
      family.caseId,
      family.parentIds[1],
      { name: 'Alex Morgan-Smith', email: 'two@example.test', preferredLanguage: 'en', sharesHousehold: true },
      OFFICER,
    );
    const trail = await world.services.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_type', '=', 'staff')
      .execute();
    expect(trail.map((t) => t.action).sort()).toEqual(['child.update', 'parent.update']);
    expect(JSON.stringify(trail)).not.toMatch(/Jamie|Alex|Morgan|example\.test|CP-2026/);
  });
});
