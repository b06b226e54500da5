import { afterEach, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/db';
import {
  auditEntries,
  makeFamily,
  openParentArea,
  readAll,
  shareReport,
  type ParentAreaWorld,
} from '../support/parent-area';
import { accepted } from '../support/accepted';

// Reports as a parent meets them: listed with a "late" mark from the council's
// rule, downloaded as a stream only by a parent they were shared with, audited.
describe.each(DATABASES)('reports on $name', ({ open }) => {
  let world: ParentAreaWorld;
  afterEach(() => world.close());

  it('marks a report shared after 2 working days before the conference, across new year bank holidays', async () => {
    // Tuesday 5 January 2027: 2 working days before is Thursday 31 December 2026 (1 January is a bank holiday).
    world = await openParentArea(await open(), { now: '2026-12-20T09:00:00Z', authority: 'redbridge' });
    const family = await makeFamily(world.services, '2027-01-05T10:00:00Z');
    await shareReport(world.services, family, ['one'], '2026-12-31T17:00:00Z', 'In time');
    await shareReport(world.services, family, ['one'], '2027-01-01T09:00:00Z', 'Late');
    const state = await world.services.parentReports.list(family.one, family.conferenceId);
    expect(state.ok).toBe(true);
    if (!state.ok) return;
    expect(state.dueBy).toBe('2026-12-31');
    expect(state.reports.map((r) => [r.title, r.late])).toEqual([
      ['In time', false],
      ['Late', true],
    ]);
    expect(state.reports[0]).toMatchObject({ agency: "Children's social care", fileType: 'pdf' });
    expect(state.reports[0]?.sizeBytes).toBeGreaterThan(300);
  });

  it('counts calendar days where the council says so (Hartlepool), and 5 days for a review', async () => {
    world = await openParentArea(await open(), { now: '2026-12-20T09:00:00Z', authority: 'hartlepool' });
    const initial = await makeFamily(world.services, '2027-01-05T10:00:00Z');
    await shareReport(world.services, initial, ['one'], '2027-01-03T20:00:00Z', 'Sunday');
    await shareReport(world.services, initial, ['one'], '2027-01-04T08:00:00Z', 'Monday');
    const a = await world.services.parentReports.list(initial.one, initial.conferenceId);
    expect(accepted(a).reports.map((r) => [r.title, r.late])).toEqual([
      ['Sunday', false],
      ['Monday', true],
    ]);

    const review = await makeFamily(world.services, '2027-04-05T09:00:00Z', {
      type: 'review',
      initialConferenceDate: '2027-01-05',
    });
    const b = await world.services.parentReports.list(review.one, review.conferenceId);
    expect(accepted(b).dueBy).toBe('2027-03-31');
  });

  it('streams a download to a parent it was shared with, audits it, and forgets withdrawn reports', async () => {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z' });
    const family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
    const id = await shareReport(world.services, family, ['one'], '2026-11-10T09:00:00Z');

    const download = await world.services.parentReports.open(family.one, id);
    expect(download).not.toBeNull();
    if (!download) return;
    expect(download.stream).toBeInstanceOf(ReadableStream);
    expect(download).toMatchObject({ fileName: 'Social work report.pdf', contentType: 'application/pdf' });
    const { bytes } = await readAll(download.stream);
    expect(bytes.length).toBe(download.size);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');

    const audit = await auditEntries(world.services, 'report.download');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_type: 'parent',
      actor_id: family.parentIds[0],
      case_id: family.caseId,
      subject_type: 'report',
      subject_id: id,
    });

    // Parent two was not given it, and cannot download it: nothing is audited for them.
    expect(await world.services.parentReports.open(family.two, id)).toBeNull();
    expect(await auditEntries(world.services, 'report.download')).toHaveLength(1);

    await world.services.db.db
      .updateTable('reports')
      .set({ withdrawn_at: '2026-11-11T09:00:00.000Z', withdrawn_by: 'staff' })
      .where('id', '=', id)
      .execute();
    expect(await world.services.parentReports.open(family.one, id)).toBeNull();
    const list = await world.services.parentReports.list(family.one, family.conferenceId);
    expect(accepted(list).reports).toEqual([]);
  });

  it('streams a large report in many chunks rather than one buffer', async () => {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z' });
    const family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
    const big = new Uint8Array(3 * 1024 * 1024).fill(65);
    const key = `${family.caseId}/big`;
    await world.services.reportStore.put(key, new Blob([big]).stream());
    const id = await shareReport(world.services, family, ['one'], '2026-11-10T09:00:00Z');
    await world.services.db.db
      .updateTable('reports')
      .set({ file_key: key, size_bytes: big.length })
      .where('id', '=', id)
      .execute();
    const download = await world.services.parentReports.open(family.one, id);
    if (!download) throw new Error('no download');
    const { bytes, chunks } = await readAll(download.stream);
    expect(bytes.length).toBe(big.length);
    expect(chunks).toBeGreaterThan(1);
  });
});
