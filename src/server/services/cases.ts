import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ConferenceType, Database } from '~/server/db/schema';
import type { Actor } from '~/server/auth/invite';
import { casesRepository } from '~/server/db/repositories/cases';
import { conferencesRepository } from '~/server/db/repositories/conferences';
import type { AuditService } from './audit';
import type { Clock } from './clock';

export interface NewParent {
  caseId: string;
  name: string;
  email: string;
  preferredLanguage: string;
  sharesHousehold: boolean;
}

export interface NewConference {
  caseId: string;
  type: ConferenceType;
  startsAt: Date;
  durationMinutes?: number;
  venue?: string | null;
  onlineLink?: string | null;
  chairName: string;
  childIds: string[];
  /** For a review: the date of the initial conference ("YYYY-MM-DD"). */
  initialConferenceDate?: string | null;
}

/**
 * Putting a family's case in: the case, its children, its parents and its
 * conferences. Used by the staff area and the demo seed; each step is audited
 * (facts only: ids, never names).
 */
export function casesService(db: Kysely<Database>, clock: Clock, audit: AuditService) {
  const now = () => clock.now().toISOString();
  const cases = casesRepository(db);
  return {
    /** Opens a case under the council's own reference; returns its id. */
    async createCase(reference: string, actor: Actor): Promise<string> {
      const id = randomUUID();
      await cases.insert({ id, reference, created_at: now(), updated_at: now() });
      await audit.record({
        actorType: actor.type,
        actorId: actor.id,
        action: 'case.create',
        caseId: id,
        subjectType: 'case',
        subjectId: id,
      });
      return id;
    },

    /** The id of the case with this reference, if any. */
    async findCaseByReference(reference: string): Promise<string | null> {
      return cases.idByReference(reference);
    },

    /** Adds a child to a case; returns the child's id. */
    async addChild(input: { caseId: string; firstName: string; dateOfBirth: string }, actor: Actor): Promise<string> {
      const id = randomUUID();
      await cases.children.insert({
        id,
        case_id: input.caseId,
        first_name: input.firstName,
        date_of_birth: input.dateOfBirth,
      });
      await audit.record({
        actorType: actor.type,
        actorId: actor.id,
        action: 'child.create',
        caseId: input.caseId,
        subjectType: 'child',
        subjectId: id,
      });
      return id;
    },

    /** Adds a parent (not yet invited: see auth.inviteParent); returns the parent's id. */
    async addParent(input: NewParent, actor: Actor): Promise<string> {
      const id = randomUUID();
      await cases.parents.insert({
        id,
        case_id: input.caseId,
        user_id: null,
        name: input.name,
        email: input.email.trim(),
        preferred_language: input.preferredLanguage,
        shares_household: input.sharesHousehold ? 1 : 0,
        invited_at: null,
        created_at: now(),
        updated_at: now(),
      });
      await audit.record({
        actorType: actor.type,
        actorId: actor.id,
        action: 'parent.create',
        caseId: input.caseId,
        subjectType: 'parent',
        subjectId: id,
      });
      return id;
    },

    /**
     * Schedules a conference about some of the case's children; returns its id.
     * The conference, its children and its audit entry are one transaction
     * (the caller's, `on`, when it has one).
     */
    async scheduleConference(input: NewConference, actor: Actor, on?: Kysely<Database>): Promise<string> {
      const id = randomUUID();
      const work = async (trx: Kysely<Database>) => {
        const conferences = conferencesRepository(trx);
        await conferences.insert({
          id,
          case_id: input.caseId,
          type: input.type,
          starts_at: input.startsAt.toISOString(),
          duration_minutes: input.durationMinutes ?? 120,
          venue: input.venue ?? null,
          online_link: input.onlineLink ?? null,
          chair_name: input.chairName,
          status: 'scheduled',
          outcome: null,
          outcome_category: null,
          initial_conference_date: input.initialConferenceDate ?? null,
          created_at: now(),
          updated_at: now(),
        });
        await conferences.setChildren(id, input.caseId, input.childIds);
        await audit.record(
          {
            actorType: actor.type,
            actorId: actor.id,
            action: 'conference.schedule',
            caseId: input.caseId,
            subjectType: 'conference',
            subjectId: id,
            detail: { type: input.type, startsAt: input.startsAt.toISOString() },
          },
          trx,
        );
      };
      if (on) await work(on);
      else await db.transaction().execute(work);
      return id;
    },
  };
}
export type CasesService = ReturnType<typeof casesService>;
