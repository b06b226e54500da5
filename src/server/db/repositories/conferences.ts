import type { Kysely, Selectable } from 'kysely';
import type { ConferencesTable, Database, ExclusionsTable } from '~/server/db/schema';

export type ConferenceRow = Selectable<ConferencesTable>;
export type ExclusionRow = Selectable<ExclusionsTable>;

/** Reading conferences for the parent area. Every query is limited to the cases it is given. */
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
