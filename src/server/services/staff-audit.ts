import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from '~/server/db/schema';
import { addCalendarDays, isCalendarDate, londonInstant } from '~/server/domain/working-days';
import { auditRepository, type AuditListing } from '~/server/db/repositories/audit';
import { PAGE_SIZE, reading, toPage } from './keyset';

export interface AuditFilter {
  /** The council's case reference (any case), or a case id. */
  caseReference?: string | undefined;
  /** One case, by id. */
  caseId?: string | undefined;
  actorType?: AuditLogTable['actor_type'] | undefined;
  /** "report" matches report.upload, report.download… */
  action?: string | undefined;
  /** First day (YYYY-MM-DD, a day in England: BST or GMT), inclusive. */
  from?: string | undefined;
  /** Last day (YYYY-MM-DD, a day in England), inclusive. */
  to?: string | undefined;
  /** Position ("Next"/"Previous" tokens) and page size. */
  after?: string | null | undefined;
  before?: string | null | undefined;
  pageSize?: number | undefined;
}

/** One line of the log as the staff area shows it: ids from the log, names looked up now. */
export interface AuditRow extends Omit<AuditListing, 'id'> {
  id: number;
  /** Who did it, for display: the member of staff's or parent's name, "System", or "Unknown" (someone since removed). */
  who: string;
}

export interface AuditPage {
  entries: AuditRow[];
  /** Token for older entries, or null. */
  next: string | null;
  /** Token for newer entries, or null on the newest. */
  previous: string | null;
}

export const AUDIT_PAGE_SIZE = PAGE_SIZE;

/**
 * Reading the audit log (never changing it: the database refuses that too):
 * newest first, filtered, 50 to a page (keyset: page 50 costs what page 1
 * does), with the names of the people and the
 * case reference looked up as it is read (the log itself keeps only ids).
 */
export function staffAuditService(db: Kysely<Database>) {
  return {
    /** One page of the log, newest first, filtered. */
    async list(filter: AuditFilter): Promise<AuditPage> {
      const how = reading({ after: filter.after, before: filter.before, size: filter.pageSize }, ['string', 'number']);
      const audit = auditRepository(db);
      const reference = filter.caseReference?.trim();
      // The case by its reference (any case), or by its id; then its entries through the case index.
      const byReference = reference ? await audit.caseIdByReference(reference) : null;
      const rows = await audit.list({
        caseIdIn: reference ? (byReference ? [byReference, reference] : [reference]) : undefined,
        caseId: filter.caseId,
        actorType: filter.actorType,
        actionPrefix: filter.action?.trim() || undefined,
        // Days are England's days: in summer, 1 July starts at 23:00 UTC on 30 June.
        from:
          filter.from && isCalendarDate(filter.from) ? londonInstant(filter.from, '00:00').toISOString() : undefined,
        before:
          filter.to && isCalendarDate(filter.to)
            ? londonInstant(addCalendarDays(filter.to, 1), '00:00').toISOString()
            : undefined,
        direction: how.direction,
        cursor: how.cursor ? [String(how.cursor[0]), Number(how.cursor[1])] : null,
        limit: how.size + 1,
      });
      const page = toPage(rows, how, (r) => [r.at, Number(r.id)]);
      return {
        next: page.next,
        previous: page.previous,
        entries: page.rows.map((r) => ({
          ...r,
          id: Number(r.id),
          who: r.staff_name ?? r.parent_name ?? (r.actor_type === 'system' ? 'System' : 'Unknown'),
        })),
      };
    },
  };
}
export type StaffAuditService = ReturnType<typeof staffAuditService>;
