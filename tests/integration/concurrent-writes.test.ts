import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttendanceInput } from '~/server/forms/attendance';
import type { InterpreterInput } from '~/server/forms/interpreter';
import { DATABASES } from '../support/db';
import { auditEntries, makeFamily, openParentArea, type Family, type ParentAreaWorld } from '../support/parent-area';

/** How many identical submissions arrive at once (a double click times a flaky connection, and then some). */
const AT_ONCE = 24;
const times = <T>(n: number, make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => make(i)));

const SUPPORTER = {
  name: 'Jo Bloggs',
  relationship: 'my sister',
  isSolicitor: 'no',
  phone: '07946 000982',
  email: null,
} as const;
const INTERPRETER: InterpreterInput = {
  language: 'Polish',
  dialect: null,
  forWhom: 'me',
  forWhomOther: null,
  preferredGender: 'any',
  when: ['conference'],
};
const ATTENDANCE: AttendanceInput = {
  mode: 'in-person',
  needs: ['breaks'],
  needsDetail: null,
  views: 'I want to be there.',
};

// The same form sent many times at once — on PostgreSQL as on SQLite — is
// saved once: one row, one audit entry, one confirmation email, and every
// sender gets an answer, never an error. The change, its audit entry and its
// emails are stored together.
describe.each(DATABASES)('forms sent many times at once on $name', ({ open }) => {
  let world: ParentAreaWorld;
  let family: Family;
  beforeEach(async () => {
    world = await open().then((db) =>
      openParentArea(db, { now: '2026-11-02T09:00:00Z', env: { TEAM_EMAIL: 'team@council.example' } }),
    );
    family = await makeFamily(world.services, '2026-11-20T10:00:00Z');
  });
  afterEach(() => world.close());

  const db = () => world.services.db.db;
  const count = async (
    table: 'supporter_nominations' | 'interpreter_requests' | 'attendance' | 'complaints',
    current = false,
  ) => {
    let query = db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'));
    if (current && table !== 'attendance' && table !== 'complaints') query = query.where('withdrawn_at', 'is', null);
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  const emails = async (template: string) =>
    Number(
      (
        await db()
          .selectFrom('email_outbox')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('template', '=', template)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a supporter named 24 times at once with one submission key: one row, one audit entry, one email each', async () => {
    const key = randomUUID();
    const answers = await times(AT_ONCE, () =>
      world.services.supporter.save(family.one, family.conferenceId, SUPPORTER, key),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(new Set(answers.map((a) => (a.ok ? a.id : '')))).toHaveProperty('size', 1);
    expect(await count('supporter_nominations')).toBe(1);
    expect(await auditEntries(world.services, 'supporter.create')).toHaveLength(1);
    expect(await auditEntries(world.services, 'supporter.update')).toHaveLength(0);
    expect(await emails('received')).toBe(1);
    expect(await emails('team-inbox')).toBe(1);
  });

  it('a supporter named 24 times at once from 24 forms: still one current supporter, each save stored with its email', async () => {
    const answers = await times(AT_ONCE, (i) =>
      world.services.supporter.save(family.one, family.conferenceId, { ...SUPPORTER, relationship: `friend ${i}` }),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(await count('supporter_nominations', true)).toBe(1);
    expect(await count('supporter_nominations')).toBe(1);
    const audited = [
      ...(await auditEntries(world.services, 'supporter.create')),
      ...(await auditEntries(world.services, 'supporter.update')),
    ];
    expect(audited).toHaveLength(AT_ONCE);
    expect(await emails('received')).toBe(AT_ONCE);
    // Withdrawn once, by any number of clicks: nothing current is left behind.
    const withdrawals = await times(AT_ONCE, () => world.services.supporter.withdraw(family.one, family.conferenceId));
    expect(withdrawals.every((w) => w.ok)).toBe(true);
    expect(await count('supporter_nominations', true)).toBe(0);
    expect(await auditEntries(world.services, 'supporter.withdraw')).toHaveLength(1);
  });

  it('an interpreter asked for 24 times at once: one request, one email', async () => {
    const key = randomUUID();
    const answers = await times(AT_ONCE, (i) =>
      world.services.interpreter.save(family.one, family.conferenceId, INTERPRETER, i % 2 ? key : undefined),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(await count('interpreter_requests')).toBe(1);
    expect(await count('interpreter_requests', true)).toBe(1);
  });

  it('a first attendance answer sent 24 times at once: one row, no error (the unique index never reaches the parent)', async () => {
    const key = randomUUID();
    const answers = await times(AT_ONCE, () =>
      world.services.attendance.save(family.one, family.conferenceId, ATTENDANCE, key),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(await count('attendance')).toBe(1);
    expect(await auditEntries(world.services, 'attendance.save')).toHaveLength(1);
    expect(await emails('received')).toBe(1);
    // And from 24 different forms: still one row for the parent.
    const more = await times(AT_ONCE, () =>
      world.services.attendance.save(family.one, family.conferenceId, ATTENDANCE),
    );
    expect(more.every((a) => a.ok)).toBe(true);
    expect(await count('attendance')).toBe(1);
  });

  it('a complaint sent 24 times at once is one complaint with one reference; two parents at once get two references', async () => {
    world.clock.set('2026-11-25T09:00:00Z');
    const input = { about: 'process', details: 'Nobody told me the time had changed.' } as const;
    const answers = await times(AT_ONCE, () =>
      world.services.complaints.create(family.one, family.conferenceId, input),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(new Set(answers.map((a) => (a.ok ? a.complaint.reference : '')))).toHaveProperty('size', 1);
    expect(await count('complaints')).toBe(1);
    expect(await auditEntries(world.services, 'complaint.create')).toHaveLength(1);
    expect(await emails('received')).toBe(1);

    const both = await times(AT_ONCE, (i) =>
      world.services.complaints.create(i % 2 ? family.one : family.two, family.conferenceId, {
        about: 'decision',
        details: `A different complaint (${i % 2})`,
      }),
    );
    expect(both.every((a) => a.ok)).toBe(true);
    const references = await db().selectFrom('complaints').select('reference').orderBy('reference').execute();
    expect(references.map((r) => r.reference)).toEqual(['CPC-2026-000001', 'CPC-2026-000002', 'CPC-2026-000003']);
  });

  it('stopping reminders tapped 24 times at once (a double tap, a mail scanner): stopped once, one entry in the trail', async () => {
    await times(AT_ONCE, () => world.services.reminderChoices.stop(family.parentIds[0]));
    expect(await auditEntries(world.services, 'reminders.stop')).toHaveLength(1);
    expect(await world.services.reminderChoices.parentOfToken('not-a-token')).toBeNull();
  });

  it('refuses, in the database itself, a second current supporter or interpreter request for one parent', async () => {
    await world.services.supporter.save(family.one, family.conferenceId, SUPPORTER);
    const row = await db().selectFrom('supporter_nominations').selectAll().executeTakeFirstOrThrow();
    await expect(
      db()
        .insertInto('supporter_nominations')
        .values({ ...row, id: randomUUID() })
        .execute(),
    ).rejects.toThrow(/unique/i);
    // A withdrawn one may stay beside the current one.
    await db()
      .insertInto('supporter_nominations')
      .values({ ...row, id: randomUUID(), withdrawn_at: '2026-11-01T09:00:00.000Z' })
      .execute();
  });
});
