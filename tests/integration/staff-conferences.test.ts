import { afterEach, describe, expect, it } from 'vitest';
import { getAuthority } from '~/config/authorities';
import type { Authority } from '~/config/authority-schema';
import { ForbiddenError } from '~/server/auth/staff-roles';
import { londonInstant, type CalendarDate } from '~/server/domain/working-days';
import type { Services } from '~/server/services';
import type { ConferenceDetails } from '~/server/services/staff-conferences';
import type { StaffActor } from '~/server/services/staff-reports';
import { DATABASES } from '../support/db';
import { makeFamily, type Family } from '../support/parent-area';
import { manualClock, openServicesWorld, type ServicesWorld } from '../support/services';

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };
const CHAIR: StaffActor = { type: 'staff', id: 'staff-chair', role: 'chair' };
const ADMIN: StaffActor = { type: 'staff', id: 'staff-admin', role: 'admin' };
const READER: StaffActor = { type: 'staff', id: 'staff-reader', role: 'readonly' };
const REFERENCE = 'CP-2026-0042';
/** Words that must never be in an email: the family, the case, the meeting. */
const PRIVATE = /Sam|Taylor|Alex|Morgan|Jamie|Riley|CP-2026|Priya|Guildhall|child protection|conference/i;

/** A message without its links (a signed stop token can spell anything). */
const withoutLinks = (text: string) => text.replace(/https?:\/\/[^\s"<]+/g, '');

const londonTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

/** A council's profile with different review intervals, to show the rule is read from the profile. */
function withReviews(id: string, first: number, later: number): Authority {
  const a = getAuthority(id);
  return {
    ...a,
    rules: {
      ...a.rules,
      firstReviewWithinMonths: { source: 'council', value: first, note: 'set for this test' },
      laterReviewsEveryMonths: { source: 'council', value: later, note: 'set for this test' },
    },
  };
}

// Conferences in the staff area over both databases: times entered in London
// time, moving and cancelling (parents told without detail), the chair's
// decisions, and the next review from the council's rule.
describe.each(DATABASES)('the staff conference service on $name', ({ open }) => {
  let world: ServicesWorld;
  let services: Services;
  let mailer: ServicesWorld['mailer'];
  let family: Family;
  afterEach(() => world.close());

  async function setUp(
    authority: string | Authority = 'kingston',
    options: { startsAt?: string; type?: 'initial' | 'review'; initialConferenceDate?: string } = {},
  ) {
    world = await openServicesWorld(open, {
      clock: manualClock('2026-11-02T09:00:00Z'),
      authority: typeof authority === 'string' ? getAuthority(authority) : authority,
    });
    ({ services, mailer } = world);
    family = await makeFamily(services, options.startsAt ?? '2026-11-12T10:00:00Z', {
      reference: REFERENCE,
      ...options,
    });
  }
  const conferences = () => services.staffConferences;
  /** Schedules a conference that must be taken: its id. */
  const scheduled = async (...args: Parameters<ReturnType<typeof conferences>['schedule']>) => {
    const answer = await conferences().schedule(...args);
    if (!answer.ok) throw new Error(`refused: ${answer.reason}`);
    return answer.id;
  };
  const inviteBoth = async () => {
    for (const id of family.parentIds)
      await services.db.db
        .updateTable('parents')
        .set({ invited_at: '2026-11-01T09:00:00.000Z' })
        .where('id', '=', id)
        .execute();
  };
  const childIds = async () =>
    (
      await services.db.db
        .selectFrom('children')
        .select('id')
        .where('case_id', '=', family.caseId)
        .orderBy('date_of_birth')
        .execute()
    ).map((c) => c.id);
  const details = async (id: string, change: Partial<ConferenceDetails> = {}): Promise<ConferenceDetails> => {
    const c = (await conferences().get(id))!;
    return {
      type: c.type,
      startsAt: new Date(c.starts_at),
      durationMinutes: c.duration_minutes,
      venue: c.venue,
      onlineLink: c.online_link,
      chairName: c.chair_name,
      childIds: await childIds(),
      initialConferenceDate: c.initial_conference_date,
      ...change,
    };
  };
  /** What was sent since: the reminder schedule queues the news of a change, the outbox sends it. */
  const sentSince = async (before: number) => {
    await services.reminders.run();
    await services.mail.processOutbox();
    return mailer.sent.slice(before);
  };

  it('stores a London time in UTC and gives the same London time back on either side of the clock change', async () => {
    await setUp();
    // Thursday 25 March 2027 is GMT; Thursday 1 April 2027 is British Summer Time.
    const id = await scheduled(
      family.caseId,
      {
        type: 'initial',
        startsAt: londonInstant('2027-03-25' as CalendarDate, '10:00'),
        durationMinutes: 90,
        venue: null,
        onlineLink: 'https://meet.example.test/abc',
        chairName: 'Priya Shah',
        childIds: await childIds(),
        initialConferenceDate: null,
      },
      OFFICER,
    );
    expect((await conferences().get(id))?.starts_at).toBe('2027-03-25T10:00:00.000Z');
    expect(londonTime((await conferences().get(id))!.starts_at)).toBe('25/03/2027, 10:00');
    await conferences().update(
      id,
      await details(id, { startsAt: londonInstant('2027-04-01' as CalendarDate, '10:00') }),
      OFFICER,
    );
    const moved = (await conferences().get(id))!;
    expect(moved.starts_at).toBe('2027-04-01T09:00:00.000Z');
    expect(londonTime(moved.starts_at)).toBe('01/04/2027, 10:00');
    // And back again in the autumn: Sunday 31 October 2027 is the change back to GMT.
    await conferences().update(
      id,
      await details(id, { startsAt: londonInstant('2027-10-29' as CalendarDate, '09:30') }),
      OFFICER,
    );
    expect((await conferences().get(id))?.starts_at).toBe('2027-10-29T08:30:00.000Z');
    await conferences().update(
      id,
      await details(id, { startsAt: londonInstant('2027-11-01' as CalendarDate, '09:30') }),
      OFFICER,
    );
    expect((await conferences().get(id))?.starts_at).toBe('2027-11-01T09:30:00.000Z');
    const trail = await services.db.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('subject_id', '=', id)
      .orderBy('id')
      .execute();
    expect(trail.map((t) => t.action)).toEqual([
      'conference.schedule',
      'conference.reschedule',
      'conference.reschedule',
      'conference.reschedule',
    ]);
  });

  it('refuses a conference with neither a place nor a link, and takes only the case’s own children', async () => {
    await setUp();
    const base = {
      type: 'initial' as const,
      startsAt: new Date('2026-12-03T10:00:00Z'),
      durationMinutes: 120,
      chairName: 'Priya Shah',
      initialConferenceDate: null,
    };
    await expect(
      conferences().schedule(family.caseId, { ...base, venue: ' ', onlineLink: null, childIds: [] }, OFFICER),
    ).resolves.toEqual({ ok: false, reason: 'invalid', field: 'venue' });
    await expect(
      conferences().schedule('no-such-case', { ...base, venue: 'Room 1', onlineLink: null, childIds: [] }, OFFICER),
    ).resolves.toEqual({ ok: false, reason: 'missing' });
    const other = await makeFamily(services, '2026-12-01T10:00:00Z', { reference: 'OTHER-1' });
    const theirChild = await services.db.db
      .selectFrom('children')
      .select('id')
      .where('case_id', '=', other.caseId)
      .executeTakeFirstOrThrow();
    const [mine] = await childIds();
    const id = await scheduled(
      family.caseId,
      { ...base, venue: 'Room 1', onlineLink: null, childIds: [mine!, theirChild.id] },
      OFFICER,
    );
    expect((await conferences().details(id))?.children.map((c) => c.id)).toEqual([mine]);
  });

  it('emails both invited parents when a conference moves, each in their language, with nothing personal', async () => {
    await setUp();
    await inviteBoth();
    await services.db.db
      .updateTable('parents')
      .set({ preferred_language: 'pl' })
      .where('id', '=', family.parentIds[1])
      .execute();
    const before = mailer.sent.length;
    await conferences().update(
      family.conferenceId,
      await details(family.conferenceId, { startsAt: new Date('2026-11-13T10:00:00Z') }),
      OFFICER,
    );
    const sent = await sentSince(before);
    expect(sent.map((m) => m.to).sort()).toEqual(['one@example.test', 'two@example.test']);
    expect(sent.find((m) => m.to === 'one@example.test')?.subject).toBe('Your meeting date has changed');
    expect(sent.find((m) => m.to === 'two@example.test')?.subject).toBe('Termin Twojego spotkania się zmienił');
    for (const m of sent) expect(withoutLinks(`${m.subject} ${m.text} ${m.html}`)).not.toMatch(PRIVATE);
    const queued = await services.db.db.selectFrom('email_outbox').select(['template', 'payload']).execute();
    expect(queued.map((q) => [q.template, Object.keys(JSON.parse(q.payload) as object).sort()])).toEqual([
      ['meeting-changed', ['expiresAt', 'stop']],
      ['meeting-changed', ['expiresAt', 'stop']],
    ]);
    // A change that moves nothing (the chair's name) tells nobody.
    const again = mailer.sent.length;
    await conferences().update(
      family.conferenceId,
      await details(family.conferenceId, { chairName: 'Dana Okafor' }),
      OFFICER,
    );
    expect(await sentSince(again)).toEqual([]);
    const trail = await services.db.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject_id', '=', family.conferenceId)
      .orderBy('id')
      .execute();
    expect(trail.map((t) => t.action)).toEqual(['conference.schedule', 'conference.reschedule', 'conference.update']);
    expect(JSON.stringify(trail)).not.toMatch(/Sam|Taylor|Alex|Morgan|Jamie|Riley|CP-2026|Priya|Dana|Guildhall/i);
  });

  it('cancels a conference and tells the parents the same neutral way', async () => {
    await setUp();
    await inviteBoth();
    const before = mailer.sent.length;
    await conferences().cancel(family.conferenceId, OFFICER);
    expect((await conferences().get(family.conferenceId))?.status).toBe('cancelled');
    const sent = await sentSince(before);
    expect(sent.map((m) => m.subject)).toEqual(['A meeting has been cancelled', 'A meeting has been cancelled']);
    for (const m of sent) expect(withoutLinks(`${m.subject} ${m.text} ${m.html}`)).not.toMatch(PRIVATE);
    // Cancelling twice does not email twice.
    await conferences().cancel(family.conferenceId, OFFICER);
    expect(await sentSince(mailer.sent.length)).toEqual([]);
    expect((await services.staffCases.list()).rows.find((c) => c.id === family.caseId)?.next_conference).toBeNull();
  });

  it('takes a cancel, an exclusion or its lifting sent 20 times at once as one: one row, one audit entry, parents emailed once, no error', async () => {
    await setUp();
    await inviteBoth();
    const [, alex] = family.parentIds;
    const times = <T>(make: () => Promise<T>) => Promise.all(Array.from({ length: 20 }, make));
    const exclusion = { parentId: alex, scope: 'all' as const, reason: 'Risk to Sam', partDescription: null };
    await times(() => conferences().exclude(family.conferenceId, exclusion, CHAIR));
    expect((await conferences().details(family.conferenceId))!.exclusions).toHaveLength(1);
    await times(() => conferences().removeExclusion(family.conferenceId, alex, CHAIR));
    expect((await conferences().details(family.conferenceId))!.exclusions).toHaveLength(0);
    const before = mailer.sent.length;
    await times(() => conferences().cancel(family.conferenceId, OFFICER));
    expect(await sentSince(before)).toHaveLength(2);
    const trail = await services.db.db
      .selectFrom('audit_log')
      .select('action')
      .where((eb) => eb.or([eb('action', 'like', 'exclusion.%'), eb('action', '=', 'conference.cancel')]))
      .execute();
    expect(trail.filter((t) => t.action === 'exclusion.remove')).toHaveLength(1);
    expect(trail.filter((t) => t.action === 'conference.cancel')).toHaveLength(1);
  });

  it('lets the chair record and lift an exclusion, and refuses an officer and a read-only member', async () => {
    await setUp();
    const alex = family.parentIds[1];
    const exclusion = {
      parentId: alex,
      scope: 'part' as const,
      reason: 'Risk of violence towards Sam',
      partDescription: 'The discussion of the police report',
    };
    await expect(conferences().exclude(family.conferenceId, exclusion, OFFICER)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(conferences().exclude(family.conferenceId, exclusion, READER)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      conferences().exclude(family.conferenceId, { ...exclusion, partDescription: ' ' }, CHAIR),
    ).resolves.toEqual({ ok: false, reason: 'invalid', field: 'partDescription' });
    const stranger = await makeFamily(services, '2026-12-01T10:00:00Z', { reference: 'OTHER-2' });
    await expect(
      conferences().exclude(family.conferenceId, { ...exclusion, parentId: stranger.parentIds[0] }, CHAIR),
    ).resolves.toEqual({ ok: false, reason: 'missing' });

    await conferences().exclude(family.conferenceId, exclusion, CHAIR);
    // Recording it again replaces it.
    await conferences().exclude(family.conferenceId, { ...exclusion, scope: 'all', partDescription: 'ignored' }, CHAIR);
    const recorded = (await conferences().details(family.conferenceId))!.exclusions;
    expect(recorded.map((e) => [e.parent_id, e.scope, e.part_description, e.decided_by])).toEqual([
      [alex, 'all', null, CHAIR.id],
    ]);

    await expect(conferences().removeExclusion(family.conferenceId, alex, OFFICER)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await conferences().removeExclusion(family.conferenceId, alex, ADMIN);
    expect((await conferences().details(family.conferenceId))!.exclusions).toEqual([]);
    const trail = await services.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'like', 'exclusion.%')
      .orderBy('id')
      .execute();
    expect(trail.map((t) => [t.action, t.actor_id, t.subject_id])).toEqual([
      ['exclusion.record', CHAIR.id, alex],
      ['exclusion.record', CHAIR.id, alex],
      ['exclusion.remove', ADMIN.id, alex],
    ]);
    expect(JSON.stringify(trail)).not.toMatch(/violence|police|Sam/);
  });

  it('records the outcome (a plan needs its category) and marks the conference held', async () => {
    await setUp();
    await expect(
      conferences().recordOutcome(family.conferenceId, { outcome: 'cp-plan', category: 'neglect' }, OFFICER),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      conferences().recordOutcome(family.conferenceId, { outcome: 'cp-plan', category: null }, CHAIR),
    ).resolves.toEqual({ ok: false, reason: 'invalid', field: 'category' });
    await conferences().recordOutcome(family.conferenceId, { outcome: 'cp-plan', category: 'emotional-abuse' }, CHAIR);
    expect(await conferences().get(family.conferenceId)).toMatchObject({
      status: 'held',
      outcome: 'cp-plan',
      outcome_category: 'emotional-abuse',
    });
    // A child in need plan has no category.
    await conferences().recordOutcome(family.conferenceId, { outcome: 'cin-plan', category: 'neglect' }, ADMIN);
    expect(await conferences().get(family.conferenceId)).toMatchObject({
      status: 'held',
      outcome: 'cin-plan',
      outcome_category: null,
    });
    await expect(conferences().recordOutcome('nope', { outcome: 'no-plan', category: null }, CHAIR)).resolves.toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it('refuses a read-only member every change to a conference', async () => {
    await setUp();
    const input = await details(family.conferenceId);
    const attempts = [
      () => conferences().schedule(family.caseId, input, READER),
      () => conferences().update(family.conferenceId, input, READER),
      () => conferences().cancel(family.conferenceId, READER),
      () => conferences().recordOutcome(family.conferenceId, { outcome: 'no-plan', category: null }, READER),
      () => conferences().removeExclusion(family.conferenceId, family.parentIds[0], READER),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);
    expect(await services.db.db.selectFrom('conferences').select('status').execute()).toEqual([
      { status: 'scheduled' },
    ]);
  });

  describe.each([
    // Kingston and Redbridge both review 3 months after the initial conference, then every 6.
    { name: 'Kingston', council: 'kingston', initial: '2027-02-12', review: '2027-05-12' },
    { name: 'Redbridge', council: 'redbridge', initial: '2027-02-12', review: '2027-05-12' },
    // A profile with other intervals proves the rule is read from the profile.
    {
      name: 'a council reviewing after 2 months, then every 4',
      council: withReviews('torbay', 2, 4),
      initial: '2027-01-12',
      review: '2027-03-12',
    },
  ] as { name: string; council: string | Authority; initial: string; review: string }[])(
    'the next review in $name',
    ({ council, initial, review }) => {
      it('is proposed from the council’s rule after an initial and after a review conference', async () => {
        await setUp(council);
        expect(await conferences().proposedNextReview(family.conferenceId)).toBe(initial);
        expect((await conferences().details(family.conferenceId))?.proposedNextReview).toBe(initial);
        const reviewId = await scheduled(
          family.caseId,
          {
            ...(await details(family.conferenceId)),
            type: 'review',
            startsAt: new Date('2026-11-12T10:00:00Z'),
            initialConferenceDate: '2026-08-20',
          },
          OFFICER,
        );
        expect(await conferences().proposedNextReview(reviewId)).toBe(review);
        expect(await conferences().proposedNextReview('nope')).toBeNull();
      });
    },
  );
});
