import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database } from '~/server/db/schema';
import type { ScopedConference } from './parent-scope';

/** Requests a parent sends, changes and withdraws, one current row per parent and conference. */
export type WithdrawableTable = 'supporter_nominations' | 'interpreter_requests';
/** What the parent's form sets: everything but the row's identity and stamps. */
export type RequestFields<T extends WithdrawableTable> = Omit<
  Insertable<Database[T]>,
  | 'id'
  | 'conference_id'
  | 'parent_id'
  | 'created_at'
  | 'updated_at'
  | 'withdrawn_at'
  | 'handled_status'
  | 'handled_by'
  | 'handled_at'
>;

/** A change or a withdrawal is news to the case team again. */
const UNHANDLED = { handled_status: 'new', handled_by: null, handled_at: null } as const;

/**
 * Writing and withdrawing a parent's request in one of the request tables,
 * always under the parent's own id (so no other parent's row can be touched).
 */
export function withdrawableRequests<T extends WithdrawableTable>(table: T) {
  // Kysely cannot type a table chosen at run time; both tables share these columns.
  const on = (trx: Kysely<Database>) => trx as unknown as Kysely<Record<'requests', Database[WithdrawableTable]>>;
  const name = table as unknown as 'requests';
  return {
    /** The parent's current (not withdrawn) request for the conference, newest first. */
    current(
      trx: Kysely<Database>,
      conferenceId: string,
      parentId: string,
    ): Promise<Selectable<Database[T]> | undefined> {
      const row = on(trx)
        .selectFrom(name)
        .selectAll()
        .where('conference_id', '=', conferenceId)
        .where('parent_id', '=', parentId)
        .where('withdrawn_at', 'is', null)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row as Promise<Selectable<Database[T]> | undefined>;
    },

    /** Changes the parent's current request (`existingId`) or adds one; returns its id and which it was. */
    async write(
      trx: Kysely<Database>,
      scope: ScopedConference,
      existingId: string | undefined,
      fields: RequestFields<T>,
      now: string,
    ): Promise<{ id: string; action: 'create' | 'update' }> {
      const values = { ...fields, updated_at: now, ...UNHANDLED } as never;
      if (existingId) {
        await on(trx)
          .updateTable(name)
          .set(values)
          .where('id', '=', existingId)
          .where('parent_id', '=', scope.parentId)
          .execute();
        return { id: existingId, action: 'update' };
      }
      const id = randomUUID();
      await on(trx)
        .insertInto(name)
        .values({
          ...(values as object),
          id,
          conference_id: scope.conference.id,
          parent_id: scope.parentId,
          created_at: now,
          withdrawn_at: null,
        } as never)
        .execute();
      return { id, action: 'create' };
    },

    /** Marks the parent's request withdrawn (the row stays, for the audit trail and the case team). */
    async withdraw(trx: Kysely<Database>, scope: ScopedConference, id: string, now: string): Promise<void> {
      await on(trx)
        .updateTable(name)
        .set({ withdrawn_at: now, updated_at: now, ...UNHANDLED })
        .where('id', '=', id)
        .where('parent_id', '=', scope.parentId)
        .execute();
    },
  };
}
