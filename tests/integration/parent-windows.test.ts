import { afterEach, describe, expect, it } from 'vitest';
import type { InterpreterInput } from '~/server/forms/interpreter';
import { DATABASES } from '../support/db';
import { makeFamily, openParentArea, type ParentAreaWorld } from '../support/parent-area';
import { accepted } from '../support/accepted';

const supporter = {
  name: 'Jo Bloggs',
  relationship: 'sister',
  isSolicitor: 'no',
  phone: null,
  email: 'jo@example.test',
} as const;

// The council's windows, as a parent meets them through the services: the
// supporter notice period (calendar days, England's time, across clock
// changes) and the complaint window after the conference.
describe.each(DATABASES)('windows on $name', ({ open }) => {
  let world: ParentAreaWorld;
  afterEach(() => world.close());

  it('Redbridge: takes a supporter until the end of the day 2 days before the conference, not after', async () => {
    // Friday 20 November 2026 at 10:00 (GMT): the last day is Wednesday 18 November.
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z', authority: 'redbridge' });
    const family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
    const s = world.services.supporter;

    // 2 days and 1 minute before the conference: taken.
    world.clock.set('2026-11-18T09:59:00Z');
    expect(await s.save(family.one, family.conferenceId, supporter)).toMatchObject({ ok: true, action: 'create' });
    world.clock.set('2026-11-18T23:59:59Z');
    expect(await s.save(family.one, family.conferenceId, supporter)).toMatchObject({ ok: true, action: 'update' });
    expect(await s.get(family.one, family.conferenceId)).toMatchObject({ ok: true, open: true });

    world.clock.set('2026-11-19T00:00:00Z');
    expect(await s.get(family.one, family.conferenceId)).toMatchObject({ ok: true, open: false });
    // 1 day and 23 hours before: refused.
    world.clock.set('2026-11-19T11:00:00Z');
    expect(await s.save(family.one, family.conferenceId, { ...supporter, name: 'Late' })).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(await s.save(family.one, family.conferenceId, { ...supporter, name: 'Someone else' })).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(await s.withdraw(family.one, family.conferenceId)).toEqual({ ok: false, reason: 'closed' });
    // What was sent in time stays.
    const state = await s.get(family.one, family.conferenceId);
    expect(accepted(state).supporter?.name).toBe('Jo Bloggs');
  });

  it('closes the supporter window at midnight in London when the clocks go forward', async () => {
    // Tuesday 31 March 2026 at 10:00 BST; the last day is Sunday 29 March, the day the clocks go forward.
    world = await openParentArea(await open(), { now: '2026-03-20T09:00:00Z', authority: 'redbridge' });
    const family = await makeFamily(world.services, '2026-03-31T09:00:00Z');
    const s = world.services.supporter;
    world.clock.set('2026-03-29T22:59:00Z'); // 23:59 BST on Sunday 29 March
    expect(await s.get(family.one, family.conferenceId)).toMatchObject({ open: true });
    world.clock.set('2026-03-29T23:00:00Z'); // 00:00 BST on Monday 30 March (still the 29th in UTC)
    expect(await s.get(family.one, family.conferenceId)).toMatchObject({ open: false });
  });

  it('closes the supporter window at midnight in London when the clocks go back', async () => {
    // Tuesday 27 October 2026 at 10:00 GMT; the last day is Sunday 25 October, the day the clocks go back.
    world = await openParentArea(await open(), { now: '2026-10-20T09:00:00Z', authority: 'redbridge' });
    const family = await makeFamily(world.services, '2026-10-27T10:00:00Z');
    const s = world.services.supporter;
    world.clock.set('2026-10-24T23:30:00Z'); // 00:30 BST on Sunday 25 October
    expect(await s.get(family.one, family.conferenceId)).toMatchObject({ open: true });
    world.clock.set('2026-10-25T23:59:00Z'); // 23:59 GMT on Sunday 25 October
    expect(await s.get(family.one, family.conferenceId)).toMatchObject({ open: true });
    world.clock.set('2026-10-26T00:00:00Z'); // 00:00 GMT on Monday 26 October
    expect(await s.get(family.one, family.conferenceId)).toMatchObject({ open: false });
  });

  it('Kingston sets no notice for a supporter: one can be named the day before the conference', async () => {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z', authority: 'kingston' });
    const family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
    world.clock.set('2026-11-19T15:00:00Z');
    expect(await world.services.supporter.get(family.one, family.conferenceId)).toMatchObject({ open: true });
    expect(await world.services.supporter.save(family.one, family.conferenceId, supporter)).toMatchObject({
      ok: true,
      action: 'create',
    });
    world.clock.set('2026-11-20T10:00:00Z');
    expect(await world.services.supporter.withdraw(family.one, family.conferenceId)).toEqual({
      ok: false,
      reason: 'closed',
    });
  });

  it('Redbridge sets no time limit for complaints: a complaint can be made 40 days after the conference', async () => {
    world = await openParentArea(await open(), { now: '2026-11-01T09:00:00Z', authority: 'redbridge' });
    const family = await makeFamily(world.services, '2026-11-02T10:00:00Z');
    world.clock.set('2026-12-12T12:00:00Z'); // day 40
    const c = world.services.complaints;
    expect(await c.get(family.one, family.conferenceId)).toMatchObject({ window: { state: 'open', lastDay: null } });
    expect(
      await c.create(family.one, family.conferenceId, { about: 'decision', details: 'I do not agree.' }),
    ).toMatchObject({ ok: true });
  });

  it('Kingston: opens the complaint window when the conference starts: open on day 28, closed on day 29', async () => {
    // Monday 2 November 2026 at 10:00 GMT; 28 days after is Monday 30 November.
    world = await openParentArea(await open(), { now: '2026-11-01T09:00:00Z' });
    const family = await makeFamily(world.services, '2026-11-02T10:00:00Z');
    const c = world.services.complaints;
    const complaint = { about: 'decision', details: 'I do not agree with the decision.' } as const;

    world.clock.set('2026-11-02T09:59:00Z');
    expect(await c.get(family.one, family.conferenceId)).toMatchObject({ window: { state: 'before' } });
    expect(await c.create(family.one, family.conferenceId, complaint)).toEqual({ ok: false, reason: 'closed' });

    world.clock.set('2026-11-30T23:59:00Z'); // day 28
    expect(await c.get(family.one, family.conferenceId)).toMatchObject({
      window: { state: 'open', lastDay: '2026-11-30' },
    });
    expect(await c.create(family.one, family.conferenceId, complaint)).toMatchObject({ ok: true });

    world.clock.set('2026-12-01T00:00:00Z'); // day 29
    expect(await c.get(family.one, family.conferenceId)).toMatchObject({
      window: { state: 'closed', lastDay: '2026-11-30' },
    });
    expect(await c.create(family.one, family.conferenceId, complaint)).toEqual({ ok: false, reason: 'closed' });
  });

  it('takes interpreter requests and attendance until the conference starts, not for a cancelled one', async () => {
    world = await openParentArea(await open(), { now: '2026-11-02T09:00:00Z' });
    const family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
    const request: InterpreterInput = {
      language: 'Polish',
      dialect: null,
      forWhom: 'me',
      forWhomOther: null,
      preferredGender: 'any',
      when: ['conference'],
    };
    world.clock.set('2026-11-20T09:59:00Z');
    expect(await world.services.interpreter.save(family.one, family.conferenceId, request)).toMatchObject({ ok: true });
    expect(await world.services.attendance.save(family.one, family.conferenceId, { views: 'x' })).toEqual({ ok: true });
    world.clock.set('2026-11-20T10:00:00Z');
    expect(await world.services.interpreter.save(family.one, family.conferenceId, request)).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(await world.services.attendance.save(family.one, family.conferenceId, { views: 'y' })).toEqual({
      ok: false,
      reason: 'closed',
    });

    const cancelled = await makeFamily(world.services, '2026-12-20T10:00:00Z');
    await world.services.db.db
      .updateTable('conferences')
      .set({ status: 'cancelled' })
      .where('id', '=', cancelled.conferenceId)
      .execute();
    expect(await world.services.interpreter.save(cancelled.one, cancelled.conferenceId, request)).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(await world.services.supporter.save(cancelled.one, cancelled.conferenceId, supporter)).toEqual({
      ok: false,
      reason: 'closed',
    });
    world.clock.set('2026-12-21T10:00:00Z');
    expect(await world.services.complaints.get(cancelled.one, cancelled.conferenceId)).toMatchObject({
      window: { state: 'before' },
    });
  });
});
