import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '~/server/demo/seed';
import { DATABASES } from '../support/db';
import { readAll } from '../support/parent-area';
import { manualClock, openServicesWorld, type ServicesWorld } from '../support/services';
import { accepted } from '../support/accepted';

// The demo family shows the parent area: reports (one for the first parent
// only, one for both), a conference coming up and one whose complaint window is open.
describe.each(DATABASES)('the demo family on $name', ({ open }) => {
  let world: ServicesWorld;
  afterEach(() => world.close());

  it('gives each parent what is theirs', async () => {
    world = await openServicesWorld(open, { clock: manualClock('2026-11-02T09:00:00Z') });
    const { db, services } = world;
    const family = await seedDemo(services);
    if (!family) throw new Error('no demo family');
    const one = { userId: 'one', memberships: [{ parentId: family.parentIds[0], caseId: family.caseId }] };
    const two = { userId: 'two', memberships: [{ parentId: family.parentIds[1], caseId: family.caseId }] };

    const listOne = await services.parentConferences.list(one);
    expect(listOne.upcoming.map((c) => c.id)).toEqual([family.conferenceId]);
    expect(listOne.upcoming[0]?.reportCount).toBe(2);
    expect(listOne.past).toHaveLength(1);
    expect((await services.parentConferences.list(two)).upcoming[0]?.reportCount).toBe(1);

    const reports = await services.parentReports.list(one, family.conferenceId);
    if (!reports.ok) throw new Error('not found');
    const download = await services.parentReports.open(one, reports.reports[0]?.id ?? '');
    if (!download) throw new Error('no download');
    const { bytes } = await readAll(download.stream);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');

    const past = listOne.past[0];
    const complaint = await services.complaints.get(one, past?.id ?? '');
    expect(accepted(complaint).window.state).toBe('open');

    // Put in as the staff area would: the officer uploaded the reports (checked as PDFs), the chair recorded the outcome.
    const team = await services.auth.staff.list();
    const id = (email: string) => team.find((m) => m.email === email)?.id;
    const staffReports = await services.staffReports.forConference(family.conferenceId);
    expect(staffReports.map((r) => [r.title, r.fileName, r.contentType]).sort()).toEqual([
      ['School report', 'School report.pdf', 'application/pdf'],
      ['Social work report for the conference', 'Social work report.pdf', 'application/pdf'],
    ]);
    const trail = await db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id', 'subject_id'])
      .where('action', 'in', ['report.upload', 'conference.outcome'])
      .orderBy('id')
      .execute();
    const officer = id('officer@example.test');
    const chair = id('chair@example.test');
    expect(trail.map((e) => [e.action, e.actor_type, e.actor_id])).toEqual([
      ['report.upload', 'staff', officer],
      ['report.upload', 'staff', officer],
      ['conference.outcome', 'staff', chair],
    ]);
    expect(trail[2]?.subject_id).toBe(past?.id);
    expect(await services.staffConferences.get(past?.id ?? '')).toMatchObject({ status: 'held', outcome: 'cin-plan' });
  });
});
