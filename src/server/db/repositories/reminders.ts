import type { Kysely, Selectable } from 'kysely';
import type { ConferencesTable, Database, ParentsTable } from '~/server/db/schema';

/** A conference as the reminder schedule reads it. */
export type ReminderConferenceRow = Pick<
  Selectable<ConferencesTable>,
  'id' | 'case_id' | 'type' | 'starts_at' | 'status' | 'sequence' | 'changed_at' | 'created_at'
>;

/** Which conferences: only one, or only one parent's. */
export interface ReminderScope {
  conferenceId?: string;
  parentId?: string;
}

/** What a batch of conferences' parents have, for the schedule (a parent and conference per row). */
export interface ReminderFacts {
  parents: Selectable<ParentsTable>[];
  /** Parents excluded from the whole conference. */
  exclusions: { conference_id: string; parent_id: string }[];
  /** Parents with a current (not withdrawn) supporter. */
  supporters: { conference_id: string; parent_id: string }[];
  /** Reports (not withdrawn) shared with each parent, with when they were uploaded. */
  shares: { conference_id: string; parent_id: string; uploaded_at: string }[];
  complaints: { conference_id: string; parent_id: string }[];
}

/**
 * What the reminder scheduler reads, across the conference, parent and
 * request tables: the conferences still in reach, a keyset batch at a time,
 * and, for a batch, five queries for everything their parents have.
 */
export function remindersRepository(db: Kysely<Database>) {
  return {
    /**
     * Up to `limit` conferences starting at or after `from` (optionally one, or one parent's),
     * in (starts_at, id) order after `after`.
     */
    async conferencesFrom(
      from: string,
      only: ReminderScope,
      after: { startsAt: string; id: string } | null,
      limit: number,
    ): Promise<ReminderConferenceRow[]> {
      let query = db
        .selectFrom('conferences')
        .select(['id', 'case_id', 'type', 'starts_at', 'status', 'sequence', 'changed_at', 'created_at'])
        .where('starts_at', '>=', from);
      if (only.conferenceId) query = query.where('id', '=', only.conferenceId);
      if (only.parentId)
        query = query.where(
          'case_id',
          'in',
          db.selectFrom('parents').select('case_id').where('id', '=', only.parentId),
        );
      if (after)
        query = query.where((eb) =>
          eb.or([
            eb('starts_at', '>', after.startsAt),
            eb.and([eb('starts_at', '=', after.startsAt), eb('id', '>', after.id)]),
          ]),
        );
      return query.orderBy('starts_at').orderBy('id').limit(limit).execute();
    },

    /** The parents of these cases (or only `parentId`), by id, and what they have for these conferences. */
    async factsOf(conferenceIds: string[], caseIds: string[], parentId?: string): Promise<ReminderFacts> {
      let parentQuery = db.selectFrom('parents').selectAll().where('case_id', 'in', caseIds);
      if (parentId) parentQuery = parentQuery.where('id', '=', parentId);
      const [parents, exclusions, supporters, shares, complaints] = await Promise.all([
        parentQuery.orderBy('id').execute(),
        db
          .selectFrom('exclusions')
          .select(['conference_id', 'parent_id'])
          .where('conference_id', 'in', conferenceIds)
          .where('scope', '=', 'all')
          .execute(),
        db
          .selectFrom('supporter_nominations')
          .select(['conference_id', 'parent_id'])
          .where('conference_id', 'in', conferenceIds)
          .where('withdrawn_at', 'is', null)
          .execute(),
        db
          .selectFrom('report_shares')
          .innerJoin('reports', 'reports.id', 'report_shares.report_id')
          .select(['reports.conference_id', 'report_shares.parent_id', 'reports.uploaded_at'])
          .where('reports.conference_id', 'in', conferenceIds)
          .where('reports.withdrawn_at', 'is', null)
          .execute(),
        db
          .selectFrom('complaints')
          .select(['conference_id', 'parent_id'])
          .where('conference_id', 'in', conferenceIds)
          .execute(),
      ]);
      return { parents, exclusions, supporters, shares, complaints };
    },
  };
}
export type RemindersRepository = ReturnType<typeof remindersRepository>;
