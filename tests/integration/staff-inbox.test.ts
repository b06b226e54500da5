import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError } from '~/server/auth/staff-roles';
import { attendanceForm } from '~/server/forms/attendance';
import { interpreterForm } from '~/server/forms/interpreter';
import type { StaffActor } from '~/server/services/staff-reports';
import { supporterForm } from '~/server/forms/supporter';
import { DATABASES } from '../support/db';
import { makeFamily, openParentArea, type Family, type ParentAreaWorld } from '../support/parent-area';

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };
const CHAIR: StaffActor = { type: 'staff', id: 'staff-chair', role: 'chair' };
const READER: StaffActor = { type: 'staff', id: 'staff-reader', role: 'readonly' };

// The team's inbox: what parents send through the parent area, as staff see
// and handle it, and the chair's CSV pack.
describe.each(DATABASES)('the staff inbox on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;
  afterEach(() => world.close());

  // Conference on Thursday 12 November 2026 (Kingston: complaints within 28 days, so to the end of 10 December).
  async function setUp(authority = 'kingston') {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z', authority });
    family = await makeFamily(world.services, '2026-11-12T10:00:00Z', { reference: 'KIN-2026-017' });
    const now = '2026-11-01T00:00:00.000Z';
    await world.services.db.db
      .insertInto('staff')
      .values([
        {
          id: OFFICER.id,
          user_id: null,
          name: 'Olu Officer',
          email: 'officer@example.test',
          role: 'officer',
          active: 1,
          created_at: now,
          updated_at: now,
        },
        {
          id: CHAIR.id,
          user_id: null,
          name: 'Priya Shah',
          email: 'chair@example.test',
          role: 'chair',
          active: 1,
          created_at: now,
          updated_at: now,
        },
        {
          id: READER.id,
          user_id: null,
          name: 'Rae Reader',
          email: 'reader@example.test',
          role: 'readonly',
          active: 1,
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
  }
  const inbox = () => world.services.staffInbox;
  const nameSupporter = async (who: Family['one'], conferenceId: string, name = 'Jo Friend') => {
    const saved = await world.services.supporter.save(
      who,
      conferenceId,
      supporterForm.parse({ name, relationship: 'Friend', isSolicitor: 'no', phone: '', email: 'friend@example.test' }),
    );
    expect(saved.ok).toBe(true);
  };

  /** Every kind: a supporter and attendance from parent one, an interpreter from parent two, then a complaint after the conference. */
  async function everyKind() {
    await nameSupporter(family.one, family.conferenceId);
    world.clock.set('2026-11-03T10:00:00Z');
    const interpreter = interpreterForm.parse({
      language: 'Polish',
      dialect: '',
      forWhom: 'me',
      preferredGender: 'any',
      when: ['conference'],
    });
    expect((await world.services.interpreter.save(family.two, family.conferenceId, interpreter)).ok).toBe(true);
    world.clock.set('2026-11-04T10:00:00Z');
    const attendance = attendanceForm.parse({
      mode: 'in-person',
      needs: ['travel'],
      needsDetail: '',
      views: '-1+1 I want the children home.',
    });
    expect((await world.services.attendance.save(family.one, family.conferenceId, attendance)).ok).toBe(true);
    world.clock.set('2026-11-21T09:00:00Z');
    const complaint = await world.services.complaints.create(family.one, family.conferenceId, {
      about: 'process',
      details: '@chair the meeting started late.',
    });
    expect(complaint.ok).toBe(true);
  }

  it('shows a supporter as soon as the parent names one: who, which conference, when, new and not yet handled', async () => {
    await setUp();
    expect(await inbox().list({})).toEqual([]);
    await nameSupporter(family.one, family.conferenceId);
    expect(await inbox().list({})).toEqual([
      expect.objectContaining({
        kind: 'supporter',
        parentId: family.parentIds[0],
        parentName: 'Sam Taylor',
        conferenceId: family.conferenceId,
        conferenceStartsAt: '2026-11-12T10:00:00.000Z',
        caseReference: 'KIN-2026-017',
        receivedAt: '2026-11-02T09:00:00.000Z',
        status: 'new',
        handledBy: null,
        handledAt: null,
        summary: 'Jo Friend (Friend) · friend@example.test',
      }),
    ]);
  });

  it('lists every kind, newest first, and filters by kind, status and conference', async () => {
    await setUp();
    await everyKind();
    const other = await makeFamily(world.services, '2026-12-01T10:00:00Z');
    world.clock.set('2026-11-22T09:00:00Z');
    await nameSupporter(other.one, other.conferenceId, 'Someone Else');
    const all = await inbox().list({});
    expect(all.map((i) => i.kind)).toEqual(['supporter', 'complaint', 'attendance', 'interpreter', 'supporter']);
    expect(all.map((i) => i.parentName)).toEqual([
      'Sam Taylor',
      'Sam Taylor',
      'Sam Taylor',
      'Alex Morgan',
      'Sam Taylor',
    ]);
    expect((await inbox().list({ conferenceId: family.conferenceId })).map((i) => i.kind)).toEqual([
      'complaint',
      'attendance',
      'interpreter',
      'supporter',
    ]);
    expect((await inbox().list({ kind: 'supporter' })).map((i) => i.conferenceId)).toEqual([
      other.conferenceId,
      family.conferenceId,
    ]);
    expect(await inbox().list({ kind: 'interpreter', conferenceId: other.conferenceId })).toEqual([]);
    const attendance = (await inbox().list({ kind: 'attendance' }))[0];
    expect(attendance?.summary).toBe('Coming in person; needs: travel; written views sent');
    expect((await inbox().get('attendance', attendance!.id))?.text).toBe('-1+1 I want the children home.');
  });

  it('shows how many days a parent has left to complain, and when the window has closed', async () => {
    await setUp();
    await everyKind();
    const days = async () => (await inbox().list({ kind: 'complaint' }))[0]?.complaintDaysLeft;
    expect(await days()).toBe(19);
    world.clock.set('2026-12-10T20:00:00Z');
    expect(await days()).toBe(0);
    world.clock.set('2026-12-11T09:00:00Z');
    expect(await days()).toBeNull();
    expect((await inbox().list({ kind: 'supporter' }))[0]).not.toHaveProperty('complaintDaysLeft');
  });

  it('never says the window has closed for a council that sets no time limit for complaints (Redbridge)', async () => {
    await setUp('redbridge');
    await everyKind();
    const complaint = async () => (await inbox().list({ kind: 'complaint' }))[0];
    expect(await complaint()).toMatchObject({ complaintNoLimit: true, complaintDaysLeft: null });
    world.clock.set('2027-11-12T09:00:00Z');
    expect(await complaint()).toMatchObject({ complaintNoLimit: true, complaintDaysLeft: null });
  });

  it('pages through the inbox one status or all of them, in the same order as the whole list, forward and back', async () => {
    await setUp();
    await everyKind();
    const other = await makeFamily(world.services, '2026-12-01T10:00:00Z');
    world.clock.set('2026-11-22T09:00:00Z');
    await nameSupporter(other.one, other.conferenceId, 'Someone Else');
    const [attendance] = await inbox().list({ kind: 'attendance' });
    await inbox().mark('attendance', attendance!.id, 'done', OFFICER);
    const key = (i: { kind: string; id: string }) => `${i.kind}:${i.id}`;
    for (const status of [undefined, 'new', 'done'] as const) {
      const whole = (await inbox().list({ status })).map(key);
      // Forward, two at a time, to the end; then back to the start.
      const pages: string[][] = [];
      let page = await inbox().page({ status, size: 2 });
      expect(page.previous).toBeNull();
      pages.push(page.rows.map(key));
      while (page.next) {
        page = await inbox().page({ status, size: 2, after: page.next });
        pages.push(page.rows.map(key));
      }
      expect(pages.flat()).toEqual(whole);
      const back: string[][] = [page.rows.map(key)];
      while (page.previous) {
        page = await inbox().page({ status, size: 2, before: page.previous });
        back.unshift(page.rows.map(key));
      }
      expect(back).toEqual(pages);
    }
    // "All" keeps new first and done last across page breaks.
    const all = await inbox().page({ size: 4 });
    expect(all.rows.map((i) => i.status)).toEqual(['new', 'new', 'new', 'new']);
    const rest = await inbox().page({ size: 4, after: all.next });
    expect(rest.rows.map((i) => [i.kind, i.status])).toEqual([['attendance', 'done']]);
  });

  it('marks items seen and done with the name of who handled it and when, and audits each step', async () => {
    await setUp();
    await everyKind();
    const [supporter] = await inbox().list({ kind: 'supporter' });
    world.clock.set('2026-11-22T11:00:00Z');
    await inbox().mark('supporter', supporter!.id, 'seen', OFFICER);
    expect((await inbox().list({ status: 'seen' })).map((i) => [i.kind, i.handledBy, i.handledAt])).toEqual([
      ['supporter', 'Olu Officer', '2026-11-22T11:00:00.000Z'],
    ]);
    world.clock.set('2026-11-23T11:00:00Z');
    await inbox().mark('supporter', supporter!.id, 'done', CHAIR);
    expect((await inbox().list({ status: 'done' })).map((i) => [i.kind, i.handledBy, i.handledAt])).toEqual([
      ['supporter', 'Priya Shah', '2026-11-23T11:00:00.000Z'],
    ]);
    expect((await inbox().list({ status: 'new' })).map((i) => i.kind)).toEqual([
      'complaint',
      'attendance',
      'interpreter',
    ]);
    // Done items sort after new ones.
    expect((await inbox().list({ conferenceId: family.conferenceId })).at(-1)?.status).toBe('done');
    const trail = await world.services.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'case_id', 'subject_id'])
      .where('action', 'like', 'supporter.mark-%')
      .orderBy('id')
      .execute();
    expect(trail).toEqual([
      { action: 'supporter.mark-seen', actor_id: OFFICER.id, case_id: family.caseId, subject_id: supporter!.id },
      { action: 'supporter.mark-done', actor_id: CHAIR.id, case_id: family.caseId, subject_id: supporter!.id },
    ]);
  });

  it('puts a changed request back to new when the parent changes it', async () => {
    await setUp();
    await nameSupporter(family.one, family.conferenceId);
    const [item] = await inbox().list({});
    await inbox().mark('supporter', item!.id, 'done', OFFICER);
    world.clock.set('2026-11-03T09:00:00Z');
    await nameSupporter(family.one, family.conferenceId, 'Jo Friend-Smith');
    expect(await inbox().list({})).toEqual([
      expect.objectContaining({ id: item!.id, status: 'new', handledBy: null, receivedAt: '2026-11-03T09:00:00.000Z' }),
    ]);
  });

  it('refuses a read-only member marking anything, and leaves the item as it was', async () => {
    await setUp();
    await nameSupporter(family.one, family.conferenceId);
    const [item] = await inbox().list({});
    await expect(inbox().mark('supporter', item!.id, 'done', READER)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await inbox().list({}))[0]).toMatchObject({ status: 'new', handledBy: null });
    expect(
      await world.services.db.db.selectFrom('audit_log').select('id').where('action', 'like', '%.mark-%').execute(),
    ).toEqual([]);
  });

  it('exports one conference’s requests as CSV for Excel, with anything a parent typed that looks like a formula defused', async () => {
    await setUp();
    await nameSupporter(family.one, family.conferenceId, '=HYPERLINK("http://evil.example","Jo")');
    world.clock.set('2026-11-03T09:00:00Z');
    const attendance = attendanceForm.parse({
      mode: 'not-coming',
      needs: [],
      needsDetail: '',
      views: '=1+1, "quoted"\nsecond line',
    });
    await world.services.attendance.save(family.two, family.conferenceId, attendance);
    const other = await makeFamily(world.services, '2026-12-01T10:00:00Z');
    await nameSupporter(other.one, other.conferenceId, 'Not In This Pack');

    const csv = await inbox().csv(family.conferenceId, CHAIR);
    expect(
      csv.startsWith(
        '\uFEFF"Kind","Parent","Received","Status","Handled by","Handled at","Withdrawn","Request","Written text"\r\n',
      ),
    ).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4); // header, two requests, and the final line end
    expect(csv).toContain(`"supporter","Sam Taylor","2026-11-02T09:00:00.000Z","new"`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Jo"") (Friend) · friend@example.test"`);
    expect(csv).toContain(`"'=1+1, ""quoted""\nsecond line"`);
    expect(csv).not.toContain('Not In This Pack');
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);
    const [entry] = await world.services.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'requests.export')
      .execute();
    expect(entry).toMatchObject({ actor_id: CHAIR.id, case_id: family.caseId, subject_id: family.conferenceId });
    expect(entry?.detail).not.toMatch(/HYPERLINK|quoted/);
  });
});
