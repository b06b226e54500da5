import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { staffRepository } from '~/server/db/repositories/staff';
import type { Database, StaffRole } from '~/server/db/schema';
import type { AuditService } from '~/server/services/audit';
import type { Clock } from '~/server/services/clock';
import type { Auth } from './better-auth';
import type { CodeRecipient } from './better-auth';
import { normaliseEmail } from './parents';
import { done, refused, type Result } from '~/server/result';

/** A member of the council's team, as pages see it (Astro.locals.staff). */
export interface StaffMember {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: StaffRole;
}

export const STAFF_ROLES = ['admin', 'officer', 'chair', 'readonly'] as const satisfies readonly StaffRole[];

/**
 * Why a change to a staff account was refused: nobody changes their own role or
 * access (another administrator does), and the last active administrator stays one.
 */
export type StaffChangeRefusal = 'own-account' | 'last-admin';
export type StaffChangeResult = { ok: true } | { ok: false; reason: StaffChangeRefusal };

/** Who acts on the staff table: a staff member, or the command line / demo seed. */
export interface StaffActor {
  type: 'staff' | 'system';
  id: string | null;
}

/**
 * The council's team: who may be sent a sign-in code, who a signed-in user
 * is, and adding staff (each with a better-auth account holding no name).
 */
export function staffAccounts(db: Kysely<Database>, clock: Clock, auth: Auth, audit: AuditService) {
  const now = () => clock.now().toISOString();
  const staff = staffRepository(db);
  const byEmail = (email: string) => staff.findByEmail(normaliseEmail(email));

  return {
    /** An active staff member with this address, who may be sent a code (staff codes are in English). */
    async findRecipient(email: string): Promise<CodeRecipient | null> {
      const row = await byEmail(email);
      return row && row.active === 1 && row.user_id
        ? { locale: 'en', actorType: 'staff', actorId: row.id, caseId: null }
        : null;
    },

    /** The active staff member behind a better-auth user, or null. */
    async forUser(userId: string): Promise<StaffMember | null> {
      const row = await staff.activeForUser(userId);
      return row && row.user_id
        ? { id: row.id, userId: row.user_id, name: row.name, email: row.email, role: row.role }
        : null;
    },

    /** Everyone on the team, active first, by name. */
    async list() {
      return staff.list();
    },

    /**
     * Adds a staff member who can then sign in (code, then setting up an authenticator app).
     * An address already on the team (active or switched off) is refused.
     */
    async create(
      input: { name: string; email: string; role: StaffRole },
      actor: StaffActor,
    ): Promise<Result<{ id: string }, 'email-taken'>> {
      const email = normaliseEmail(input.email);
      if (await byEmail(email)) return refused('email-taken');
      const ctx = await auth.$context;
      const existing = await ctx.internalAdapter.findUserByEmail(email);
      const user =
        existing?.user ??
        (await ctx.internalAdapter.createUser({ email, name: '', emailVerified: true }, { method: 'invite' }));
      const id = randomUUID();
      await staff.insert({
        id,
        user_id: user.id,
        name: input.name.trim(),
        email,
        role: input.role,
        active: 1,
        created_at: now(),
        updated_at: now(),
      });
      await audit.record({
        actorType: actor.type,
        actorId: actor.id,
        action: 'staff.create',
        subjectType: 'staff',
        subjectId: id,
        detail: { role: input.role },
      });
      return done({ id });
    },

    /** Whether each member has set up an authenticator app (by staff id). */
    async secondFactorSetUp(): Promise<Set<string>> {
      return new Set(await staff.withSecondFactor());
    },

    /**
     * Changes a member's role, or turns their access off or on again (signing them out everywhere when off).
     * Refused for the actor's own account, and when it would leave no active administrator.
     */
    async update(
      id: string,
      change: { role?: StaffRole; active?: boolean },
      actor: StaffActor,
    ): Promise<StaffChangeResult> {
      if (actor.type === 'staff' && actor.id === id) return { ok: false, reason: 'own-account' };
      const row = await staff.get(id);
      const losesAdmin =
        row.role === 'admin' &&
        row.active === 1 &&
        ((change.role !== undefined && change.role !== 'admin') || change.active === false);
      if (losesAdmin) {
        const others = await staff.otherActiveAdmins(id);
        if (others.length === 0) return { ok: false, reason: 'last-admin' };
      }
      await staff.update(id, {
        ...(change.role ? { role: change.role } : {}),
        ...(change.active === undefined ? {} : { active: change.active ? 1 : 0 }),
        updated_at: now(),
      });
      if (change.active === false && row.user_id) {
        const ctx = await auth.$context;
        await ctx.internalAdapter.deleteUserSessions(row.user_id);
      }
      await audit.record({
        actorType: actor.type,
        actorId: actor.id,
        action: 'staff.update',
        subjectType: 'staff',
        subjectId: id,
        detail: change,
      });
      return { ok: true };
    },
  };
}
export type StaffAccounts = ReturnType<typeof staffAccounts>;
