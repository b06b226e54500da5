import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { ComplaintAbout, ConferenceStatus, Database, HandledStatus } from '~/server/db/schema';

/** What parents send the team, one table each. */
export const REQUEST_KINDS = ['supporter', 'interpreter', 'attendance', 'complaint'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** What every request row carries, with its conference, case, parent and who handled it. */
interface RequestContext {
  id: string;
  conference_id: string;
  parent_id: string;
  /** When the parent last sent it (complaints are never changed: when they made it). */
  received_at: string;
  handled_status: HandledStatus;
  handled_by: string | null;
  handled_at: string | null;
  c_starts_at: string;
  c_status: ConferenceStatus;
  case_id: string;
  case_reference: string;
  parent_name: string;
  handler_name: string | null;
}

export type SupporterRequestRow = RequestContext & {
  kind: 'supporter';
  name: string;
  relationship: string;
  is_solicitor: number | boolean;
  phone: string | null;
  email: string | null;
  withdrawn_at: string | null;
};
export type InterpreterRequestRow = RequestContext & {
  kind: 'interpreter';
  language: string;
  dialect: string | null;
  for_whom: string;
  preferred_gender: 'any' | 'female' | 'male';
  for_conference: number | boolean;
  for_chair_meeting: number | boolean;
  withdrawn_at: string | null;
};
export type AttendanceRequestRow = RequestContext & {
  kind: 'attendance';
  mode: string;
  need_access: number | boolean;
  need_childcare: number | boolean;
  need_travel: number | boolean;
  need_breaks: number | boolean;
  needs_detail: string | null;
  has_views: number | boolean;
};
export type ComplaintRequestRow = RequestContext & {
  kind: 'complaint';
  reference: string;
  about: ComplaintAbout;
};
/** One row of any request table, as the inbox lists it. */
export type RequestRow = SupporterRequestRow | InterpreterRequestRow | AttendanceRequestRow | ComplaintRequestRow;

/** Which rows: one conference's, one row, one status; and a keyset position in (received_at, id). */
export interface RequestQuery {
  conferenceId?: string | undefined;
  id?: string | undefined;
  status?: HandledStatus | undefined;
  /** Rows before (`<`) or after (`>`) this (received_at, id); or, with `id` null, at or before/after `receivedAt`. */
  position?: { compare: '<' | '<=' | '>' | '>='; receivedAt: string; id: string | null } | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
}

/** The request tables' shared conditions, on the alias `r` every query below gives its table. */
function conditions(query: RequestQuery, received: 'updated_at' | 'created_at'): Expression<SqlBool> {
  const parts = [sql<SqlBool>`1 = 1`];
  if (query.conferenceId) parts.push(sql<SqlBool>`r.conference_id = ${query.conferenceId}`);
  if (query.id) parts.push(sql<SqlBool>`r.id = ${query.id}`);
  if (query.status) parts.push(sql<SqlBool>`r.handled_status = ${query.status}`);
  const p = query.position;
  if (p)
    parts.push(
      p.id === null
        ? sql<SqlBool>`${sql.ref(`r.${received}`)} ${sql.raw(p.compare)} ${p.receivedAt}`
        : sql<SqlBool>`(${sql.ref(`r.${received}`)}, r.id) ${sql.raw(p.compare)} (${p.receivedAt}, ${p.id})`,
    );
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/**
 * The four request tables (supporter nominations, interpreter requests,
 * attendance answers, complaints) as the team's inbox reads and marks them:
 * one typed query per table, each with its conference, case, parent and
 * handler, filtered and ordered the same way.
 */
export function requestsRepository(db: Kysely<Database>) {
  /** The joins every request shares; `r` is the request table. */
  const context = [
    'conferences.starts_at as c_starts_at',
    'conferences.status as c_status',
    'cases.id as case_id',
    'cases.reference as case_reference',
    'parents.name as parent_name',
    'staff.name as handler_name',
    'r.id',
    'r.conference_id',
    'r.parent_id',
    'r.handled_status',
    'r.handled_by',
    'r.handled_at',
  ] as const;

  const supporters = (on: Kysely<Database>, q: RequestQuery) =>
    on
      .selectFrom('supporter_nominations as r')
      .innerJoin('conferences', 'conferences.id', 'r.conference_id')
      .innerJoin('cases', 'cases.id', 'conferences.case_id')
      .innerJoin('parents', 'parents.id', 'r.parent_id')
      .leftJoin('staff', 'staff.id', 'r.handled_by')
      .select(context)
      .select(['r.updated_at as received_at', 'r.name', 'r.relationship', 'r.is_solicitor', 'r.phone', 'r.email'])
      .select(['r.withdrawn_at', sql<'supporter'>`'supporter'`.as('kind')])
      .where(conditions(q, 'updated_at'))
      .$if(q.order !== undefined, (b) => b.orderBy('r.updated_at', q.order).orderBy('r.id', q.order))
      .$if(q.limit !== undefined, (b) => b.limit(q.limit!));

  const interpreters = (on: Kysely<Database>, q: RequestQuery) =>
    on
      .selectFrom('interpreter_requests as r')
      .innerJoin('conferences', 'conferences.id', 'r.conference_id')
      .innerJoin('cases', 'cases.id', 'conferences.case_id')
      .innerJoin('parents', 'parents.id', 'r.parent_id')
      .leftJoin('staff', 'staff.id', 'r.handled_by')
      .select(context)
      .select(['r.updated_at as received_at', 'r.language', 'r.dialect', 'r.for_whom', 'r.preferred_gender'])
      .select(['r.for_conference', 'r.for_chair_meeting', 'r.withdrawn_at'])
      .select(sql<'interpreter'>`'interpreter'`.as('kind'))
      .where(conditions(q, 'updated_at'))
      .$if(q.order !== undefined, (b) => b.orderBy('r.updated_at', q.order).orderBy('r.id', q.order))
      .$if(q.limit !== undefined, (b) => b.limit(q.limit!));

  const attendance = (on: Kysely<Database>, q: RequestQuery) =>
    on
      .selectFrom('attendance as r')
      .innerJoin('conferences', 'conferences.id', 'r.conference_id')
      .innerJoin('cases', 'cases.id', 'conferences.case_id')
      .innerJoin('parents', 'parents.id', 'r.parent_id')
      .leftJoin('staff', 'staff.id', 'r.handled_by')
      .select(context)
      .select(['r.updated_at as received_at', 'r.mode', 'r.need_access', 'r.need_childcare', 'r.need_travel'])
      .select(['r.need_breaks', 'r.needs_detail', sql<'attendance'>`'attendance'`.as('kind')])
      // Whether they wrote views, not the views themselves: the list never shows them.
      .select(sql<number>`case when r.views is null or r.views = '' then 0 else 1 end`.as('has_views'))
      .where(conditions(q, 'updated_at'))
      .$if(q.order !== undefined, (b) => b.orderBy('r.updated_at', q.order).orderBy('r.id', q.order))
      .$if(q.limit !== undefined, (b) => b.limit(q.limit!));

  const complaints = (on: Kysely<Database>, q: RequestQuery) =>
    on
      .selectFrom('complaints as r')
      .innerJoin('conferences', 'conferences.id', 'r.conference_id')
      .innerJoin('cases', 'cases.id', 'conferences.case_id')
      .innerJoin('parents', 'parents.id', 'r.parent_id')
      .leftJoin('staff', 'staff.id', 'r.handled_by')
      .select(context)
      .select(['r.created_at as received_at', 'r.reference', 'r.about', sql<'complaint'>`'complaint'`.as('kind')])
      .where(conditions(q, 'created_at'))
      .$if(q.order !== undefined, (b) => b.orderBy('r.created_at', q.order).orderBy('r.id', q.order))
      .$if(q.limit !== undefined, (b) => b.limit(q.limit!));

  return {
    /** Rows of one kind of request. */
    async list(kind: RequestKind, query: RequestQuery, on: Kysely<Database> = db): Promise<RequestRow[]> {
      switch (kind) {
        case 'supporter':
          return supporters(on, query).execute();
        case 'interpreter':
          return interpreters(on, query).execute();
        case 'attendance':
          return attendance(on, query).execute();
        case 'complaint':
          return complaints(on, query).execute();
      }
    },

    /** What the parent wrote in full: an attendance answer's views, a complaint's details (other kinds: nothing). */
    async writtenText(kind: RequestKind, id: string): Promise<string> {
      if (kind === 'attendance') {
        const row = await db.selectFrom('attendance').select('views').where('id', '=', id).executeTakeFirst();
        return row?.views ?? '';
      }
      if (kind === 'complaint') {
        const row = await db.selectFrom('complaints').select('details').where('id', '=', id).executeTakeFirst();
        return row?.details ?? '';
      }
      return '';
    },

    /** The case a request belongs to (null when there is no such request). */
    async caseOf(kind: RequestKind, id: string, on: Kysely<Database> = db): Promise<string | null> {
      const [row] = await this.list(kind, { id }, on);
      return row?.case_id ?? null;
    },

    /** Marks a request new, seen or done, and by whom (null: new again). */
    async mark(
      kind: RequestKind,
      id: string,
      change: { status: HandledStatus; by: string | null; at: string | null },
      on: Kysely<Database> = db,
    ): Promise<void> {
      const set = { handled_status: change.status, handled_by: change.by, handled_at: change.at };
      switch (kind) {
        case 'supporter':
          await on.updateTable('supporter_nominations').set(set).where('id', '=', id).execute();
          return;
        case 'interpreter':
          await on.updateTable('interpreter_requests').set(set).where('id', '=', id).execute();
          return;
        case 'attendance':
          await on.updateTable('attendance').set(set).where('id', '=', id).execute();
          return;
        case 'complaint':
          await on.updateTable('complaints').set(set).where('id', '=', id).execute();
          return;
      }
    },
  };
}
export type RequestsRepository = ReturnType<typeof requestsRepository>;
