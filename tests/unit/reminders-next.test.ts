import { describe, expect, it } from 'vitest';
import {
  planReminders,
  sharedOf,
  upcomingReminders,
  type ReminderRecipient,
  type ReminderRules,
} from '~/server/domain/reminders';

// What the parent area lists as "next", and which shared report counts as the
// written record: both from the domain, so the list and the scheduler agree.
const RULES: ReminderRules = {
  supporterNoticeDays: null,
  reportsDue: { initial: null, review: null },
  decisionsWithinHours: 48,
  minutesWithinDays: 21,
  complaintWindowDays: null,
};
const STARTS = new Date('2026-10-27T10:00:00Z');
const conference = {
  id: 'c',
  type: 'initial' as const,
  startsAt: STARTS,
  status: 'scheduled' as const,
  sequence: 0,
  changedAt: new Date('2026-10-26T21:30:00Z'), // booked at 21:30: in quiet hours
};
const parent = (over: Partial<ReminderRecipient> = {}): ReminderRecipient => ({
  parentId: 'p',
  language: 'en',
  addresses: { email: null, sms: '+447123456789' },
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

describe('what will be sent next', () => {
  it('lists the reminders still to come, soonest first, a text in quiet hours at 08:00', () => {
    const now = new Date('2026-10-26T21:45:00Z');
    const next = upcomingReminders(planReminders(RULES, conference, [parent()]), now);
    expect(next.map((r) => [r.type, r.sendAt.toISOString()])).toEqual([
      ['meeting-booked', '2026-10-27T08:00:00.000Z'],
      ['meeting-today', '2026-10-27T08:00:00.000Z'],
      ['decisions-due', '2026-10-29T12:00:00.000Z'],
      ['minutes-due', '2026-11-17T12:00:00.000Z'],
    ]);
    // Nothing for a parent who stopped reminders.
    expect(upcomingReminders(planReminders(RULES, conference, [parent({ stopped: true })]), now)).toEqual([]);
  });

  it('counts a report uploaded after the meeting began as the written record, and one before as a report', () => {
    expect(sharedOf([{ uploadedAt: new Date('2026-10-20T09:00:00Z') }], STARTS)).toEqual({
      reportsShared: 1,
      decisionsShared: false,
      minutesShared: false,
    });
    expect(sharedOf([{ uploadedAt: STARTS }], STARTS)).toEqual({
      reportsShared: 0,
      decisionsShared: true,
      minutesShared: true,
    });
  });
});
