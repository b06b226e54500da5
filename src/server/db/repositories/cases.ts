import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CasesTable, ChildrenTable, Database, ParentsTable } from '~/server/db/schema';

export type CaseRow = Selectable<CasesTable>;
export type ChildRow = Selectable<ChildrenTable>;
export type ParentRow = Selectable<ParentsTable>;

/** A case as the staff home page lists it (counts as the database gives them: numbers or strings). */
export interface CaseListing {
  id: string;
  reference: string;
  updated_at: string;
  children: number | string | null;
  parents: number | string | null;
  next_conference: string | null;
}

/** Where a page of the case list starts: after (forward) or before (backward) this (updated_at, id). */
export interface CaseListPosition {
  direction: 'forward' | 'backward';
  cursor: readonly [string, string] | null;
  /** Rows to read (the caller asks for one more than it shows, to know whether there are more). */
  limit: number;
}

/**
 * A family's case: the case itself, its children and its parents or carers,
 * as the staff area and the demo seed put them in and read them. Each change
 * is one statement; the service holds the transaction (give it `trx`).
 */
export function casesRepository(db: Kysely<Database>) {
  return {
    /** Opens a case. */
    async insert(row: Pick<CaseRow, 'id' | 'reference' | 'created_at' | 'updated_at'>): Promise<void> {
      await db.insertInto('cases').values(row).execute();
    },

    /** The case with this id, or undefined. */
    async find(caseId: string): Promise<CaseRow | undefined> {
      return db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
    },

    /** The id of the case with exactly this reference, if any. */
    async idByReference(reference: string): Promise<string | null> {
      const row = await db.selectFrom('cases').select('id').where('reference', '=', reference).executeTakeFirst();
      return row?.id ?? null;
    },

    /** Changes a case's reference. */
    async rename(caseId: string, reference: string, at: string): Promise<void> {
      await db.updateTable('cases').set({ reference, updated_at: at }).where('id', '=', caseId).execute();
    },

    /** Marks the case changed (the staff home page lists the most recently changed first). */
    async touch(caseId: string, at: string): Promise<void> {
      await db.updateTable('cases').set({ updated_at: at }).where('id', '=', caseId).execute();
    },

    /**
     * A page of the case list, most recently changed first, with counts of
     * children and parents and the next scheduled conference from `now`.
     * `search` (lower case) keeps cases whose reference, or one of whose
     * parents' names, starts with it; both read an index.
     */
    async list(search: string, position: CaseListPosition, now: string): Promise<CaseListing[]> {
      let query = db.selectFrom('cases').select((eb) => [
        'cases.id',
        'cases.reference',
        'cases.updated_at',
        eb
          .selectFrom('children')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('children.case_id', '=', 'cases.id')
          .as('children'),
        eb
          .selectFrom('parents')
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('parents.case_id', '=', 'cases.id')
          .as('parents'),
        eb
          .selectFrom('conferences')
          .select((inner) => inner.fn.min('conferences.starts_at').as('s'))
          .whereRef('conferences.case_id', '=', 'cases.id')
          .where('status', '=', 'scheduled')
          .where('starts_at', '>=', now)
          .as('next_conference'),
      ]);
      if (search) {
        // A prefix is a range of the index: from the term up to the term followed by the last character there is.
        const end = `${search}\u{10FFFF}`;
        query = query.where((eb) =>
          eb('cases.id', 'in', (sub) =>
            sub
              .selectFrom('cases as c')
              .select('c.id')
              .where('c.reference_normalised', '>=', search)
              .where('c.reference_normalised', '<', end)
              .union(
                sub
                  .selectFrom('parents as p')
                  .select('p.case_id as id')
                  .where('p.name_normalised', '>=', search)
                  .where('p.name_normalised', '<', end),
              ),
          ),
        );
      }
      const { cursor, direction } = position;
      if (cursor)
        query = query.where((eb) =>
          eb(
            eb.refTuple('cases.updated_at', 'cases.id'),
            direction === 'forward' ? '<' : '>',
            eb.tuple(cursor[0], cursor[1]),
          ),
        );
      const order = direction === 'forward' ? 'desc' : 'asc';
      return query.orderBy('cases.updated_at', order).orderBy('cases.id', order).limit(position.limit).execute();
    },

    children: {
      /** Adds a child to a case. */
      async insert(row: Insertable<ChildrenTable>): Promise<void> {
        await db.insertInto('children').values(row).execute();
      },

      /** The case's children, eldest first. */
      async inCase(caseId: string): Promise<ChildRow[]> {
        return db.selectFrom('children').selectAll().where('case_id', '=', caseId).orderBy('date_of_birth').execute();
      },

      /** Whether this child is in this case. */
      async existsInCase(caseId: string, childId: string): Promise<boolean> {
        const row = await db
          .selectFrom('children')
          .select('id')
          .where('id', '=', childId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        return row !== undefined;
      },

      /** Corrects a child's first name or date of birth. */
      async update(
        caseId: string,
        childId: string,
        child: Pick<ChildRow, 'first_name' | 'date_of_birth'>,
      ): Promise<void> {
        await db.updateTable('children').set(child).where('id', '=', childId).where('case_id', '=', caseId).execute();
      },

      /** Takes a child off the case and off its conferences; false when it was not there (taken off already). */
      async remove(caseId: string, childId: string): Promise<boolean> {
        await db.deleteFrom('conference_children').where('child_id', '=', childId).execute();
        const removed = await db
          .deleteFrom('children')
          .where('id', '=', childId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        return Number(removed.numDeletedRows) > 0;
      },
    },

    parents: {
      /** Adds a parent or carer. */
      async insert(row: Insertable<ParentsTable>): Promise<void> {
        await db.insertInto('parents').values(row).execute();
      },

      /** The case's parents and carers, by name. */
      async inCase(caseId: string): Promise<ParentRow[]> {
        return db.selectFrom('parents').selectAll().where('case_id', '=', caseId).orderBy('name').execute();
      },

      /** One parent, only when in this case. */
      async findInCase(caseId: string, parentId: string): Promise<ParentRow | undefined> {
        return db
          .selectFrom('parents')
          .selectAll()
          .where('id', '=', parentId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
      },

      /** The case's parents and carers by name, with only what the staff conference page shows. */
      async contactsInCase(caseId: string): Promise<Pick<ParentRow, 'id' | 'name' | 'email' | 'invited_at'>[]> {
        return db
          .selectFrom('parents')
          .select(['id', 'name', 'email', 'invited_at'])
          .where('case_id', '=', caseId)
          .orderBy('name')
          .execute();
      },

      /** How many of the case's parents have been invited (they are told when a conference moves). */
      async invitedCount(caseId: string): Promise<number> {
        const row = await db
          .selectFrom('parents')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('case_id', '=', caseId)
          .where('invited_at', 'is not', null)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      },

      /** Those of these parents who belong to the case (only they can be given its reports). */
      async idsInCase(caseId: string, parentIds: readonly string[]): Promise<string[]> {
        if (parentIds.length === 0) return [];
        const rows = await db
          .selectFrom('parents')
          .select('id')
          .where('case_id', '=', caseId)
          .where('id', 'in', parentIds)
          .execute();
        return rows.map((r) => r.id);
      },

      /** One parent, whichever case (undefined when there is none). */
      async find(parentId: string): Promise<ParentRow | undefined> {
        return db.selectFrom('parents').selectAll().where('id', '=', parentId).executeTakeFirst();
      },

      /** What the parent chose about reminders (undefined when there is no such parent). */
      async reminderChoice(
        parentId: string,
      ): Promise<Pick<ParentRow, 'reminders_stopped_at' | 'reminder_channel'> | undefined> {
        return db
          .selectFrom('parents')
          .select(['reminders_stopped_at', 'reminder_channel'])
          .where('id', '=', parentId)
          .executeTakeFirst();
      },

      /**
       * The parents whose address (normalised) or mobile is one of these, with their case, by name
       * (who a given-up email or text message was for).
       */
      async withAddresses(
        addresses: readonly string[],
      ): Promise<{ address: string; mobile: string | null; name: string; id: string; reference: string }[]> {
        return (
          db
            .selectFrom('parents')
            .innerJoin('cases', 'cases.id', 'parents.case_id')
            .select([
              'parents.email_normalised as address',
              'parents.mobile',
              'parents.name',
              'cases.id',
              'cases.reference',
            ])
            // A text message's address is the parent's mobile.
            .where((eb) =>
              eb.or([eb('parents.email_normalised', 'in', addresses), eb('parents.mobile', 'in', addresses)]),
            )
            .orderBy('parents.name')
            .execute()
        );
      },

      /** The earliest-invited parent with this address (normalised) who has an account: who a sign-in code is for. */
      async invitedByEmail(emailNormalised: string): Promise<ParentRow | undefined> {
        return db
          .selectFrom('parents')
          .selectAll()
          .where('email_normalised', '=', emailNormalised)
          .where('invited_at', 'is not', null)
          .where('user_id', 'is not', null)
          .orderBy('invited_at')
          .limit(1)
          .executeTakeFirst();
      },

      /** Every invited parent row of a sign-in account (one per case), most recently changed first. */
      async invitedOfUser(userId: string): Promise<ParentRow[]> {
        return db
          .selectFrom('parents')
          .selectAll()
          .where('user_id', '=', userId)
          .where('invited_at', 'is not', null)
          .orderBy('updated_at', 'desc')
          .execute();
      },

      /** Links the parent to their sign-in account and records when they were invited. */
      async markInvited(parentId: string, userId: string, at: string): Promise<void> {
        await db
          .updateTable('parents')
          .set({ user_id: userId, invited_at: at, updated_at: at })
          .where('id', '=', parentId)
          .execute();
      },

      /**
       * Holds the parent's row until the transaction ends (a no-op update takes
       * the row's lock on PostgreSQL, and the write lock on SQLite).
       */
      async lock(parentId: string): Promise<void> {
        await db
          .updateTable('parents')
          .set((eb) => ({ updated_at: eb.ref('updated_at') }))
          .where('id', '=', parentId)
          .execute();
      },

      /** The address and language a parent's emails go to (undefined when there is no such parent). */
      async contact(parentId: string): Promise<Pick<ParentRow, 'email' | 'preferred_language'> | undefined> {
        return db
          .selectFrom('parents')
          .select(['email', 'preferred_language'])
          .where('id', '=', parentId)
          .executeTakeFirst();
      },

      /** Records a sign-in with the parent's current address (the staff case page shows it). */
      async markSignedIn(parentId: string, at: string): Promise<void> {
        await db.updateTable('parents').set({ last_signed_in_at: at }).where('id', '=', parentId).execute();
      },

      /** Stops every reminder to the parent; false when they were stopped already (by this or another request). */
      async stopReminders(parentId: string, at: string): Promise<boolean> {
        const changed = await db
          .updateTable('parents')
          .set({ reminders_stopped_at: at })
          .where('id', '=', parentId)
          .where('reminders_stopped_at', 'is', null)
          .executeTakeFirst();
        return Number(changed.numUpdatedRows) === 1;
      },

      /** Another parent of the case (not `except`) already has this address (normalised). */
      async emailTaken(caseId: string, emailNormalised: string, except: string | null): Promise<boolean> {
        let query = db
          .selectFrom('parents')
          .select('id')
          .where('case_id', '=', caseId)
          .where('email_normalised', '=', emailNormalised);
        if (except) query = query.where('id', '!=', except);
        return (await query.executeTakeFirst()) !== undefined;
      },

      /** Changes a parent's details as staff typed them (and, for a new address, what goes with the old one). */
      async updateDetails(
        parentId: string,
        details: Pick<
          Partial<ParentRow>,
          'name' | 'email' | 'preferred_language' | 'shares_household' | 'user_id' | 'invited_at' | 'last_signed_in_at'
        > & { updated_at: string },
      ): Promise<void> {
        await db.updateTable('parents').set(details).where('id', '=', parentId).execute();
      },
    },
  };
}
export type CasesRepository = ReturnType<typeof casesRepository>;
