// Staff see each reminder of a conference for each parent: sent, queued,
// failed (also listed under Email problems and counted in the inbox), planned,
// or not sent and why. On both databases.
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '~/server/notify';
import { reminderStates } from '~/server/notify/reminder-states';
import type { Services } from '~/server/services';
import { DATABASES } from '../support/db';
import { makeFamily, type Family } from '../support/parent-area';
import { openRemindersWorld, type RemindersWorld } from '../support/services';

const NOW = '2026-11-02T12:00:00Z';
const MEETING = '2026-11-05T10:00:00Z';

describe.each(DATABASES)('reminder states for staff on $name', ({ open }) => {
  let services: Services;
  let family: Family;
  let world: RemindersWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('shows sent, failed, planned and not sent (with why) per parent', async () => {
    world = await openRemindersWorld(open, NOW, {
      // The text message provider refuses every number: the text is given up at once.
      notifier: (memory) => ({
        ...memory,
        send: (n) => (n.channel === 'sms' ? Promise.reject(new DeliveryError('refused', true)) : memory.send(n)),
      }),
    });
    const { db, clock } = world;
    services = world.services;
    family = await makeFamily(services, MEETING);
    const [one, two] = family.parentIds;
    await db.db
      .updateTable('parents')
      .set({ invited_at: '2026-10-01T09:00:00Z', reminder_channel: 'both', mobile: '+447123456789' })
      .where('id', '=', one)
      .execute();

    await services.reminders.run();
    await services.mail.processOutbox();

    const states = await reminderStates(db.db, services.reminders, family.conferenceId, clock.now());
    const of = (parentId: string, type: string, channel: string | null) =>
      states.find((s) => s.parentId === parentId && s.type === type && s.channel === channel)?.state;

    expect(of(one, 'meeting-booked', 'email')).toMatchObject({ state: 'sent' });
    const failed = of(one, 'meeting-booked', 'sms');
    expect(failed?.state).toBe('failed');
    expect(failed && 'error' in failed ? failed.error : '').toContain('refused');
    expect(of(one, 'meeting-tomorrow', 'email')).toEqual({ state: 'planned', at: '2026-11-04T10:00:00.000Z' });
    expect(of(two, 'meeting-booked', null)).toEqual({ state: 'not-sent', reason: 'not-invited' });
    expect(of(one, 'complaint-closing', null)).toEqual({ state: 'not-sent', reason: 'not-asked' });
    // Every reminder is accounted for, for each parent: the one about the booking, and the 7 by day.
    for (const parentId of [one, two])
      expect(new Set(states.filter((s) => s.parentId === parentId).map((s) => s.type)).size).toBe(8);

    // The failed text is an Email problem, named to its parent.
    const officer = { type: 'staff' as const, id: 'staff-officer', role: 'officer' as const };
    const problems = await services.staffEmails.list(officer);
    expect(problems.map((p) => [p.template, p.kind, p.people.map((x) => x.name)])).toEqual([
      ['meeting-booked', 'Reminder: meeting booked', ['Sam Taylor']],
    ]);
  });
});
