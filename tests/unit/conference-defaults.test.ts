import { describe, expect, it } from 'vitest';
import { newConferenceDefaults } from '~/server/services/staff-conferences';

// The "schedule a conference" form's starting values (staff area).
describe('a new conference for a case', () => {
  it('is an initial conference when the case has had none (or only a cancelled one)', () => {
    expect(newConferenceDefaults([])).toEqual({ type: 'initial', initialConferenceDate: null });
    expect(
      newConferenceDefaults([{ type: 'initial', status: 'cancelled', starts_at: '2026-05-01T09:00:00.000Z' }]),
    ).toEqual({ type: 'initial', initialConferenceDate: null });
  });

  it("is a review following the initial conference, on that conference's day in England", () => {
    // 00:30 on 21 July in London is still 20 July in UTC.
    expect(newConferenceDefaults([{ type: 'initial', status: 'held', starts_at: '2026-07-20T23:30:00.000Z' }])).toEqual(
      { type: 'review', initialConferenceDate: '2026-07-21' },
    );
  });
});
