import type { Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';
import { casesRepository } from '~/server/db/repositories/cases';
import type { AuditService } from '~/server/services/audit';
import type { Clock } from '~/server/services/clock';
import { inTransaction } from '~/server/services/transactions';
import type { CodeRecipient } from './better-auth';

/** The signed-in parent as pages see it (Astro.locals.parent). */
export interface SignedInParent {
  userId: string;
  name: string;
  preferredLanguage: string;
  /** One entry per case this person is a parent in. */
  memberships: { parentId: string; caseId: string }[];
}

/** Normalises an address the way better-auth stores it. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Queries about the people who may sign in as a parent. */
export function parentAccounts(db: Kysely<Database>, clock?: Clock) {
  return {
    /** An invited parent with this address, who may be sent a code; null for anyone else. */
    async findRecipient(email: string): Promise<CodeRecipient | null> {
      const row = await casesRepository(db).parents.invitedByEmail(normaliseEmail(email));
      return row ? { locale: row.preferred_language, actorType: 'parent', actorId: row.id, caseId: row.case_id } : null;
    },

    /** The parent rows of a better-auth user, or null when the user is no invited parent. */
    async forUser(userId: string): Promise<SignedInParent | null> {
      const rows = await casesRepository(db).parents.invitedOfUser(userId);
      const [first] = rows;
      if (!first) return null;
      return {
        userId,
        name: first.name,
        preferredLanguage: first.preferred_language,
        memberships: rows.map((r) => ({ parentId: r.id, caseId: r.case_id })),
      };
    },

    /**
     * A sign-in, in every case the person is a parent in: audited, and kept on
     * each parent row (last_signed_in_at, which the staff case page shows), together.
     */
    async recordSignIn(memberships: SignedInParent['memberships'], audit: AuditService): Promise<void> {
      const at = (clock?.now() ?? new Date()).toISOString();
      await inTransaction(db, async (trx) => {
        for (const m of memberships) {
          await audit.record(
            { actorType: 'parent', actorId: m.parentId, action: 'auth.sign-in', caseId: m.caseId },
            trx,
          );
          await casesRepository(trx).parents.markSignedIn(m.parentId, at);
        }
      });
    },
  };
}
export type ParentAccounts = ReturnType<typeof parentAccounts>;
