import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, ReportsTable } from '~/server/db/schema';

export type ReportRow = Selectable<ReportsTable>;
export type SharedReportRow = ReportRow & { shared_at: string };

/** One parent a report is shared with, and when. */
export interface ReportShareRow {
  report_id: string;
  parent_id: string;
  shared_at: string;
  /** The parent's name, for the staff area. */
  name: string;
}

/**
 * Reports and who they are shared with. The parent area reads them as one
 * parent may see them (shared with that parent, not withdrawn); the staff area
 * records, shares and withdraws them. Each change is one statement; the
 * service holds the transaction (give it `trx`).
 */
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
    /** Records a report whose file is in the report store. */
    async insert(row: Insertable<ReportsTable>): Promise<void> {
      await db.insertInto('reports').values(row).execute();
    },

    /** Shares a report with one more parent, from `at`. */
    async addShare(reportId: string, parentId: string, at: string): Promise<void> {
      await db
        .insertInto('report_shares')
        .values({ report_id: reportId, parent_id: parentId, shared_at: at })
        .execute();
    },

    /** The report with this id (withdrawn or not), or undefined. */
    async find(reportId: string): Promise<ReportRow | undefined> {
      return db.selectFrom('reports').selectAll().where('id', '=', reportId).executeTakeFirst();
    },

    /** The parents a report is shared with. */
    async sharedWith(reportId: string): Promise<string[]> {
      const rows = await db.selectFrom('report_shares').select('parent_id').where('report_id', '=', reportId).execute();
      return rows.map((r) => r.parent_id);
    },

    /** Withdraws a report; false when it was withdrawn already (by this or another request). */
    async withdraw(reportId: string, by: string, at: string): Promise<boolean> {
      const changed = await db
        .updateTable('reports')
        .set({ withdrawn_at: at, withdrawn_by: by })
        .where('id', '=', reportId)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      return Number(changed.numUpdatedRows) === 1;
    },

    /** Every report of a conference (withdrawn too), newest first: the staff area's list. */
    async inConference(conferenceId: string): Promise<ReportRow[]> {
      return db
        .selectFrom('reports')
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .orderBy('uploaded_at', 'desc')
        .execute();
    },

    /** Who each of these reports is shared with, by parent's name. */
    async sharesOf(reportIds: readonly string[]): Promise<ReportShareRow[]> {
      if (reportIds.length === 0) return [];
      return db
        .selectFrom('report_shares')
        .innerJoin('parents', 'parents.id', 'report_shares.parent_id')
        .select(['report_shares.report_id', 'report_shares.parent_id', 'report_shares.shared_at', 'parents.name'])
        .where('report_shares.report_id', 'in', reportIds)
        .orderBy('parents.name')
        .execute();
    },

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
