import { describe, expect, it } from 'vitest';
import { signInStatus } from '~/server/services/staff-cases';

// What the staff case page says about each parent, from the parent's own row
// (no longer worked out from the audit log's text).
describe("a parent's sign-in status", () => {
  it('is "not invited" until an invitation is sent, whatever else the row holds', () => {
    expect(signInStatus({ invited_at: null, last_signed_in_at: null })).toEqual({ state: 'not-invited' });
    expect(signInStatus({ invited_at: null, last_signed_in_at: '2026-11-03T18:30:00.000Z' })).toEqual({
      state: 'not-invited',
    });
  });

  it('is "invited" until they sign in, then "signed in" with the time of the last sign-in', () => {
    expect(signInStatus({ invited_at: '2026-11-02T10:00:00.000Z', last_signed_in_at: null })).toEqual({
      state: 'invited',
      invitedAt: '2026-11-02T10:00:00.000Z',
    });
    expect(
      signInStatus({ invited_at: '2026-11-02T10:00:00.000Z', last_signed_in_at: '2026-11-03T18:30:00.000Z' }),
    ).toEqual({ state: 'signed-in', invitedAt: '2026-11-02T10:00:00.000Z', lastSignIn: '2026-11-03T18:30:00.000Z' });
  });
});
