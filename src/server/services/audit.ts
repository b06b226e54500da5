import type { Kysely } from 'kysely';
import type { Database, AuditLogTable } from '~/server/db/schema';
import { auditRepository } from '~/server/db/repositories/audit';
import type { Clock } from './clock';

export interface AuditEntry {
  actorType: AuditLogTable['actor_type'];
  actorId: string | null;
  /** Dotted verb: "report.download", "supporter.create", "case.update". */
  action: string;
  caseId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  /** Facts about the action. Never file contents or free text a parent wrote. */
  detail?: Record<string, unknown> | null;
}

/** The append-only record of who did what. Every parent and staff action writes one entry. */
export function auditService(db: Kysely<Database>, clock: Clock) {
  return {
    /** Records one action; pass the transaction (`on`) that holds the change it is about. */
    async record(entry: AuditEntry, on: Kysely<Database> = db): Promise<void> {
      await auditRepository(on).insert({
        at: clock.now().toISOString(),
        actor_type: entry.actorType,
        actor_id: entry.actorId,
        action: entry.action,
        case_id: entry.caseId ?? null,
        subject_type: entry.subjectType ?? null,
        subject_id: entry.subjectId ?? null,
        detail: entry.detail ? JSON.stringify(entry.detail) : null,
      });
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
