import { describe, expect, it } from 'vitest';
import { getAuthority } from '~/config/authorities';
import type { Authority } from '~/config/authority-schema';
import {
  complaintWindow,
  reportSharedLate,
  requestsOpen,
  supporterNominationOpen,
} from '~/server/domain/parent-windows';

type Rules = Authority['rules'];
const kingston = getAuthority('kingston').rules;
const redbridge = getAuthority('redbridge').rules;
const hartlepool = getAuthority('hartlepool').rules;
const at = (iso: string) => new Date(iso);
const scheduled = (iso: string) => ({ startsAt: at(iso), status: 'scheduled' as const });
const held = (iso: string) => ({ startsAt: at(iso), status: 'held' as const });

/** A council's own setting (source `council`), as a deploying council could choose. */
const own = <T>(value: T) => ({ source: 'council' as const, value, note: 'set by the council for this test' });
const none = { source: 'not-stated' as const, value: null };

/** A profile whose supporter notice and complaint window are set by the council, with numbers unlike any leaflet's. */
const council = (supporterDays: number | null, complaintDays: number | null): Rules => ({
  ...kingston,
  supporterNoticeDays: supporterDays === null ? none : own(supporterDays),
  complaint: { ...kingston.complaint, windowDays: complaintDays === null ? none : own(complaintDays) },
});

// The parent's windows are pure functions of the council's rules, the
// conference and the time: TZ is Europe/London here, but the answers must not depend on it.
describe('parent windows', () => {
  it('Redbridge (2 days, its leaflet): open to the end of the notice day in London, closed the day before', () => {
    const conf = scheduled('2026-11-20T10:00:00Z');
    expect(supporterNominationOpen(redbridge, conf, at('2026-11-18T23:59:59.999Z'))).toBe(true);
    expect(supporterNominationOpen(redbridge, conf, at('2026-11-19T00:00:00Z'))).toBe(false);
  });

  it('Kingston sets no notice (talk to the social worker "well before"): a supporter can be named the day before', () => {
    const conf = scheduled('2026-11-20T10:00:00Z');
    expect(supporterNominationOpen(kingston, conf, at('2026-11-19T12:00:00Z'))).toBe(true);
    expect(supporterNominationOpen(kingston, conf, at('2026-11-20T09:59:00Z'))).toBe(true);
    expect(supporterNominationOpen(kingston, conf, at('2026-11-20T10:00:00Z'))).toBe(false);
  });

  it('reads the number from the profile: a council that sets 5 days closes 5 days before, 0 days at the start', () => {
    const conf = scheduled('2026-11-20T10:00:00Z');
    expect(supporterNominationOpen(council(5, null), conf, at('2026-11-15T23:00:00Z'))).toBe(true);
    expect(supporterNominationOpen(council(5, null), conf, at('2026-11-16T00:00:00Z'))).toBe(false);
    expect(supporterNominationOpen(council(0, null), conf, at('2026-11-20T09:59:00Z'))).toBe(true);
    expect(supporterNominationOpen(council(0, null), conf, at('2026-11-20T10:00:00Z'))).toBe(false);
  });

  it('closes every request for a cancelled or started conference', () => {
    expect(
      requestsOpen({ startsAt: at('2026-11-20T10:00:00Z'), status: 'cancelled' }, at('2026-11-01T00:00:00Z')),
    ).toBe(false);
    expect(requestsOpen(scheduled('2026-11-20T10:00:00Z'), at('2026-11-20T10:00:00Z'))).toBe(false);
    expect(requestsOpen(scheduled('2026-11-20T10:00:00Z'), at('2026-11-20T09:59:59Z'))).toBe(true);
    expect(supporterNominationOpen(council(null, null), scheduled('2026-11-20T10:00:00Z'), at('2026-11-21'))).toBe(
      false,
    );
  });

  it('Kingston (28 days, its leaflet): opens at the start and closes after day 28 in London time', () => {
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

  it('Redbridge sets no time limit: a complaint can be started 40 days (or a year) after the conference', () => {
    const conf = held('2026-07-01T09:00:00Z');
    expect(complaintWindow(redbridge, conf, at('2026-08-10T12:00:00Z'))).toEqual({ state: 'open', lastDay: null });
    expect(complaintWindow(redbridge, conf, at('2027-07-01T12:00:00Z'))).toEqual({ state: 'open', lastDay: null });
  });

  it('reads the complaint window from the profile: a council that sets 10 days closes after day 10', () => {
    const conf = held('2026-07-01T09:00:00Z');
    expect(complaintWindow(council(null, 10), conf, at('2026-07-11T22:00:00Z')).state).toBe('open');
    expect(complaintWindow(council(null, 10), conf, at('2026-07-11T23:00:00Z')).state).toBe('closed');
    expect(complaintWindow(council(null, 60), conf, at('2026-08-10T12:00:00Z')).state).toBe('open');
  });

  it('marks a report late by the London date it was shared, against the council rule', () => {
    // Redbridge: Thursday 31 December 2026 is the last day for a conference on Tuesday 5 January 2027.
    expect(reportSharedLate(redbridge, 'initial', at('2027-01-05T10:00:00Z'), at('2026-12-31T23:59:00Z'))).toBe(false);
    expect(reportSharedLate(redbridge, 'initial', at('2027-01-05T10:00:00Z'), at('2027-01-01T00:00:00Z'))).toBe(true);
    // In BST, 23:30 UTC is already the next day in London.
    expect(reportSharedLate(redbridge, 'initial', at('2026-07-07T09:00:00Z'), at('2026-07-03T22:59:00Z'))).toBe(false);
    expect(reportSharedLate(redbridge, 'initial', at('2026-07-07T09:00:00Z'), at('2026-07-03T23:30:00Z'))).toBe(true);
    // Hartlepool: 5 calendar days before a review.
    expect(reportSharedLate(hartlepool, 'review', at('2027-01-10T10:00:00Z'), at('2027-01-05T12:00:00Z'))).toBe(false);
    expect(reportSharedLate(hartlepool, 'review', at('2027-01-10T10:00:00Z'), at('2027-01-06T12:00:00Z'))).toBe(true);
  });

  it('never marks a report late where the council has no rule (Kingston; Redbridge reviews)', () => {
    expect(reportSharedLate(kingston, 'initial', at('2027-01-05T10:00:00Z'), at('2027-01-05T09:00:00Z'))).toBe(false);
    expect(reportSharedLate(redbridge, 'review', at('2027-01-05T10:00:00Z'), at('2027-01-05T09:00:00Z'))).toBe(false);
  });
});
