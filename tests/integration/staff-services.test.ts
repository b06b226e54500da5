import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError } from '~/server/auth/staff-roles';
import { minimalPdf } from '~/server/demo/parent-area';
import { interpreterForm } from '~/server/forms/interpreter';
import { supporterForm } from '~/server/forms/supporter';
import type { StaffActor } from '~/server/services/staff-reports';
import { DATABASES } from '../support/db';
import { makeFamily, openParentArea, type Family, type ParentAreaWorld } from '../support/parent-area';

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };
const CHAIR: StaffActor = { type: 'staff', id: 'staff-chair', role: 'chair' };
const READER: StaffActor = { type: 'staff', id: 'staff-reader', role: 'readonly' };

const streamOf = (bytes: Uint8Array, chunk = 64 * 1024) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.subarray(i, i + chunk));
      controller.close();
    },
  });

// The staff area's services over both databases: roles, conferences, the
// inbox and its export. (Reports: staff-reports.test.ts.)
describe.each(DATABASES)('the staff services on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;
  afterEach(() => world.close());

  async function setUp(now = '2026-11-02T09:00:00Z', startsAt = '2026-11-12T10:00:00Z', authority = 'kingston') {
    world = await openParentArea(await open(), { now, authority });
    family = await makeFamily(world.services, startsAt);
  }
  const upload = (bytes: Uint8Array, fileName: string, parentIds: string[] = [family.parentIds[0]]) =>
    world.services.staffReports.upload(
      {
        conferenceId: family.conferenceId,
        title: 'Health visitor report',
        agency: 'Health',
        parentIds,
        fileName,
        stream: streamOf(bytes),
      },
      OFFICER,
    );

  it('refuses a read-only member every change, and an officer the chair’s decisions', async () => {
    await setUp();
    await expect(
      upload(minimalPdf(['x']), 'x.pdf').then(() => world.services.staffReports.withdraw('x', READER)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(world.services.staffCases.create('NEW-1', READER)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(world.services.staffConferences.cancel(family.conferenceId, READER)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      world.services.staffConferences.recordOutcome(
        family.conferenceId,
        { outcome: 'no-plan', category: null },
        OFFICER,
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await world.services.staffConferences.exclude(
      family.conferenceId,
      { parentId: family.parentIds[1], scope: 'all', reason: 'Risk of violence', partDescription: null },
      CHAIR,
    );
    const details = await world.services.staffConferences.details(family.conferenceId);
    expect(details?.exclusions.map((e) => e.parent_id)).toEqual([family.parentIds[1]]);
  });

  it('shows what parents send in the inbox, marks it handled, and exports it with formulas defused', async () => {
    await setUp();
    const supporter = supporterForm.parse({
      name: '=HYPERLINK("http://x")',
      relationship: 'Friend',
      isSolicitor: 'no',
      phone: '',
      email: 'friend@example.test',
    });
    expect((await world.services.supporter.save(family.one, family.conferenceId, supporter)).ok).toBe(true);
    const interpreter = interpreterForm.parse({
      language: 'Polish',
      dialect: '',
      forWhom: 'me',
      preferredGender: 'any',
      when: ['conference'],
    });
    expect((await world.services.interpreter.save(family.two, family.conferenceId, interpreter)).ok).toBe(true);
    const items = await world.services.staffInbox.list({ conferenceId: family.conferenceId });
    expect(items.map((i) => [i.kind, i.parentName, i.status])).toEqual(
      expect.arrayContaining([
        ['supporter', 'Sam Taylor', 'new'],
        ['interpreter', 'Alex Morgan', 'new'],
      ]),
    );
    const item = items.find((i) => i.kind === 'supporter')!;
    await world.services.staffInbox.mark('supporter', item.id, 'done', OFFICER);
    expect((await world.services.staffInbox.list({ status: 'new' })).map((i) => i.kind)).toEqual(['interpreter']);
    const csv = await world.services.staffInbox.csv(family.conferenceId, READER);
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"") (Friend)`);
    expect(csv.startsWith('\uFEFF"Kind"')).toBe(true);
  });

  it('proposes the next review from the council’s rule and emails parents when a conference moves, with no detail', async () => {
    await setUp();
    const details = await world.services.staffConferences.details(family.conferenceId);
    expect(details?.proposedNextReview).toBe('2027-02-12');
    // One parent has been invited (has an account); only they are emailed.
    await world.services.db.db
      .updateTable('parents')
      .set({ invited_at: '2026-11-01T09:00:00.000Z' })
      .where('id', '=', family.parentIds[0])
      .execute();
    const sentBefore = (world.services.mailer as unknown as { sent: { subject: string; text: string }[] }).sent.length;
    const c = details!.conference;
    await world.services.staffConferences.update(
      family.conferenceId,
      {
        type: c.type,
        startsAt: new Date('2026-11-13T10:00:00Z'),
        durationMinutes: c.duration_minutes,
        venue: c.venue,
        onlineLink: c.online_link,
        chairName: c.chair_name,
        childIds: [],
        initialConferenceDate: null,
      },
      OFFICER,
    );
    // The reminder schedule queues the news of the change; the outbox sends it.
    await world.services.reminders.run();
    await world.services.mail.processOutbox();
    const sent = (world.services.mailer as unknown as { sent: { subject: string; text: string }[] }).sent.slice(
      sentBefore,
    );
    expect(sent).toHaveLength(1);
    expect(`${sent[0]?.subject} ${sent[0]?.text}`).not.toMatch(/child protection|Sam|Taylor|TEST|Jamie/i);
  });
});
