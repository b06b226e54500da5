// The reminders a parent gets through a conference's life, with a clock moved
// an hour at a time from booking to after the complaint window, across
// the October clock change, for two councils with different rules, on both
// databases: exactly the expected messages, each once, on the expected London
// days and times, by the channels chosen, in each parent's language; no text
// message in quiet hours; nothing after a parent stops reminders.
import { afterEach, describe, expect, it } from 'vitest';
import { getAuthority } from '~/config/authorities';
import type { Authority } from '~/config/authority-schema';
import { memoryNotifier } from '~/server/notify';
import { reminderScheduler } from '~/server/notify/scheduler';
import type { Services } from '~/server/services';
import type { StaffActor } from '~/server/services/staff-reports';
import { DATABASES } from '../support/db';
import { makeFamily, type Family } from '../support/parent-area';
import { openRemindersWorld, type ManualClock, type RemindersWorld } from '../support/services';

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };
const PRIVATE = /Sam|Taylor|Alex|Morgan|Jamie|Riley|Priya|Guildhall|child protection|conference/i;

type Rules = Authority['rules'];
const leaflet = <T>(value: T) => ({ value, source: 'leaflet' as const, where: 'test leaflet' });
const notStated = { value: null, source: 'not-stated' as const, where: 'test leaflet says nothing' };

/** A council whose leaflet sets what happens before the meeting, and nothing after it. */
function beforeTheMeeting(): Authority {
  const a = getAuthority('kingston');
  return {
    ...a,
    rules: {
      ...a.rules,
      supporterNoticeDays: leaflet(3),
      reportSharing: { initial: leaflet({ days: 3, dayType: 'working' }), review: notStated },
      decisionsWithinHours: notStated,
      minutesWithinDays: notStated,
      complaint: { ...a.rules.complaint, windowDays: notStated },
    } as unknown as Rules,
  };
}

/** A council whose leaflet sets the written record and a complaint window, and nothing before the meeting. */
function afterTheMeeting(): Authority {
  const a = getAuthority('kingston');
  return {
    ...a,
    rules: {
      ...a.rules,
      supporterNoticeDays: notStated,
      reportSharing: { initial: notStated, review: notStated },
      decisionsWithinHours: leaflet(48),
      minutesWithinDays: leaflet(21),
      complaint: { ...a.rules.complaint, windowDays: leaflet(28) },
    } as unknown as Rules,
  };
}

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: '2-digit',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** "Mon 12 Oct 15:00" in London time. */
const at = (d: Date) => london.format(d).replace(/,/g, '');

const BOOKED = '2026-10-12T14:00:00Z'; // Monday 12 October, 15:00 BST
const FIRST_DATE = '2026-10-27T10:00:00Z'; // Tuesday 27 October, 10:00 GMT (the clocks go back on Sunday 25th)
const MOVED_AT = '2026-10-14T20:00:00Z'; // Wednesday 14 October, 21:00 BST: a text would be in quiet hours
const NEW_DATE = '2026-10-28T10:00:00Z'; // Wednesday 28 October, 10:00 GMT
const STEP_MS = 60 * 60_000;

describe.each(DATABASES)('reminders through a conference’s life on $name', ({ open }) => {
  let services: Services;
  let notifier: ReturnType<typeof memoryNotifier>;
  let family: Family;
  let clock: ManualClock;
  let world: RemindersWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  async function setUp(authority: Authority) {
    world = await openRemindersWorld(open, BOOKED, { authority });
    ({ services, clock, notifier } = world);
    const { db } = world;
    family = await makeFamily(services, FIRST_DATE, { reference: 'CP-2026-0042' });
    const [one, two] = family.parentIds;
    // Parent one reads Polish and is reminded by email (the default) and asked about complaints;
    // parent two reads Bengali and chose text messages, to a confirmed mobile.
    await db.db
      .updateTable('parents')
      .set({ invited_at: BOOKED, preferred_language: 'pl', complaint_reminder: 1 })
      .where('id', '=', one)
      .execute();
    await db.db
      .updateTable('parents')
      .set({ invited_at: BOOKED, preferred_language: 'bn', reminder_channel: 'sms', mobile: '+447700900123' })
      .where('id', '=', two)
      .execute();
  }

  /** Moves the clock from BOOKED to `until`, doing each event at its instant; returns every message sent, as a line. */
  async function walk(until: string, events: Record<string, () => Promise<void>> = {}) {
    const end = new Date(until).getTime();
    for (let t = new Date(BOOKED).getTime(); t <= end; t += STEP_MS) {
      clock.set(new Date(t).toISOString());
      await events[new Date(t).toISOString().replace('.000Z', 'Z')]?.();
      await services.reminders.run();
      await services.mail.processOutbox();
    }
    const who = (id: string) => (id === family.parentIds[0] ? 'one' : 'two');
    const rows = await services.db.db
      .selectFrom('email_outbox')
      .select(['id', 'parent_id', 'sent_at', 'template', 'channel', 'status'])
      .execute();
    // In the order sent; those sent at once, by parent then channel.
    return notifier.sent
      .map((n) => {
        const row = rows.find((r) => r.id === n.reference);
        // (Links left out: a signed token can spell anything.)
        expect(`${n.subject} ${n.text} ${n.html}`.replace(/https:\/\/[^\s"<]+/g, '')).not.toMatch(PRIVATE);
        return [
          row?.sent_at ?? '',
          `${at(new Date(row?.sent_at ?? ''))} ${n.message} ${who(row?.parent_id ?? '')} ${n.channel} ${n.rendered.lang}`,
        ];
      })
      .sort(([a, x], [b, y]) => (a ?? '').localeCompare(b ?? '') || (x ?? '').localeCompare(y ?? ''))
      .map(([, line]) => line);
  }

  const move = async () => {
    const c = await services.staffConferences.get(family.conferenceId);
    if (!c) throw new Error('no conference');
    await services.staffConferences.update(
      family.conferenceId,
      {
        type: c.type,
        startsAt: new Date(NEW_DATE),
        durationMinutes: c.duration_minutes,
        venue: c.venue,
        onlineLink: c.online_link,
        chairName: c.chair_name,
        childIds: [],
        initialConferenceDate: null,
      },
      OFFICER,
    );
  };
  /** The parent taps the stop link in the last message they got (as /stop/<token> does, after its button). */
  const stop = (parent: 0 | 1) => async () => {
    const rows = await services.db.db
      .selectFrom('email_outbox')
      .select('id')
      .where('parent_id', '=', family.parentIds[parent])
      .execute();
    const last = notifier.sent.filter((n) => rows.some((r) => r.id === n.reference)).at(-1);
    const token = /\/stop\/([\w-]+)/.exec(last?.text ?? '')?.[1] ?? '';
    const who = await services.reminderChoices.parentOfToken(token);
    expect(who?.id).toBe(family.parentIds[parent]);
    await services.reminderChoices.stop(who?.id ?? '');
  };

  it(
    'sends what a council sets before the meeting, moved once, and nothing to a parent after they stop',
    { timeout: 240_000 },
    async () => {
      await setUp(beforeTheMeeting());
      const sent = await walk('2026-11-05T12:00:00Z', {
        [MOVED_AT]: move,
        // Parent two stops reminders on the Monday before the meeting, at noon.
        '2026-10-26T12:00:00Z': stop(1),
      });
      expect(sent).toEqual([
        'Mon 12 Oct 15:00 meeting-booked one email pl',
        'Mon 12 Oct 15:00 meeting-booked two sms bn',
        'Wed 14 Oct 21:00 meeting-changed one email pl',
        // The text about the move waits for the morning: none from 21:00 to 08:00.
        'Thu 15 Oct 08:00 meeting-changed two sms bn',
        // Reports: 3 working days before Wednesday 28th is Friday 23rd (noon, summer time).
        'Fri 23 Oct 12:00 reports-due one email pl',
        'Fri 23 Oct 12:00 reports-due two sms bn',
        // Supporter: the notice ends on Sunday 25th (3 days before); the day before, at 10:00.
        'Sat 24 Oct 10:00 supporter-notice one email pl',
        'Sat 24 Oct 10:00 supporter-notice two sms bn',
        // After the clocks went back: still 10:00 and 08:00 in London. Parent two stopped on Monday at noon.
        'Tue 27 Oct 10:00 meeting-tomorrow one email pl',
        'Wed 28 Oct 08:00 meeting-today one email pl',
      ]);
      expect(notifier.sent.find((n) => n.message === 'meeting-tomorrow')?.text).toContain('10:00');
    },
  );

  it(
    'sends what a council sets after the meeting, and the complaint reminder only to the parent who asked',
    { timeout: 240_000 },
    async () => {
      await setUp(afterTheMeeting());
      const sent = await walk('2026-11-27T12:00:00Z', { [MOVED_AT]: move });
      expect(sent).toEqual([
        'Mon 12 Oct 15:00 meeting-booked one email pl',
        'Mon 12 Oct 15:00 meeting-booked two sms bn',
        'Wed 14 Oct 21:00 meeting-changed one email pl',
        'Thu 15 Oct 08:00 meeting-changed two sms bn',
        'Tue 27 Oct 10:00 meeting-tomorrow one email pl',
        'Tue 27 Oct 10:00 meeting-tomorrow two sms bn',
        'Wed 28 Oct 08:00 meeting-today one email pl',
        'Wed 28 Oct 08:00 meeting-today two sms bn',
        // Decisions within 48 hours: on Friday 30th.
        'Fri 30 Oct 12:00 decisions-due one email pl',
        'Fri 30 Oct 12:00 decisions-due two sms bn',
        // The last day to complain is Wednesday 25 November (28 days); 7 days before, to parent one only.
        'Wed 18 Nov 10:00 complaint-closing one email pl',
        // Minutes within 21 days: Wednesday 18 November.
        'Wed 18 Nov 12:00 minutes-due one email pl',
        'Wed 18 Nov 12:00 minutes-due two sms bn',
      ]);
      const day = notifier.sent.find((n) => n.message === 'complaint-closing');
      expect(day?.rendered.personalisation.day).toMatch(/25/);
    },
  );

  it('plans a council’s many conferences a batch at a time: each due reminder queued once, whatever the batch size', async () => {
    await setUp(beforeTheMeeting());
    // Five more families, so that batches of 2 end in the middle of the list.
    for (let i = 0; i < 5; i++) await makeFamily(services, FIRST_DATE, { reference: `CP-2026-01${i}` });
    await services.db.db.updateTable('parents').set({ invited_at: BOOKED }).execute();
    const scheduler = (batchSize?: number) =>
      reminderScheduler({
        db: services.db.db,
        clock,
        authority: beforeTheMeeting(),
        mail: services.mail,
        secret: 'a-test-secret-of-at-least-32-characters',
        channels: ['email', 'sms'],
        batchSize,
      });
    const keys = async (batchSize?: number) => (await scheduler(batchSize).due()).map((r) => r.key).sort();
    const all = await keys();
    // Booked: one 'meeting date' message for each of the 12 parents.
    expect(all).toHaveLength(12);
    expect(await keys(2)).toEqual(all);
    expect(await keys(5)).toEqual(all);
    expect(await scheduler(2).run()).toBe(12);
    expect(await scheduler(5).run(), 'nothing queued twice').toBe(0);
  });
});
