import type { Kysely, Selectable } from 'kysely';
import type { Database, ReportsTable } from '~/server/db/schema';

export type SharedReportRow = Selectable<ReportsTable> & { shared_at: string };

/** Reading reports as one parent may see them: shared with that parent, not withdrawn. */
export function reportsRepository(db: Kysely<Database>) {
  const shared = (parentId: string) =>
    db
      .selectFrom('reports')
      .innerJoin('report_shares', 'report_shares.report_id', 'reports.id')
      .selectAll('reports')
      .select('report_shares.shared_at')
      .where('report_shares.parent_id', '=', parentId)
      .where('reports.withdrawn_at', 'is', null);

  return {
    /** Reports of one conference shared with this parent, oldest share first. */
    async sharedForConference(conferenceId: string, parentId: string): Promise<SharedReportRow[]> {
      return shared(parentId)
        .where('reports.conference_id', '=', conferenceId)
        .orderBy('report_shares.shared_at')
        .orderBy('reports.title')
        .execute();
    },

    /** How many reports of each conference are shared with these parents. */
    async countsByConference(parentIds: readonly string[]): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      if (parentIds.length === 0) return counts;
      const rows = await db
        .selectFrom('reports')
        .innerJoin('report_shares', 'report_shares.report_id', 'reports.id')
        .select(['reports.conference_id'])
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('report_shares.parent_id', 'in', parentIds)
        .where('reports.withdrawn_at', 'is', null)
        .groupBy('reports.conference_id')
        .execute();
      for (const row of rows) counts.set(row.conference_id, Number(row.n));
      return counts;
    },

    /**
     * One report, only when it is shared with one of these parents, that
     * parent belongs to the report's case, and it is not withdrawn; with the
     * parent it was shared with.
     */
    async findShared(
      reportId: string,
      parentIds: readonly string[],
    ): Promise<{ report: SharedReportRow; parentId: string } | null> {
      if (parentIds.length === 0) return null;
      const row = await db
        .selectFrom('reports')
        .innerJoin('report_shares', 'report_shares.report_id', 'reports.id')
        .innerJoin('parents', (join) =>
          join.onRef('parents.id', '=', 'report_shares.parent_id').onRef('parents.case_id', '=', 'reports.case_id'),
        )
        .selectAll('reports')
        .select(['report_shares.shared_at', 'report_shares.parent_id'])
        .where('reports.id', '=', reportId)
        .where('report_shares.parent_id', 'in', parentIds)
        .where('reports.withdrawn_at', 'is', null)
        .orderBy('report_shares.shared_at')
        .executeTakeFirst();
      if (!row) return null;
      const { parent_id: parentId, ...report } = row;
      return { report, parentId };
    },
  };
}
export type ReportsRepository = ReturnType<typeof reportsRepository>;
