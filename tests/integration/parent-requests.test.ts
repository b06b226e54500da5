import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCalendarDays, type CalendarDate } from '~/server/domain/working-days';
import { DATABASES } from '../support/db';
import { auditEntries, makeFamily, openParentArea, type Family, type ParentAreaWorld } from '../support/parent-area';
import { accepted } from '../support/accepted';

// What a parent sends: named, changed, withdrawn; each change back in the case
// team's inbox as "new"; each action audited without the parent's own words.
describe.each(DATABASES)('parent requests on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;

  beforeEach(async () => {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z' });
    family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
  });
  afterEach(() => world.close());

  const auditText = async () =>
    JSON.stringify(await world.services.db.db.selectFrom('audit_log').selectAll().execute());

  it('names, changes and withdraws a supporter, and can name one again', async () => {
    const s = world.services.supporter;
    const first = await s.save(family.one, family.conferenceId, {
      name: 'Jo Bloggs',
      relationship: 'my sister',
      isSolicitor: 'no',
      phone: '07946 000982',
      email: null,
    });
    expect(first).toMatchObject({ ok: true, action: 'create' });
    const changed = await s.save(family.one, family.conferenceId, {
      name: 'Jo Bloggs',
      relationship: 'my solicitor',
      isSolicitor: 'yes',
      phone: null,
      email: 'jo@example.test',
    });
    expect(changed).toMatchObject({ ok: true, action: 'update' });
    if (!first.ok || !changed.ok) return;
    expect(changed.id).toBe(first.id);
    const state = await s.get(family.one, family.conferenceId);
    expect(accepted(state).supporter).toMatchObject({
      relationship: 'my solicitor',
      isSolicitor: true,
      phone: null,
      email: 'jo@example.test',
    });

    // Staff had seen it; a change puts it back in their inbox as new.
    await world.services.db.db
      .updateTable('supporter_nominations')
      .set({ handled_status: 'seen', handled_by: 'staff-1' })
      .execute();
    await s.save(family.one, family.conferenceId, {
      name: 'Jo Bloggs',
      relationship: 'my sister',
      isSolicitor: 'no',
      phone: null,
      email: 'jo@example.test',
    });
    expect(
      await world.services.db.db.selectFrom('supporter_nominations').select(['handled_status', 'handled_by']).execute(),
    ).toEqual([{ handled_status: 'new', handled_by: null }]);

    expect(await s.withdraw(family.one, family.conferenceId)).toEqual({ ok: true });
    const after = await s.get(family.one, family.conferenceId);
    expect(accepted(after).supporter).toBeNull();
    // Withdrawn again (a second click): the answer is the saved state, nothing more happens.
    expect(await s.withdraw(family.one, family.conferenceId)).toEqual({ ok: true });
    expect(await auditEntries(world.services, 'supporter.withdraw')).toHaveLength(1);
    expect(
      await s.save(family.one, family.conferenceId, {
        name: 'Sam Friend',
        relationship: 'friend',
        isSolicitor: 'no',
        phone: '07946 000123',
        email: null,
      }),
    ).toMatchObject({ action: 'create' });

    expect((await auditEntries(world.services, 'supporter.create')).length).toBe(2);
    expect((await auditEntries(world.services, 'supporter.update')).length).toBe(2);
    const [withdrawn] = await auditEntries(world.services, 'supporter.withdraw');
    expect(withdrawn).toMatchObject({
      actor_type: 'parent',
      actor_id: family.parentIds[0],
      case_id: family.caseId,
      subject_type: 'supporter_nomination',
    });
    const text = await auditText();
    for (const personal of ['Jo Bloggs', 'my sister', '07946', 'jo@example.test', 'Sam Friend'])
      expect(text).not.toContain(personal);
  });

  it("gives the supporter's last day from the conference's day in England, not UTC's (Redbridge: 2 days)", async () => {
    await world.close();
    world = await openParentArea(await open(), { now: '2026-06-01T09:00:00Z', authority: 'redbridge' });
    // 00:30 on 21 July in London is 23:30 on 20 July in UTC.
    const summer = await makeFamily(world.services, '2026-07-20T23:30:00Z');
    const state = await world.services.supporter.get(summer.one, summer.conferenceId);
    if (!state.ok) throw new Error('no supporter state');
    expect(state.lastDay).toBe(addCalendarDays('2026-07-21' as CalendarDate, -2));
  });

  it('gives no last day where the council sets none (Kingston): the page says to tell them early', async () => {
    const state = await world.services.supporter.get(family.one, family.conferenceId);
    expect(accepted(state).lastDay).toBeNull();
    expect(accepted(state).open).toBe(true);
  });

  it('asks for, changes and withdraws an interpreter', async () => {
    const i = world.services.interpreter;
    await i.save(family.one, family.conferenceId, {
      language: 'British Sign Language',
      dialect: null,
      forWhom: 'other',
      forWhomOther: 'my mother',
      preferredGender: 'female',
      when: ['conference', 'chairMeeting'],
    });
    let state = await i.get(family.one, family.conferenceId);
    expect(accepted(state).request).toMatchObject({
      language: 'British Sign Language',
      forWhom: 'other',
      forWhomOther: 'my mother',
      preferredGender: 'female',
      forConference: true,
      forChairMeeting: true,
    });
    await i.save(family.one, family.conferenceId, {
      language: 'Tigrinya',
      dialect: null,
      forWhom: 'me',
      forWhomOther: null,
      preferredGender: 'any',
      when: ['chairMeeting'],
    });
    state = await i.get(family.one, family.conferenceId);
    expect(accepted(state).request).toMatchObject({
      language: 'Tigrinya',
      forWhom: 'me',
      forWhomOther: null,
      forConference: false,
      forChairMeeting: true,
    });
    expect(await i.withdraw(family.one, family.conferenceId)).toEqual({ ok: true });
    state = await i.get(family.one, family.conferenceId);
    expect(accepted(state).request).toBeNull();
    for (const action of ['interpreter.create', 'interpreter.update', 'interpreter.withdraw'])
      expect(await auditEntries(world.services, action)).toHaveLength(1);
    const text = await auditText();
    for (const personal of ['my mother', 'Tigrinya', 'British Sign Language']) expect(text).not.toContain(personal);
  });

  it('keeps one attendance answer per parent and audits it without the views', async () => {
    const a = world.services.attendance;
    await a.save(family.one, family.conferenceId, {
      mode: 'online',
      needs: ['breaks', 'travel'],
      needsDetail: 'A quiet room',
      views: 'I love my children.',
    });
    await a.save(family.one, family.conferenceId, {
      mode: 'in-person',
      needs: ['access'],
      needsDetail: null,
      views: 'I love my children very much.',
    });
    const state = await a.get(family.one, family.conferenceId);
    expect(accepted(state).attendance).toMatchObject({
      mode: 'in-person',
      needs: ['access'],
      needsDetail: null,
      views: 'I love my children very much.',
    });
    expect(await world.services.db.db.selectFrom('attendance').select('id').execute()).toHaveLength(1);
    const entries = await auditEntries(world.services, 'attendance.save');
    expect(entries).toHaveLength(2);
    expect(JSON.parse(entries[1]?.detail ?? '{}')).toMatchObject({
      mode: 'in-person',
      needs: ['access'],
      hasViews: true,
    });
    const text = await auditText();
    for (const personal of ['love', 'quiet room']) expect(text).not.toContain(personal);
  });

  it('takes only views from a parent the chair asked not to attend at all, and says so', async () => {
    await world.services.db.db
      .insertInto('exclusions')
      .values({
        id: 'ex-1',
        conference_id: family.conferenceId,
        parent_id: family.parentIds[0],
        scope: 'all',
        reason: 'Recorded by the chair',
        part_description: null,
        decided_by: 'chair-1',
        created_at: '2026-11-03T09:00:00.000Z',
      })
      .execute();
    const a = world.services.attendance;
    const state = await a.get(family.one, family.conferenceId);
    expect(state).toMatchObject({ ok: true, viewsOnly: true, exclusion: { scope: 'all' } });
    // Even if a form claims otherwise, an excluded parent is recorded as not coming.
    await a.save(family.one, family.conferenceId, {
      mode: 'in-person',
      needs: ['travel'],
      needsDetail: 'x',
      views: 'My views',
    });
    const saved = await a.get(family.one, family.conferenceId);
    expect(accepted(saved).attendance).toMatchObject({
      mode: 'not-coming',
      needs: [],
      needsDetail: null,
      views: 'My views',
    });

    const detail = await world.services.parentConferences.get(family.one, family.conferenceId);
    expect(accepted(detail).exclusion).toEqual({ scope: 'all', partDescription: null });
    expect(JSON.stringify(accepted(detail))).not.toContain('Recorded by the chair');
    // The other parent is not excluded and is not told about it.
    const other = await world.services.parentConferences.get(family.two, family.conferenceId);
    expect(accepted(other).exclusion).toBeNull();
  });

  it('gives each complaint its own reference, counting up within the year', async () => {
    world.clock.set('2026-11-21T09:00:00Z');
    const c = world.services.complaints;
    const first = await c.create(family.one, family.conferenceId, {
      about: 'process',
      details: 'The meeting started late.',
    });
    const second = await c.create(family.two, family.conferenceId, {
      about: 'professional',
      details: 'Something was said.',
    });
    expect(accepted(first).complaint.reference).toBe('CPC-2026-000001');
    expect(accepted(second).complaint.reference).toBe('CPC-2026-000002');
    if (!first.ok) return;
    expect(await c.find(family.one, family.conferenceId, first.complaint.id)).toMatchObject({
      reference: 'CPC-2026-000001',
      about: 'process',
    });
    const [entry] = await auditEntries(world.services, 'complaint.create');
    expect(JSON.parse(entry?.detail ?? '{}')).toEqual({
      conferenceId: family.conferenceId,
      reference: 'CPC-2026-000001',
      about: 'process',
    });
    expect(await auditText()).not.toContain('started late');
    const detail = await world.services.parentConferences.get(family.one, family.conferenceId);
    expect(accepted(detail).actions.complaint.references).toEqual(['CPC-2026-000001']);
  });

  it('keeps one complaint when the same one is sent twice (a double click), but takes a new one later', async () => {
    world.clock.set('2026-11-21T09:00:00Z');
    const c = world.services.complaints;
    const input = { about: 'decision' as const, details: 'I do not agree with the plan.' };
    const first = await c.create(family.one, family.conferenceId, input);
    const again = await c.create(family.one, family.conferenceId, input);
    expect(accepted(again).complaint.id).toBe(accepted(first).complaint.id);
    world.clock.set('2026-11-22T09:00:00Z');
    const later = await c.create(family.one, family.conferenceId, input);
    expect(accepted(later).complaint.reference).toBe('CPC-2026-000002');
    expect(await auditEntries(world.services, 'complaint.create')).toHaveLength(2);
  });

  it('sorts conferences into coming up and past, and builds the timeline from the council rules', async () => {
    const earlier = await makeFamily(world.services, '2026-10-01T09:00:00Z');
    const both = { userId: 'u', memberships: [...family.one.memberships, ...earlier.one.memberships] };
    const { upcoming, past } = await world.services.parentConferences.list(both);
    expect(upcoming.map((c) => c.id)).toEqual([family.conferenceId]);
    expect(past.map((c) => c.id)).toEqual([earlier.conferenceId]);
    const detail = await world.services.parentConferences.get(family.one, family.conferenceId);
    if (!detail.ok) throw new Error('not found');
    const dates = Object.fromEntries(detail.timeline.map((d) => [d.id, d.date]));
    // Kingston (the default here): a complaint window from its leaflet; no number of days for reports or a supporter.
    expect(dates).toMatchObject({ complaint: '2026-12-18', decisions: '2026-11-22' });
    expect(dates).not.toHaveProperty('reports');
    expect(dates).not.toHaveProperty('supporter');
    expect(detail.chairName).toBe('Priya Shah');
    expect(detail.children).toEqual(['Jamie', 'Riley']);
  });
});
