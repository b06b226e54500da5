import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Authority } from '~/config/authority-schema';
import { assertCan } from '~/server/auth/staff-roles';
import type { ConferenceOutcome, ConferenceType, Database, PlanCategory } from '~/server/db/schema';
import { casesRepository } from '~/server/db/repositories/cases';
import { conferencesRepository } from '~/server/db/repositories/conferences';
import { conferenceTimeline, nextReviewDueBy } from '~/server/domain/deadlines';
import { isCalendarDate, londonDate, type CalendarDate } from '~/server/domain/working-days';
import type { AuditService } from './audit';
import { inTransaction, lockParent } from './transactions';
import type { CasesService } from './cases';
import type { Clock } from './clock';
import type { StaffActor } from './staff-reports';
import { ageOn, childInvited } from './staff-cases';
import { done, invalid, missing, type Invalid, type Missing, type Result } from '~/server/result';

/**
 * What the "schedule a conference" form starts with: a review when the case
 * has had an initial conference (not cancelled), following it on its day in
 * England (a conference at 00:30 in summer is on the day it is in London, not
 * the UTC day before); otherwise an initial conference.
 */
export function newConferenceDefaults(
  conferences: readonly { type: ConferenceType; status: string; starts_at: string }[],
): {
  type: ConferenceType;
  initialConferenceDate: CalendarDate | null;
} {
  const lastInitial = conferences.find((c) => c.type === 'initial' && c.status !== 'cancelled');
  return lastInitial
    ? { type: 'review', initialConferenceDate: londonDate(new Date(lastInitial.starts_at)) }
    : { type: 'initial', initialConferenceDate: null };
}

export interface ConferenceDetails {
  type: ConferenceType;
  startsAt: Date;
  durationMinutes: number;
  venue: string | null;
  onlineLink: string | null;
  chairName: string;
  childIds: string[];
  /** For a review: the date of the initial conference. */
  initialConferenceDate: string | null;
}

/**
 * Conferences in the staff area: scheduling, moving and cancelling them
 * (parents are told by the reminder schedule, without any detail), the chair's decisions
 * (exclusions and the outcome), and the deadlines that follow — from the
 * same domain rules the parent area and the public timeline use.
 */
export function staffConferencesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  authority: Authority;
  cases: CasesService;
}) {
  const { db, clock, audit, authority, cases } = deps;
  const now = () => clock.now().toISOString();

  const conferences = (on: Kysely<Database>) => conferencesRepository(on);

  async function get(conferenceId: string, on: Kysely<Database> = db) {
    return conferences(on).find(conferenceId);
  }

  /** Day by which the next review is due after this conference (the council's rule, from server/domain/deadlines). */
  function proposeNextReview(conference: { type: ConferenceType; starts_at: string }): CalendarDate | null {
    return nextReviewDueBy(authority.rules, conference.type, londonDate(new Date(conference.starts_at)));
  }

  /** Refuses what a form should have refused already: no place at all, a bad time or length, no chair. */
  function check(details: ConferenceDetails): Invalid | null {
    if (Number.isNaN(details.startsAt.getTime())) return invalid('date');
    if (!Number.isInteger(details.durationMinutes) || details.durationMinutes <= 0) return invalid('durationMinutes');
    if (!details.venue?.trim() && !details.onlineLink?.trim()) return invalid('venue');
    if (!details.chairName.trim()) return invalid('chairName');
    if (
      details.type === 'review' &&
      details.initialConferenceDate !== null &&
      !isCalendarDate(details.initialConferenceDate)
    )
      return invalid('initialConferenceDate');
    return null;
  }

  /**
   * Records that the conference was moved or cancelled: its sequence goes up
   * by one, so the reminder schedule tells each invited parent once (by the
   * channel they chose, with no detail: "sign in to see it") and the
   * calendar file updates. Returns how many invited parents will be told.
   */
  async function tellParents(on: Kysely<Database>, conferenceId: string, caseId: string): Promise<number> {
    await conferences(on).markChanged(conferenceId, now());
    return casesRepository(on).parents.invitedCount(caseId);
  }

  return {
    get,

    /** The conference with its case reference, children, parents, exclusions and deadlines; null when there is none. */
    async details(conferenceId: string) {
      const conference = await get(conferenceId);
      if (!conference) return null;
      const [found, children, parents, exclusions] = await Promise.all([
        casesRepository(db).find(conference.case_id),
        conferences(db).childrenIn(conferenceId),
        casesRepository(db).parents.contactsInCase(conference.case_id),
        conferences(db).exclusionsIn(conferenceId),
      ]);
      // A conference without its case has nothing to show either: the page answers 404.
      if (!found) return null;
      const caseRow = { id: found.id, reference: found.reference };
      const date = londonDate(new Date(conference.starts_at));
      // Ages on the day of this conference, under the council's rule for inviting children.
      const childrenInvited = children.map((c) => ({
        ...c,
        age: ageOn(c.date_of_birth, date),
        invited: childInvited(authority, c.date_of_birth, date),
      }));
      const timeline = conferenceTimeline({
        authority,
        type: conference.type,
        conferenceDate: date,
        ...(conference.initial_conference_date && conference.initial_conference_date < date
          ? { initialConferenceDate: conference.initial_conference_date as CalendarDate }
          : {}),
        today: londonDate(clock.now()),
      });
      return {
        conference,
        caseRow,
        children: childrenInvited,
        parents,
        exclusions,
        timeline,
        proposedNextReview: proposeNextReview(conference),
      };
    },

    /** The date the next review should be held by, after this conference; null when there is none. */
    async proposedNextReview(conferenceId: string): Promise<CalendarDate | null> {
      const conference = await get(conferenceId);
      return conference ? proposeNextReview(conference) : null;
    },

    /** Schedules a conference; the reminder schedule tells invited parents. */
    async schedule(
      caseId: string,
      details: ConferenceDetails,
      actor: StaffActor,
    ): Promise<Result<{ id: string }> | Invalid | Missing> {
      assertCan(actor.role, 'manageConferences');
      const wrong = check(details);
      if (wrong) return wrong;
      if (!(await casesRepository(db).find(caseId))) return missing();
      return inTransaction(db, async (trx) => {
        const id = await cases.scheduleConference({ caseId, ...details, childIds: [] }, actor, trx);
        await conferences(trx).setChildren(id, caseId, details.childIds);
        // Booked: the reminder schedule tells invited parents ("meeting-booked").
        return done({ id });
      });
    },

    /** Moves a conference or changes its details; invited parents are told (by the reminder schedule) when the time or place changed. */
    async update(
      conferenceId: string,
      details: ConferenceDetails,
      actor: StaffActor,
    ): Promise<Result | Invalid | Missing> {
      assertCan(actor.role, 'manageConferences');
      const wrong = check(details);
      if (wrong) return wrong;
      const startsAt = details.startsAt.toISOString();
      return inTransaction(db, async (trx) => {
        await conferences(trx).lock(conferenceId);
        const before = await get(conferenceId, trx);
        if (!before) return missing();
        await conferences(trx).update(conferenceId, {
          type: details.type,
          starts_at: startsAt,
          duration_minutes: details.durationMinutes,
          venue: details.venue,
          online_link: details.onlineLink,
          chair_name: details.chairName,
          initial_conference_date: details.initialConferenceDate,
          updated_at: now(),
        });
        await conferences(trx).setChildren(conferenceId, before.case_id, details.childIds);
        const moved =
          before.starts_at !== startsAt || before.venue !== details.venue || before.online_link !== details.onlineLink;
        const told = moved && before.status === 'scheduled' ? await tellParents(trx, conferenceId, before.case_id) : 0;
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: moved ? 'conference.reschedule' : 'conference.update',
            caseId: before.case_id,
            subjectType: 'conference',
            subjectId: conferenceId,
            detail: { from: before.starts_at, to: startsAt, parentsEmailed: told },
          },
          trx,
        );
        return done();
      });
    },

    /** Cancels a conference; the reminder schedule tells invited parents. */
    async cancel(conferenceId: string, actor: StaffActor): Promise<void> {
      assertCan(actor.role, 'manageConferences');
      await inTransaction(db, async (trx) => {
        const before = await get(conferenceId, trx);
        if (!before) return;
        // Once only, however many times it is asked for at once: the update says whether this one cancelled it.
        if (!(await conferences(trx).cancel(conferenceId, now()))) return;
        const told = await tellParents(trx, conferenceId, before.case_id);
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'conference.cancel',
            caseId: before.case_id,
            subjectType: 'conference',
            subjectId: conferenceId,
            detail: { parentsEmailed: told },
          },
          trx,
        );
      });
    },

    /** The chair's decision that a parent may not attend all or part of the conference, with the reason (replaces an earlier one). */
    async exclude(
      conferenceId: string,
      input: { parentId: string; scope: 'all' | 'part'; reason: string; partDescription: string | null },
      actor: StaffActor,
    ): Promise<Result | Invalid | Missing> {
      assertCan(actor.role, 'recordDecisions');
      return inTransaction(db, async (trx) => {
        // One decision about a parent at a time (several clicks, several chairs).
        await lockParent(trx, input.parentId);
        const conference = await get(conferenceId, trx);
        if (!conference) return missing();
        if (!(await casesRepository(trx).parents.findInCase(conference.case_id, input.parentId))) return missing();
        if (!input.reason.trim()) return invalid('reason');
        if (input.scope === 'part' && !input.partDescription?.trim()) return invalid('partDescription');
        await conferences(trx).replaceExclusion({
          id: randomUUID(),
          conference_id: conferenceId,
          parent_id: input.parentId,
          scope: input.scope,
          reason: input.reason,
          part_description: input.scope === 'part' ? input.partDescription : null,
          decided_by: actor.id,
          created_at: now(),
        });
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'exclusion.record',
            caseId: conference.case_id,
            subjectType: 'parent',
            subjectId: input.parentId,
            detail: { conferenceId, scope: input.scope },
          },
          trx,
        );
        return done();
      });
    },

    /** Lifts an exclusion. */
    async removeExclusion(conferenceId: string, parentId: string, actor: StaffActor): Promise<void> {
      assertCan(actor.role, 'recordDecisions');
      await inTransaction(db, async (trx) => {
        await lockParent(trx, parentId);
        const conference = await get(conferenceId, trx);
        if (!conference) return;
        // Lifted once, however many times it is asked for at once.
        if (!(await conferences(trx).removeExclusion(conferenceId, parentId))) return;
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'exclusion.remove',
            caseId: conference.case_id,
            subjectType: 'parent',
            subjectId: parentId,
            detail: { conferenceId },
          },
          trx,
        );
      });
    },

    /** Records the outcome (a plan and its category, a child in need plan, or no plan); the conference is then held. */
    async recordOutcome(
      conferenceId: string,
      outcome: { outcome: ConferenceOutcome; category: PlanCategory | null },
      actor: StaffActor,
    ): Promise<Result | Invalid | Missing> {
      assertCan(actor.role, 'recordDecisions');
      if (outcome.outcome === 'cp-plan' && !outcome.category) return invalid('category');
      return inTransaction(db, async (trx) => {
        await conferences(trx).lock(conferenceId);
        const conference = await get(conferenceId, trx);
        if (!conference) return missing();
        await conferences(trx).update(conferenceId, {
          status: 'held',
          outcome: outcome.outcome,
          outcome_category: outcome.outcome === 'cp-plan' ? outcome.category : null,
          updated_at: now(),
        });
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'conference.outcome',
            caseId: conference.case_id,
            subjectType: 'conference',
            subjectId: conferenceId,
            detail: { outcome: outcome.outcome, category: outcome.outcome === 'cp-plan' ? outcome.category : null },
          },
          trx,
        );
        return done();
      });
    },
  };
}
export type StaffConferencesService = ReturnType<typeof staffConferencesService>;
