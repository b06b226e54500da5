import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  AttendanceTable,
  ComplaintsTable,
  Database,
  InterpreterRequestsTable,
  SupporterNominationsTable,
} from '~/server/db/schema';

export type SupporterNominationRow = Selectable<SupporterNominationsTable>;
export type InterpreterRequestRow = Selectable<InterpreterRequestsTable>;
export type AttendanceRow = Selectable<AttendanceTable>;
export type ComplaintRow = Selectable<ComplaintsTable>;

/** Whose request, for which conference: every query below is limited to one parent's own rows. */
export interface RequestOwner {
  conferenceId: string;
  parentId: string;
}

/** A request row's identity, stamps and handling: the columns every request table has and the form never sets. */
type RowColumns =
  | 'id'
  | 'conference_id'
  | 'parent_id'
  | 'created_at'
  | 'updated_at'
  | 'withdrawn_at'
  | 'handled_status'
  | 'handled_by'
  | 'handled_at';

/** What the parent's form sets: everything but the row's identity, stamps and handling. */
type Fields<T> = Omit<Insertable<T>, RowColumns>;
export type SupporterFields = Fields<SupporterNominationsTable>;
export type InterpreterFields = Fields<InterpreterRequestsTable>;
export type AttendanceFields = Fields<AttendanceTable>;

/** A change or a withdrawal is news to the case team again. */
const UNHANDLED = { handled_status: 'new', handled_by: null, handled_at: null } as const;

/** A request the parent can change and withdraw: one current (not withdrawn) row per parent and conference. */
export interface WithdrawableRequests<Row, F> {
  /** The parent's current request for the conference, newest first (undefined when none). */
  current(owner: RequestOwner): Promise<Row | undefined>;
  /** Changes the parent's current request (`existingId`) or adds one; returns its id and which it was. */
  write(
    owner: RequestOwner,
    existingId: string | undefined,
    fields: F,
    now: string,
  ): Promise<{ id: string; action: 'create' | 'update' }>;
  /** Marks the parent's request withdrawn (the row stays, for the audit trail and the case team). */
  withdraw(owner: RequestOwner, id: string, now: string): Promise<void>;
}

/** The two tables of requests a parent can change and withdraw. */
type WithdrawableTable = 'supporter_nominations' | 'interpreter_requests';

/** The columns both tables have, which are all the shared queries below touch (besides the form's own fields). */
type SharedColumns = Pick<SupporterNominationsTable & InterpreterRequestsTable, RowColumns>;

/**
 * A parent's current request, its changes and its withdrawal, in either
 * withdrawable table: the same statements over either. Kysely cannot follow a
 * table name that is a type parameter, so the queries see the two tables as
 * their shared columns; the answer is typed for the table asked for here, at
 * the boundary.
 */
function withdrawableRequests<T extends WithdrawableTable>(
  db: Kysely<Database>,
  table: T,
): WithdrawableRequests<Selectable<Database[T]>, Fields<Database[T]>> {
  const shared = db as unknown as Kysely<Record<WithdrawableTable, SharedColumns>>;
  const name: WithdrawableTable = table;
  const requests: WithdrawableRequests<Selectable<SharedColumns>, object> = {
    async current({ conferenceId, parentId }) {
      return shared
        .selectFrom(name)
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .where('parent_id', '=', parentId)
        .where('withdrawn_at', 'is', null)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
    },
    async write(owner, existingId, fields, now) {
      const values = { ...fields, updated_at: now, ...UNHANDLED };
      if (existingId) {
        await shared
          .updateTable(name)
          .set(values)
          .where('id', '=', existingId)
          .where('parent_id', '=', owner.parentId)
          .execute();
        return { id: existingId, action: 'update' };
      }
      const id = randomUUID();
      await shared
        .insertInto(name)
        .values({
          ...values,
          id,
          conference_id: owner.conferenceId,
          parent_id: owner.parentId,
          created_at: now,
          withdrawn_at: null,
        })
        .execute();
      return { id, action: 'create' };
    },
    async withdraw(owner, id, now) {
      await shared
        .updateTable(name)
        .set({ withdrawn_at: now, updated_at: now, ...UNHANDLED })
        .where('id', '=', id)
        .where('parent_id', '=', owner.parentId)
        .execute();
    },
  };
  return requests as WithdrawableRequests<Selectable<Database[T]>, Fields<Database[T]>>;
}

/**
 * What parents send the team, from the parent's side: supporter nominations
 * and interpreter requests (changed and withdrawn), attendance answers (one per
 * parent) and complaints (never changed). One typed query per table, each
 * under the parent's own id, so no other parent's row is ever read or touched.
 * Give it the transaction (`trx`) to write inside one.
 */
export function parentRequestsRepository(db: Kysely<Database>) {
  const supporters: WithdrawableRequests<SupporterNominationRow, SupporterFields> = withdrawableRequests(
    db,
    'supporter_nominations',
  );
  const interpreters: WithdrawableRequests<InterpreterRequestRow, InterpreterFields> = withdrawableRequests(
    db,
    'interpreter_requests',
  );

  return {
    supporters,
    interpreters,

    attendance: {
      /** The parent's attendance answer for the conference (undefined when none yet). */
      async find({ conferenceId, parentId }: RequestOwner): Promise<AttendanceRow | undefined> {
        return db
          .selectFrom('attendance')
          .selectAll()
          .where('conference_id', '=', conferenceId)
          .where('parent_id', '=', parentId)
          .executeTakeFirst();
      },

      /** Changes the parent's answer (`existingId`) or adds it; new to the team again either way. Returns its id. */
      async write(
        owner: RequestOwner,
        existingId: string | undefined,
        fields: AttendanceFields,
        now: string,
      ): Promise<string> {
        const values = { ...fields, updated_at: now, ...UNHANDLED } satisfies Updateable<AttendanceTable>;
        if (existingId) {
          await db
            .updateTable('attendance')
            .set(values)
            .where('id', '=', existingId)
            .where('parent_id', '=', owner.parentId)
            .execute();
          return existingId;
        }
        const id = randomUUID();
        await db
          .insertInto('attendance')
          .values({ ...values, id, conference_id: owner.conferenceId, parent_id: owner.parentId, created_at: now })
          .execute();
        return id;
      },
    },

    complaints: {
      /** The parent's complaints about the conference, oldest first. */
      async list({ conferenceId, parentId }: RequestOwner): Promise<ComplaintRow[]> {
        return db
          .selectFrom('complaints')
          .selectAll()
          .where('conference_id', '=', conferenceId)
          .where('parent_id', '=', parentId)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
      },

      /** One of the parent's complaints about the conference (undefined when not theirs). */
      async find({ conferenceId, parentId }: RequestOwner, id: string): Promise<ComplaintRow | undefined> {
        return db
          .selectFrom('complaints')
          .selectAll()
          .where('id', '=', id)
          .where('conference_id', '=', conferenceId)
          .where('parent_id', '=', parentId)
          .executeTakeFirst();
      },

      /** The parent's complaint with this about and details made at or after `since` (a repeat), if any. */
      async sameSince(
        owner: RequestOwner,
        complaint: Pick<ComplaintRow, 'about' | 'details'>,
        since: string,
      ): Promise<ComplaintRow | undefined> {
        return db
          .selectFrom('complaints')
          .selectAll()
          .where('conference_id', '=', owner.conferenceId)
          .where('parent_id', '=', owner.parentId)
          .where('about', '=', complaint.about)
          .where('details', '=', complaint.details)
          .where('created_at', '>=', since)
          .orderBy('created_at')
          .executeTakeFirst();
      },

      /** The highest reference starting with `prefix` (any parent's: references count up across the council), or null. */
      async lastReference(prefix: string): Promise<string | null> {
        const row = await db
          .selectFrom('complaints')
          .select((eb) => eb.fn.max('reference').as('reference'))
          .where('reference', 'like', `${prefix.replace(/[%_\\]/g, '')}%`)
          .executeTakeFirst();
        return row?.reference ?? null;
      },

      /** Adds a complaint, new to the team. */
      async add(
        owner: RequestOwner,
        complaint: Pick<ComplaintRow, 'id' | 'reference' | 'about' | 'details' | 'created_at'>,
      ): Promise<void> {
        await db
          .insertInto('complaints')
          .values({ ...complaint, conference_id: owner.conferenceId, parent_id: owner.parentId, ...UNHANDLED })
          .execute();
      },
    },
  };
}
export type ParentRequestsRepository = ReturnType<typeof parentRequestsRepository>;
