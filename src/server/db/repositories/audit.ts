import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, Database } from '~/server/db/schema';

/** One line of the log with the case reference and the names looked up as it is read. */
export interface AuditListing {
  id: number | string;
  at: string;
  actor_type: AuditLogTable['actor_type'];
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null;
  case_reference: string | null;
  case_id: string | null;
  staff_name: string | null;
  parent_name: string | null;
}

/** Which entries: all conditions hold together; instants are ISO strings (they compare as text). */
export interface AuditQuery {
  /** Entries about any of these cases (not empty). */
  caseIdIn?: readonly [string, ...string[]] | undefined;
  /** Entries about this case. */
  caseId?: string | undefined;
  actorType?: AuditLogTable['actor_type'] | undefined;
  /** Actions starting with this ("report" matches report.upload, report.download…). */
  actionPrefix?: string | undefined;
  /** At or after this instant. */
  from?: string | undefined;
  /** Before this instant. */
  before?: string | undefined;
  /** Newest first (forward) after this (at, id), or oldest first (backward) before it. */
  direction: 'forward' | 'backward';
  cursor: readonly [string, number] | null;
  limit: number;
}

/**
 * The append-only audit log: one entry added with the change it is about
 * (give it the transaction), and read back a page at a time by key, newest
 * first, through the indexes on (at, id) and (case_id, at).
 */
export function auditRepository(db: Kysely<Database>) {
  return {
    /** Adds one entry. */
    async insert(entry: Omit<Insertable<AuditLogTable>, 'id'>): Promise<void> {
      await db.insertInto('audit_log').values(entry).execute();
    },

    /** The id of the case with this reference (compared as the index keeps it: lower case), if any. */
    async caseIdByReference(reference: string): Promise<string | null> {
      const row = await db
        .selectFrom('cases')
        .select('id')
        .where('reference_normalised', '=', reference.toLowerCase())
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** One page of entries (`limit` rows) in the query's direction. */
    async list(q: AuditQuery): Promise<AuditListing[]> {
      let query = db
        .selectFrom('audit_log')
        .leftJoin('cases', 'cases.id', 'audit_log.case_id')
        .leftJoin('staff', (join) =>
          join.onRef('staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'),
        )
        .leftJoin('parents', (join) =>
          join.onRef('parents.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'parent'),
        )
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
      if (q.caseIdIn) query = query.where('audit_log.case_id', 'in', q.caseIdIn);
      if (q.caseId) query = query.where('audit_log.case_id', '=', q.caseId);
      if (q.actorType) query = query.where('audit_log.actor_type', '=', q.actorType);
      if (q.actionPrefix) query = query.where('audit_log.action', 'like', `${q.actionPrefix.replace(/[%_\\]/g, '')}%`);
      if (q.from) query = query.where('audit_log.at', '>=', q.from);
      if (q.before) query = query.where('audit_log.at', '<', q.before);
      const { cursor } = q;
      if (cursor)
        query = query.where((eb) =>
          eb(
            eb.refTuple('audit_log.at', 'audit_log.id'),
            q.direction === 'forward' ? '<' : '>',
            eb.tuple(cursor[0], cursor[1]),
          ),
        );
      const order = q.direction === 'forward' ? 'desc' : 'asc';
      return query.orderBy('audit_log.at', order).orderBy('audit_log.id', order).limit(q.limit).execute();
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
