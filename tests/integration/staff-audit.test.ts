import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_PAGE_SIZE } from '~/server/services/staff-audit';
import type { StaffActor } from '~/server/services/staff-reports';
import { supporterForm } from '~/server/forms/supporter';
import { DATABASES } from '../support/db';
import { makeFamily, openParentArea, shareReport, type Family, type ParentAreaWorld } from '../support/parent-area';

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };

// The audit log as the staff area reads it: filtered, paged, newest first,
// with names looked up when it is read (the log itself keeps ids).
describe.each(DATABASES)('the staff audit log on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;
  afterEach(() => world.close());

  async function setUp() {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z', authority: 'kingston' });
    family = await makeFamily(world.services, '2026-11-12T10:00:00Z', { reference: 'KIN-2026-042' });
    const now = '2026-11-01T00:00:00.000Z';
    await world.services.db.db
      .insertInto('staff')
      .values({
        id: OFFICER.id,
        user_id: null,
        name: 'Olu Officer',
        email: 'officer@example.test',
        role: 'officer',
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  const log = () => world.services.staffAudit;
  /** Actions only: the set-up (case, parents, children, conference) is logged by the system too. */
  const actions = async (filter: Parameters<ReturnType<typeof log>['list']>[0]) =>
    (await log().list(filter)).entries.map((e) => e.action);
  const at = (
    iso: string,
    action: string,
    extra: { caseId?: string | null; actorType?: 'parent' | 'staff' | 'system'; actorId?: string | null } = {},
  ) => {
    world.clock.set(iso);
    return world.services.audit.record({
      actorType: extra.actorType ?? 'staff',
      actorId: extra.actorId ?? OFFICER.id,
      action,
      caseId: extra.caseId === undefined ? family.caseId : extra.caseId,
    });
  };

  it('shows who did what, newest first, with staff and parent names looked up as it is read', async () => {
    await setUp();
    world.clock.set('2026-11-03T09:00:00Z');
    const saved = await world.services.supporter.save(
      family.one,
      family.conferenceId,
      supporterForm.parse({
        name: 'Jo Friend',
        relationship: 'Friend',
        isSolicitor: 'no',
        phone: '',
        email: 'jo@example.test',
      }),
    );
    expect(saved.ok).toBe(true);
    world.clock.set('2026-11-04T09:00:00Z');
    const id = await shareReport(world.services, family, ['one'], '2026-11-04T09:00:00Z');
    await world.services.staffReports.withdraw(id, OFFICER);
    const { entries } = await log().list({ caseReference: 'KIN-2026-042' });
    const people = (list: typeof entries) => list.filter((e) => e.actor_type !== 'system');
    expect(people(entries).map((e) => [e.action, e.actor_type, e.who, e.case_reference])).toEqual([
      ['report.withdraw', 'staff', 'Olu Officer', 'KIN-2026-042'],
      ['supporter.create', 'parent', 'Sam Taylor', 'KIN-2026-042'],
    ]);
    expect(entries.at(-1)).toMatchObject({ actor_type: 'system', who: 'System' });
    // The log keeps ids: a name changed later shows as it is now.
    await world.services.db.db.updateTable('staff').set({ name: 'Olu Adeyemi' }).where('id', '=', OFFICER.id).execute();
    await world.services.db.db
      .updateTable('parents')
      .set({ name: 'Sam Taylor-Jones' })
      .where('id', '=', family.parentIds[0])
      .execute();
    const again = (await log().list({ caseReference: 'KIN-2026-042' })).entries;
    expect(people(again).map((e) => e.who)).toEqual(['Olu Adeyemi', 'Sam Taylor-Jones']);
    const stored = await world.services.db.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', 'in', ['report.withdraw', 'supporter.create'])
      .execute();
    expect(JSON.stringify(stored)).not.toMatch(/Olu|Sam|Jo Friend|jo@example/);
    expect(stored.map((s) => s.actor_id).sort()).toEqual([family.parentIds[0], OFFICER.id].sort());
  });

  it('filters by case (reference in any case, or id), by who, and by the start of the action', async () => {
    await setUp();
    const other = await makeFamily(world.services, '2026-12-01T10:00:00Z', { reference: 'KIN-2026-099' });
    await at('2026-11-05T09:00:00Z', 'report.upload');
    await at('2026-11-05T10:00:00Z', 'report.share');
    await at('2026-11-05T11:00:00Z', 'reports.export');
    await at('2026-11-05T12:00:00Z', 'supporter.create', { actorType: 'parent', actorId: family.parentIds[0] });
    await at('2026-11-05T13:00:00Z', 'report.upload', { caseId: other.caseId });
    const staffOnly = { actorType: 'staff' as const };
    expect(await actions({ ...staffOnly, caseReference: 'kin-2026-042' })).toEqual([
      'reports.export',
      'report.share',
      'report.upload',
    ]);
    expect(await actions({ ...staffOnly, caseReference: family.caseId })).toEqual([
      'reports.export',
      'report.share',
      'report.upload',
    ]);
    expect(await actions({ ...staffOnly, caseId: other.caseId })).toEqual(['report.upload']);
    expect(await actions({ actorType: 'parent' })).toEqual(['supporter.create']);
    expect(await actions({ action: 'report.' })).toEqual(['report.upload', 'report.share', 'report.upload']);
    expect(await actions({ action: 'supp' })).toEqual(['supporter.create']);
    // Wildcards typed in the box are taken literally, not as "anything".
    expect(await actions({ action: '%upload' })).toEqual([]);
    expect(await actions({ caseReference: 'NO-SUCH-CASE' })).toEqual([]);
  });

  it('takes a date range as days in England, summer time included', async () => {
    await setUp();
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
    await at('2026-07-01T22:30:00Z', 'july.first');
    await at('2026-07-01T23:30:00Z', 'july.second');
    await at('2026-07-02T22:59:59Z', 'july.second.late');
    await at('2026-07-02T23:00:00Z', 'july.third');
    // In winter London is on UTC: 23:30 UTC on 1 December is still 1 December.
    await at('2026-12-01T23:30:00Z', 'december.first');
    expect(await actions({ action: 'july', from: '2026-07-02', to: '2026-07-02' })).toEqual([
      'july.second.late',
      'july.second',
    ]);
    expect(await actions({ action: 'july', to: '2026-07-01' })).toEqual(['july.first']);
    // 23:00 UTC on 2 July is midnight, the start of 3 July, in London.
    expect(await actions({ action: 'july', from: '2026-07-03' })).toEqual(['july.third']);
    expect(await actions({ action: 'december', from: '2026-12-01', to: '2026-12-01' })).toEqual(['december.first']);
    // A date that is not a date is ignored rather than matching nothing.
    expect(await actions({ action: 'december', from: 'yesterday' })).toEqual(['december.first']);
  });

  it('pages through the log, newest first, forward and back, however many share a time', async () => {
    await setUp();
    for (let i = 0; i < 5; i++) await at(`2026-11-10T09:0${i}:00Z`, `paging.step-${i}`);
    // Two more in the same millisecond as step 4: the id keeps them in order across a page break.
    for (const i of [5, 6]) await at('2026-11-10T09:04:00Z', `paging.step-${i}`);
    const page = (p: { after?: string | null; before?: string | null }) =>
      log().list({ action: 'paging', pageSize: 3, ...p });
    const names = (p: Awaited<ReturnType<typeof page>>) => p.entries.map((e) => e.action.replace('paging.', ''));
    const first = await page({});
    expect([names(first), first.previous]).toEqual([['step-6', 'step-5', 'step-4'], null]);
    const second = await page({ after: first.next });
    expect(names(second)).toEqual(['step-3', 'step-2', 'step-1']);
    const third = await page({ after: second.next });
    expect([names(third), third.next]).toEqual([['step-0'], null]);
    // Back: "Newer" from the last page shows the page before it, and from there the first page.
    const back = await page({ before: third.previous });
    expect(names(back)).toEqual(['step-3', 'step-2', 'step-1']);
    const top = await page({ before: back.previous });
    expect([names(top), top.previous]).toEqual([['step-6', 'step-5', 'step-4'], null]);
    // A token that is not one of ours starts again from the newest.
    expect(names(await page({ after: 'not-a-token' }))).toEqual(['step-6', 'step-5', 'step-4']);
    expect(AUDIT_PAGE_SIZE).toBe(50);
  });

  it('is read-only: the database refuses to change or delete an entry', async () => {
    await setUp();
    await at('2026-11-05T09:00:00Z', 'report.upload');
    const db = world.services.db.db;
    await expect(
      db.updateTable('audit_log').set({ action: 'nothing.happened' }).where('action', '=', 'report.upload').execute(),
    ).rejects.toThrow();
    await expect(db.deleteFrom('audit_log').where('action', '=', 'report.upload').execute()).rejects.toThrow();
    expect(await actions({ action: 'report.' })).toEqual(['report.upload']);
  });
});
