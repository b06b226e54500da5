import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database, StaffRole, StaffTable } from '~/server/db/schema';

export type StaffRow = Selectable<StaffTable>;

/**
 * The council's team: staff accounts (each linked to a better-auth user) and
 * the authenticator-app time steps already used by an account. Each change is
 * one statement; the service holds the rules.
 */
export function staffRepository(db: Kysely<Database>) {
  return {
    /** The member with this address (normalised), active or not, or undefined. */
    async findByEmail(emailNormalised: string): Promise<StaffRow | undefined> {
      return db.selectFrom('staff').selectAll().where('email_normalised', '=', emailNormalised).executeTakeFirst();
    },

    /** The members (active or not) whose address (normalised) is one of these. */
    async withEmails(addresses: readonly string[]): Promise<{ address: string; name: string }[]> {
      return db
        .selectFrom('staff')
        .select(['email_normalised as address', 'name'])
        .where('email_normalised', 'in', addresses)
        .execute();
    },

    /** The active member behind a better-auth user, or undefined. */
    async activeForUser(userId: string): Promise<StaffRow | undefined> {
      return db
        .selectFrom('staff')
        .selectAll()
        .where('user_id', '=', userId)
        .where('active', '=', 1)
        .executeTakeFirst();
    },

    /** The member with this id (throws when there is none). */
    async get(id: string): Promise<StaffRow> {
      return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },

    /** Everyone on the team, active first, by name. */
    async list(): Promise<StaffRow[]> {
      return db.selectFrom('staff').selectAll().orderBy('active', 'desc').orderBy('name').execute();
    },

    /** Adds a member. */
    async insert(row: Omit<Insertable<StaffTable>, 'email_normalised'>): Promise<void> {
      await db.insertInto('staff').values(row).execute();
    },

    /** The ids of the active administrators other than `except`. */
    async otherActiveAdmins(except: string): Promise<string[]> {
      const rows = await db
        .selectFrom('staff')
        .select('id')
        .where('role', '=', 'admin')
        .where('active', '=', 1)
        .where('id', '!=', except)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Changes a member's role or access. */
    async update(id: string, change: { role?: StaffRole; active?: 0 | 1; updated_at: string }): Promise<void> {
      await db.updateTable('staff').set(change).where('id', '=', id).execute();
    },

    /** The ids of members whose better-auth user has an authenticator app set up. */
    async withSecondFactor(): Promise<string[]> {
      const rows = await db
        .selectFrom('staff')
        .innerJoin(sql<{ id: string; twoFactorEnabled: unknown }>`"user"`.as('u'), 'u.id', 'staff.user_id')
        .select(['staff.id as id', sql<unknown>`u."twoFactorEnabled"`.as('enabled')])
        .execute();
      return rows.filter((r) => r.enabled === true || r.enabled === 1).map((r) => r.id);
    },

    totpSteps: {
      /** Takes a time step for an account; false when it was taken already (in this process or another). */
      async claim(userId: string, step: number, at: string): Promise<boolean> {
        const result = await db
          .insertInto('totp_used')
          .values({ user_id: userId, step, used_at: at })
          .onConflict((oc) => oc.columns(['user_id', 'step']).doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
      },

      /** Forgets steps used before `before`. */
      async pruneBefore(before: string): Promise<void> {
        await db.deleteFrom('totp_used').where('used_at', '<', before).execute();
      },
    },
  };
}
export type StaffRepository = ReturnType<typeof staffRepository>;
