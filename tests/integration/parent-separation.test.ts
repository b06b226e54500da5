import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/db';
import { makeFamily, openParentArea, shareReport, type Family, type ParentAreaWorld } from '../support/parent-area';
import { accepted } from '../support/accepted';

// Both parents of a case see the conference and the reports shared with them,
// but never what the other parent sent; another family's ids are not found.
describe.each(DATABASES)('separated parents on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;
  let other: Family;

  beforeEach(async () => {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z' });
    family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
    other = await makeFamily(world.services, '2026-11-25T10:00:00Z');
  });
  afterEach(() => world.close());

  it('shows both parents the shared conference, with the children it is about', async () => {
    for (const parent of [family.one, family.two]) {
      const { upcoming, past } = await world.services.parentConferences.list(parent);
      expect(upcoming.map((c) => c.id)).toEqual([family.conferenceId]);
      expect(upcoming[0]?.children).toEqual(['Jamie', 'Riley']);
      expect(past).toEqual([]);
    }
  });

  it('never shows parent two what parent one sent', async () => {
    const s = world.services;
    await s.supporter.save(family.one, family.conferenceId, {
      name: 'Jo Bloggs',
      relationship: 'sister',
      isSolicitor: 'no',
      phone: '07946 000982',
      email: null,
    });
    await s.interpreter.save(family.one, family.conferenceId, {
      language: 'Polish',
      dialect: null,
      forWhom: 'me',
      forWhomOther: null,
      preferredGender: 'any',
      when: ['conference'],
    });
    await s.attendance.save(family.one, family.conferenceId, {
      mode: 'in-person',
      needs: ['childcare'],
      needsDetail: null,
      views: 'My own views',
    });

    const supporter = await s.supporter.get(family.two, family.conferenceId);
    const interpreter = await s.interpreter.get(family.two, family.conferenceId);
    const attendance = await s.attendance.get(family.two, family.conferenceId);
    expect(accepted(supporter).supporter).toBeNull();
    expect(accepted(interpreter).request).toBeNull();
    expect(accepted(attendance).attendance).toBeNull();

    const detail = await s.parentConferences.get(family.two, family.conferenceId);
    expect(detail.ok).toBe(true);
    if (!detail.ok) return;
    expect(detail.actions.supporter).toMatchObject({ named: false, name: null });
    expect(detail.actions.interpreter).toMatchObject({ asked: false, language: null });
    expect(detail.actions.attendance).toMatchObject({ saved: false, hasViews: false });

    // And parent one still sees their own.
    const own = await s.parentConferences.get(family.one, family.conferenceId);
    expect(accepted(own).actions.supporter.name).toBe('Jo Bloggs');
  });

  it("never shows parent two parent one's complaint", async () => {
    world.clock.set('2026-11-21T09:00:00Z');
    const made = await world.services.complaints.create(family.one, family.conferenceId, {
      about: 'process',
      details: 'What happened',
    });
    expect(made.ok).toBe(true);
    const theirs = await world.services.complaints.get(family.two, family.conferenceId);
    expect(accepted(theirs).complaints).toEqual([]);
    if (made.ok)
      expect(await world.services.complaints.find(family.two, family.conferenceId, made.complaint.id)).toBeNull();
  });

  it('shows parent two only the reports shared with them, and refuses the download of the others', async () => {
    const onlyOne = await shareReport(world.services, family, ['one'], '2026-11-10T09:00:00Z', 'Police report');
    const both = await shareReport(world.services, family, ['one', 'two'], '2026-11-10T09:00:00Z', 'School report');

    const forOne = await world.services.parentReports.list(family.one, family.conferenceId);
    const forTwo = await world.services.parentReports.list(family.two, family.conferenceId);
    expect(
      accepted(forOne)
        .reports.map((r) => r.title)
        .sort(),
    ).toEqual(['Police report', 'School report']);
    expect(accepted(forTwo).reports.map((r) => r.id)).toEqual([both]);

    expect(await world.services.parentReports.open(family.two, onlyOne)).toBeNull();
    const allowed = await world.services.parentReports.open(family.two, both);
    expect(allowed).not.toBeNull();
    await allowed?.stream.cancel();
  });

  it("gives not-found for another family's conference, in every service", async () => {
    const s = world.services;
    const id = other.conferenceId;
    const notFound = { ok: false, reason: 'not-found' };
    expect(await s.parentConferences.get(family.one, id)).toEqual(notFound);
    expect(await s.parentReports.list(family.one, id)).toEqual(notFound);
    expect(await s.supporter.get(family.one, id)).toEqual(notFound);
    expect(
      await s.supporter.save(family.one, id, {
        name: 'A',
        relationship: 'B',
        isSolicitor: 'no',
        phone: null,
        email: 'a@example.test',
      }),
    ).toEqual(notFound);
    expect(await s.supporter.withdraw(family.one, id)).toEqual(notFound);
    expect(await s.interpreter.get(family.one, id)).toEqual(notFound);
    expect(await s.attendance.save(family.one, id, { views: 'x' })).toEqual(notFound);
    expect(await s.complaints.get(family.one, id)).toEqual(notFound);
    expect((await s.parentConferences.list(family.one)).upcoming.map((c) => c.id)).not.toContain(id);

    const theirReport = await shareReport(s, other, ['one', 'two'], '2026-11-10T09:00:00Z');
    expect(await s.parentReports.open(family.one, theirReport)).toBeNull();
    // Nothing was written for the refused attempts.
    const rows = await s.db.db.selectFrom('supporter_nominations').select('id').execute();
    expect(rows).toEqual([]);
  });

  it('sees nothing with no memberships at all', async () => {
    const nobody = { userId: 'nobody', memberships: [] };
    expect(await world.services.parentConferences.list(nobody)).toEqual({ upcoming: [], past: [] });
    expect((await world.services.parentConferences.get(nobody, family.conferenceId)).ok).toBe(false);
  });
});
