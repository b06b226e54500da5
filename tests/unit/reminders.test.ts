import { describe, expect, it } from 'vitest';
import { authorityIds, getAuthority } from '~/config/authorities';
import { reminderRulesOf } from '~/server/domain/reminder-rules';
import {
  afterQuietHours,
  dueReminders,
  inQuietHours,
  lookBackDays,
  planReminders,
  type PlannedReminder,
  type ReminderConference,
  type ReminderRecipient,
  type ReminderRules,
} from '~/server/domain/reminders';

// Two councils with different rules. The first sets no supporter notice and
// no time for reports; the second sets both but nothing for the written record
// or complaints.
const WRITTEN_RECORD: ReminderRules = {
  supporterNoticeDays: null,
  reportsDue: { initial: null, review: null },
  decisionsWithinHours: 48,
  minutesWithinDays: 21,
  complaintWindowDays: 28,
};
const BEFORE_THE_MEETING: ReminderRules = {
  supporterNoticeDays: 2,
  reportsDue: { initial: { days: 2, dayType: 'working' }, review: { days: 5, dayType: 'calendar' } },
  decisionsWithinHours: null,
  minutesWithinDays: null,
  complaintWindowDays: null,
};

// Tuesday 27 October 2026 at 10:00 in London: the clocks went back on Sunday 25 October.
const conference = (over: Partial<ReminderConference> = {}): ReminderConference => ({
  id: 'conf-1',
  type: 'initial',
  startsAt: new Date('2026-10-27T10:00:00Z'),
  status: 'scheduled',
  sequence: 0,
  changedAt: new Date('2026-10-12T14:00:00Z'),
  ...over,
});

const parent = (over: Partial<ReminderRecipient> = {}): ReminderRecipient => ({
  parentId: 'p-1',
  language: 'pl',
  addresses: { email: 'p1@example.test', sms: null },
  invited: true,
  stopped: false,
  excludedFromAll: false,
  supporterNamed: false,
  reportsShared: 0,
  decisionsShared: false,
  minutesShared: false,
  complaintReminder: false,
  complaintMade: false,
  ...over,
});

const planned = (items: ReturnType<typeof planReminders>) =>
  items.filter((i): i is PlannedReminder => i.state === 'planned');
const reasons = (items: ReturnType<typeof planReminders>) =>
  Object.fromEntries(items.filter((i) => i.state === 'skipped').map((i) => [i.type, i.reason]));

describe('the reminder schedule', () => {
  it('sends, for a council that sets supporter notice and reports, those reminders on London days across the clock change', () => {
    const items = planReminders(BEFORE_THE_MEETING, conference(), [parent()]);
    expect(planned(items).map((i) => [i.type, i.sendAt.toISOString(), i.values])).toEqual([
      ['meeting-booked', '2026-10-12T14:00:00.000Z', {}],
      // Last day for notice: Sunday 25 October; the day before is still summer time (10:00 BST).
      ['supporter-notice', '2026-10-24T09:00:00.000Z', { day: '2026-10-25' }],
      // 2 working days before Tuesday 27: Friday 23 October, at noon BST.
      ['reports-due', '2026-10-23T11:00:00.000Z', {}],
      // After the change: 10:00 GMT is 10:00 UTC.
      ['meeting-tomorrow', '2026-10-26T10:00:00.000Z', { time: '10:00' }],
      ['meeting-today', '2026-10-27T08:00:00.000Z', { time: '10:00' }],
    ]);
    expect(reasons(items)).toEqual({
      'decisions-due': 'no-rule',
      'minutes-due': 'no-rule',
      'complaint-closing': 'no-rule',
    });
  });

  it('sends, for a council that sets the written record and complaints, only those', () => {
    const items = planReminders(WRITTEN_RECORD, conference(), [parent({ complaintReminder: true })]);
    expect(planned(items).map((i) => [i.type, i.sendAt.toISOString(), i.values])).toEqual([
      ['meeting-booked', '2026-10-12T14:00:00.000Z', {}],
      ['meeting-tomorrow', '2026-10-26T10:00:00.000Z', { time: '10:00' }],
      ['meeting-today', '2026-10-27T08:00:00.000Z', { time: '10:00' }],
      // 48 hours: Thursday 29 October; 21 days: Tuesday 17 November.
      ['decisions-due', '2026-10-29T12:00:00.000Z', {}],
      ['minutes-due', '2026-11-17T12:00:00.000Z', {}],
      // Last day Tuesday 24 November; 7 days before, Tuesday 17 November.
      ['complaint-closing', '2026-11-17T10:00:00.000Z', { day: '2026-11-24' }],
    ]);
    expect(reasons(items)).toEqual({ 'supporter-notice': 'no-rule', 'reports-due': 'no-rule' });
  });

  it('reads the council profile: a rule marked not-stated has no reminder', () => {
    const kingston = getAuthority('kingston');
    const silent = {
      ...kingston,
      rules: {
        ...kingston.rules,
        supporterNoticeDays: { value: null, source: 'not-stated' as const },
      },
    };
    expect(reminderRulesOf(silent).supporterNoticeDays).toBeNull();
    expect(reminderRulesOf(kingston).minutesWithinDays).toBe(21);
    const items = planReminders(reminderRulesOf(silent), conference(), [parent()]);
    expect(reasons(items)['supporter-notice']).toBe('no-rule');
  });

  it('leaves out what the parent has already: a supporter, reports, the written record, a complaint', () => {
    const done = parent({
      supporterNamed: true,
      reportsShared: 2,
      decisionsShared: true,
      minutesShared: true,
      complaintReminder: true,
      complaintMade: true,
    });
    expect(reasons(planReminders(BEFORE_THE_MEETING, conference(), [done]))).toMatchObject({
      'supporter-notice': 'supporter-named',
      'reports-due': 'reports-shared',
    });
    expect(reasons(planReminders(WRITTEN_RECORD, conference(), [done]))).toMatchObject({
      'decisions-due': 'decisions-shared',
      'minutes-due': 'minutes-shared',
      'complaint-closing': 'complaint-made',
    });
    expect(reasons(planReminders(WRITTEN_RECORD, conference(), [parent()]))['complaint-closing']).toBe('not-asked');
  });

  it('sends nothing to a parent who stopped reminders, chose none, or was not invited', () => {
    for (const [who, reason] of [
      [parent({ stopped: true }), 'stopped'],
      [parent({ addresses: { email: null, sms: null } }), 'no-channel'],
      [parent({ invited: false }), 'not-invited'],
    ] as const) {
      const items = planReminders(BEFORE_THE_MEETING, conference(), [who]);
      expect(planned(items)).toEqual([]);
      expect(items.find((i) => i.type === 'meeting-today')).toMatchObject({ state: 'skipped', reason });
    }
  });

  it('keeps text messages out of quiet hours, 21:00 to 08:00 London time', () => {
    expect(inQuietHours(new Date('2026-07-01T19:59:00Z'))).toBe(false); // 20:59 BST
    expect(inQuietHours(new Date('2026-07-01T20:00:00Z'))).toBe(true); // 21:00 BST
    expect(inQuietHours(new Date('2026-12-01T07:59:00Z'))).toBe(true); // 07:59 GMT
    expect(inQuietHours(new Date('2026-12-01T08:00:00Z'))).toBe(false);
    // 22:30 on the night the clocks go back is followed by 08:00 GMT.
    expect(afterQuietHours(new Date('2026-10-24T21:30:00Z')).toISOString()).toBe('2026-10-25T08:00:00.000Z');

    // Moved at 22:30 BST: the email goes at once, the text at 08:00 the next morning.
    const moved = conference({ sequence: 1, changedAt: new Date('2026-10-20T21:30:00Z') });
    const both = parent({ addresses: { email: 'p1@example.test', sms: '+447700900123' } });
    const changed = planned(planReminders(BEFORE_THE_MEETING, moved, [both])).filter(
      (i) => i.type === 'meeting-changed',
    );
    expect(changed.map((i) => [i.channel, i.sendAt.toISOString()])).toEqual([
      ['email', '2026-10-20T21:30:00.000Z'],
      ['sms', '2026-10-21T07:00:00.000Z'],
    ]);
    for (const i of planned(planReminders(WRITTEN_RECORD, moved, [both])).filter((x) => x.channel === 'sms'))
      expect(inQuietHours(i.sendAt)).toBe(false);
  });

  it('does not send a morning reminder for a meeting that starts before it could go', () => {
    const early = conference({ startsAt: new Date('2026-10-27T07:30:00Z') });
    const items = planReminders(BEFORE_THE_MEETING, early, [
      parent({ addresses: { email: null, sms: '+447700900123' } }),
    ]);
    expect(items.find((i) => i.type === 'meeting-today')).toMatchObject({ state: 'skipped', reason: 'too-late' });
  });

  it('tells of a cancellation, and nothing else after it', () => {
    const cancelled = conference({ status: 'cancelled', sequence: 2, changedAt: new Date('2026-10-20T09:00:00Z') });
    const items = planReminders(WRITTEN_RECORD, cancelled, [parent({ complaintReminder: true })]);
    expect(planned(items).map((i) => i.type)).toEqual(['meeting-cancelled']);
    expect(reasons(items)['meeting-today']).toBe('cancelled');
  });

  it('gives each reminder a key that stays the same until the meeting moves, and each is due once', () => {
    const rules = BEFORE_THE_MEETING;
    const first = planReminders(rules, conference(), [parent()]);
    const again = planReminders(rules, conference(), [parent()]);
    expect(planned(again).map((i) => i.key)).toEqual(planned(first).map((i) => i.key));
    const moved = planReminders(
      rules,
      conference({
        startsAt: new Date('2026-11-03T10:00:00Z'),
        sequence: 1,
        changedAt: new Date('2026-10-20T09:00:00Z'),
      }),
      [parent()],
    );
    const movedTomorrow = planned(moved).find((i) => i.type === 'meeting-tomorrow');
    expect(planned(first).map((i) => i.key)).not.toContain(movedTomorrow?.key);

    // A clock walked every 15 minutes from booking to the end: each reminder is due in one window only.
    const seen = new Map<string, number>();
    for (let t = Date.parse('2026-10-12T14:00:00Z'); t < Date.parse('2026-11-01T00:00:00Z'); t += 15 * 60_000) {
      for (const d of dueReminders(first, new Date(t))) if (!seen.has(d.key)) seen.set(d.key, t);
    }
    expect([...seen.keys()].sort()).toEqual(
      planned(first)
        .map((i) => i.key)
        .sort(),
    );
    // The day-before reminder is not due once the meeting day has begun.
    const tomorrow = planned(first).find((i) => i.type === 'meeting-tomorrow');
    expect(dueReminders(first, new Date('2026-10-27T00:00:00Z')).map((d) => d.key)).not.toContain(tomorrow?.key);
  });
});

describe('how far back the scheduler looks', () => {
  const DAY = 86_400_000;
  // The last moment each reminder after the meeting can go, for a meeting held at this time.
  const lastAfter = (rules: ReminderRules, startsAt: string) =>
    planned(
      planReminders(rules, conference({ startsAt: new Date(startsAt), status: 'held' }), [
        parent({ complaintReminder: true }),
      ]),
    ).map((i) => i.until.getTime() - Date.parse(startsAt));

  it('covers every reminder after the meeting, at any time of day and either side of the clock change, and no more than a day beyond', () => {
    const days = lookBackDays(WRITTEN_RECORD);
    const times = ['2026-10-27T00:30:00Z', '2026-10-27T23:30:00Z', '2026-06-30T22:59:00Z', '2026-03-28T23:45:00Z'];
    const latest = Math.max(...times.flatMap((t) => lastAfter(WRITTEN_RECORD, t)));
    // The complaint window (28 days) is the longest: its reminder stops at the start of day 29.
    expect(latest).toBeGreaterThan(28 * DAY);
    expect(latest).toBeLessThanOrEqual(days * DAY);
    expect(days).toBeLessThanOrEqual(31);
  });

  it('follows a long complaint window: a 200-day window is still reminded 193 days on (a fixed 120 days missed it)', () => {
    const long: ReminderRules = { ...WRITTEN_RECORD, complaintWindowDays: 200 };
    const closing = planned(
      planReminders(long, conference({ status: 'held' }), [parent({ complaintReminder: true })]),
    ).find((i) => i.type === 'complaint-closing');
    expect(closing).toBeDefined();
    expect(closing!.sendAt.getTime() - conference().startsAt.getTime()).toBeGreaterThan(120 * DAY);
    expect(closing!.until.getTime() - conference().startsAt.getTime()).toBeLessThanOrEqual(lookBackDays(long) * DAY);
  });

  it('reads barely a day back for a council that sets nothing after the meeting', () => {
    expect(lookBackDays(BEFORE_THE_MEETING)).toBe(1);
  });

  it('covers each council profile’s own windows', () => {
    for (const id of authorityIds) {
      const rules = reminderRulesOf(getAuthority(id));
      const days = lookBackDays(rules);
      if (rules.complaintWindowDays !== null) expect(days, id).toBeGreaterThan(rules.complaintWindowDays);
      if (rules.minutesWithinDays !== null) expect(days, id).toBeGreaterThan(rules.minutesWithinDays);
    }
  });
});
