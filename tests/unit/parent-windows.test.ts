import { describe, expect, it } from 'vitest';
import { getAuthority } from '~/config/authorities';
import {
  complaintWindow,
  reportSharedLate,
  requestsOpen,
  supporterNominationOpen,
} from '~/server/domain/parent-windows';

const kingston = getAuthority('kingston').rules;
const at = (iso: string) => new Date(iso);
const scheduled = (iso: string) => ({ startsAt: at(iso), status: 'scheduled' as const });

// The parent's windows are pure functions of the council's rules, the
// conference and the time: TZ is Europe/London here, but the answers must not depend on it.
describe('parent windows', () => {
  it('keeps the supporter window open to the end of the notice day in London', () => {
    const conf = scheduled('2026-11-20T10:00:00Z');
    expect(supporterNominationOpen(kingston, conf, at('2026-11-18T23:59:59.999Z'))).toBe(true);
    expect(supporterNominationOpen(kingston, conf, at('2026-11-19T00:00:00Z'))).toBe(false);
  });

  it('uses the council notice period: 0 days means open until the conference starts', () => {
    const rules = { ...kingston, supporterNoticeDays: { ...kingston.supporterNoticeDays, value: 0 } };
    const conf = scheduled('2026-11-20T10:00:00Z');
    expect(supporterNominationOpen(rules, conf, at('2026-11-20T09:59:00Z'))).toBe(true);
    expect(supporterNominationOpen(rules, conf, at('2026-11-20T10:00:00Z'))).toBe(false);
  });

  it('closes every request for a cancelled or started conference', () => {
    expect(
      requestsOpen({ startsAt: at('2026-11-20T10:00:00Z'), status: 'cancelled' }, at('2026-11-01T00:00:00Z')),
    ).toBe(false);
    expect(requestsOpen(scheduled('2026-11-20T10:00:00Z'), at('2026-11-20T10:00:00Z'))).toBe(false);
    expect(requestsOpen(scheduled('2026-11-20T10:00:00Z'), at('2026-11-20T09:59:59Z'))).toBe(true);
  });

  it('opens the complaint window at the start and closes it after day 28 in London time', () => {
    // A summer conference: London is on BST, so day 28 ends at 23:00 UTC.
    const conf = scheduled('2026-07-01T09:00:00Z');
    expect(complaintWindow(kingston, conf, at('2026-07-01T08:59:00Z'))).toEqual({ state: 'before' });
    expect(complaintWindow(kingston, conf, at('2026-07-29T22:59:00Z'))).toEqual({
      state: 'open',
      lastDay: '2026-07-29',
    });
    expect(complaintWindow(kingston, conf, at('2026-07-29T23:00:00Z'))).toEqual({
      state: 'closed',
      lastDay: '2026-07-29',
    });
  });

  it('marks a report late by the London date it was shared', () => {
    // Thursday 31 December 2026 is the last day for a conference on Tuesday 5 January 2027.
    expect(reportSharedLate(kingston, 'initial', at('2027-01-05T10:00:00Z'), at('2026-12-31T23:59:00Z'))).toBe(false);
    expect(reportSharedLate(kingston, 'initial', at('2027-01-05T10:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(true);
    // In BST, 23:30 UTC is already the next day in London.
    expect(reportSharedLate(kingston, 'initial', at('2026-07-07T09:00:00Z'), at('2026-07-03T22:59:00Z'))).toBe(false);
    expect(reportSharedLate(kingston, 'initial', at('2026-07-07T09:00:00Z'), at('2026-07-03T23:30:00Z'))).toBe(true);
  });
});
