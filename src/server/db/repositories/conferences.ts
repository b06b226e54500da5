import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ChildrenTable, ConferencesTable, Database, ExclusionsTable } from '~/server/db/schema';

export type ConferenceRow = Selectable<ConferencesTable>;
export type ExclusionRow = Selectable<ExclusionsTable>;

/**
 * Conferences, the children each is about, and the chair's exclusions. The
 * parent area's reads are limited to the cases it is given; the staff area
 * schedules, changes and cancels them. Each change is one statement; the
 * service holds the transaction (give it `trx`).
 */
export function conferencesRepository(db: Kysely<Database>) {
  return {
    /** Every conference of these cases, earliest first. */
    async listInCases(caseIds: readonly string[]): Promise<ConferenceRow[]> {
      if (caseIds.length === 0) return [];
      return db
        .selectFrom('conferences')
        .selectAll()
        .where('case_id', 'in', caseIds)
        .orderBy('starts_at')
        .orderBy('id')
        .execute();
    },

    /** The conference with this id (staff area), or undefined. */
    async find(id: string): Promise<ConferenceRow | undefined> {
      return db.selectFrom('conferences').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** The case a conference belongs to, or null when there is no such conference. */
    async caseIdOf(id: string): Promise<string | null> {
      const row = await db.selectFrom('conferences').select('case_id').where('id', '=', id).executeTakeFirst();
      return row?.case_id ?? null;
    },

    /** Holds the conference's row until the transaction ends: two changes to one conference happen one after the other. */
    async lock(id: string): Promise<void> {
      await db
        .updateTable('conferences')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', id)
        .execute();
    },

    /** Adds a conference. */
    async insert(row: Insertable<ConferencesTable>): Promise<void> {
      await db.insertInto('conferences').values(row).execute();
    },

    /** Changes a conference's details, or records its outcome. */
    async update(
      id: string,
      change: Omit<Updateable<ConferencesTable>, 'id' | 'case_id' | 'sequence' | 'changed_at'>,
    ): Promise<void> {
      await db.updateTable('conferences').set(change).where('id', '=', id).execute();
    },

    /** Cancels a conference; false when it was cancelled already (by this or another request). */
    async cancel(id: string, at: string): Promise<boolean> {
      const changed = await db
        .updateTable('conferences')
        .set({ status: 'cancelled', updated_at: at })
        .where('id', '=', id)
        .where('status', '!=', 'cancelled')
        .executeTakeFirst();
      return Number(changed.numUpdatedRows) === 1;
    },

    /** Counts a move or cancellation: the sequence goes up by one (the reminder schedule and calendar file follow it). */
    async markChanged(id: string, at: string): Promise<void> {
      await db
        .updateTable('conferences')
        .set((eb) => ({ sequence: eb('sequence', '+', 1), changed_at: at }))
        .where('id', '=', id)
        .execute();
    },

    /** The children a conference is about, as these ids say: only the case's own children are kept. */
    async setChildren(conferenceId: string, caseId: string, childIds: readonly string[]): Promise<void> {
      const valid = childIds.length
        ? (
            await db
              .selectFrom('children')
              .select('id')
              .where('case_id', '=', caseId)
              .where('id', 'in', childIds)
              .execute()
          ).map((c) => c.id)
        : [];
      await db.deleteFrom('conference_children').where('conference_id', '=', conferenceId).execute();
      for (const childId of valid)
        await db.insertInto('conference_children').values({ conference_id: conferenceId, child_id: childId }).execute();
    },

    /** The children a conference is about, eldest first (staff area: with their dates of birth). */
    async childrenIn(
      conferenceId: string,
    ): Promise<Pick<Selectable<ChildrenTable>, 'id' | 'first_name' | 'date_of_birth'>[]> {
      return db
        .selectFrom('conference_children')
        .innerJoin('children', 'children.id', 'conference_children.child_id')
        .select(['children.id', 'children.first_name', 'children.date_of_birth'])
        .where('conference_children.conference_id', '=', conferenceId)
        .orderBy('children.date_of_birth')
        .execute();
    },

    /** Every exclusion the chair recorded for a conference. */
    async exclusionsIn(conferenceId: string): Promise<ExclusionRow[]> {
      return db.selectFrom('exclusions').selectAll().where('conference_id', '=', conferenceId).execute();
    },

    /** Records the chair's decision about a parent, replacing an earlier one. */
    async replaceExclusion(row: Insertable<ExclusionsTable>): Promise<void> {
      await db
        .deleteFrom('exclusions')
        .where('conference_id', '=', row.conference_id)
        .where('parent_id', '=', row.parent_id)
        .execute();
      await db.insertInto('exclusions').values(row).execute();
    },

    /** Lifts the chair's decision about a parent; false when there was none (lifted already). */
    async removeExclusion(conferenceId: string, parentId: string): Promise<boolean> {
      const removed = await db
        .deleteFrom('exclusions')
        .where('conference_id', '=', conferenceId)
        .where('parent_id', '=', parentId)
        .executeTakeFirst();
      return Number(removed.numDeletedRows) > 0;
    },

    /** Every conference of one case, latest first (the staff case page). */
    async inCase(caseId: string): Promise<ConferenceRow[]> {
      return db
        .selectFrom('conferences')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('starts_at', 'desc')
        .execute();
    },

    /** The conference with this id, only when it belongs to one of these cases. */
    async findInCases(id: string, caseIds: readonly string[]): Promise<ConferenceRow | null> {
      if (caseIds.length === 0) return null;
      const row = await db
        .selectFrom('conferences')
        .selectAll()
        .where('id', '=', id)
        .where('case_id', 'in', caseIds)
        .executeTakeFirst();
      return row ?? null;
    },

    /** The first names of the children each conference is about, in order of birth (eldest first). */
    async childrenOf(conferenceIds: readonly string[]): Promise<Map<string, string[]>> {
      const byConference = new Map<string, string[]>();
      if (conferenceIds.length === 0) return byConference;
      const rows = await db
        .selectFrom('conference_children')
        .innerJoin('children', 'children.id', 'conference_children.child_id')
        .select(['conference_children.conference_id', 'children.first_name'])
        .where('conference_children.conference_id', 'in', conferenceIds)
        .orderBy('children.date_of_birth')
        .orderBy('children.first_name')
        .execute();
      for (const row of rows) {
        const list = byConference.get(row.conference_id) ?? [];
        list.push(row.first_name);
        byConference.set(row.conference_id, list);
      }
      return byConference;
    },

    /** The chair's decision that this parent is not to attend all or part of this conference, if any. */
    async exclusionOf(conferenceId: string, parentId: string): Promise<ExclusionRow | null> {
      const row = await db
        .selectFrom('exclusions')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .where('parent_id', '=', parentId)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row ?? null;
    },
  };
}
export type ConferencesRepository = ReturnType<typeof conferencesRepository>;
