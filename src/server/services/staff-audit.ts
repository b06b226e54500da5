import { sql, type Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema';

export interface AuditFilter {
  caseReference?: string | undefined;
  actorType?: AuditLogTable['actor_type'] | undefined;
  /** "report" matches report.upload, report.download… */
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page?: number | undefined;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * Reading the audit log (never changing it: the database refuses that too):
 * newest first, filtered, 50 to a page, with the names of the people and the
 * case reference looked up as it is read (the log itself keeps only ids).
 */
export function staffAuditService(db: Kysely<Database>) {
  return {
    async list(filter: AuditFilter) {
      const page = Math.max(1, filter.page ?? 1);
      let query = db
        .selectFrom('audit_log')
        .leftJoin('cases', 'cases.id', 'audit_log.case_id')
        .leftJoin('staff', (join) => join.onRef('staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'))
        .leftJoin('parents', (join) => join.onRef('parents.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'parent'))
        .select([
          'audit_log.id',
          'audit_log.at',
          'audit_log.actor_type',
          'audit_log.action',
          'audit_log.subject_type',
          'audit_log.subject_id',
          'audit_log.detail',
          'cases.reference as case_reference',
          'cases.id as case_id',
          'staff.name as staff_name',
          'parents.name as parent_name',
        ]);
      if (filter.caseReference?.trim()) query = query.where(sql<string>`lower(cases.reference)`, '=', filter.caseReference.trim().toLowerCase());
      if (filter.actorType) query = query.where('audit_log.actor_type', '=', filter.actorType);
      if (filter.action?.trim()) query = query.where('audit_log.action', 'like', `${filter.action.trim().replace(/[%_\\]/g, '')}%`);
      if (filter.from) query = query.where('audit_log.at', '>=', `${filter.from}T00:00:00.000Z`);
      if (filter.to) query = query.where('audit_log.at', '<=', `${filter.to}T23:59:59.999Z`);
      const rows = await query
        .orderBy('audit_log.at', 'desc')
        .orderBy('audit_log.id', 'desc')
        .limit(AUDIT_PAGE_SIZE + 1)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
        .execute();
      return {
        page,
        hasMore: rows.length > AUDIT_PAGE_SIZE,
        entries: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, who: r.staff_name ?? r.parent_name ?? (r.actor_type === 'system' ? 'System' : 'Unknown') })),
      };
    },
  };
}
export type StaffAuditService = ReturnType<typeof staffAuditService>;
