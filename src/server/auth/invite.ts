import type { Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';
import { casesRepository } from '~/server/db/repositories/cases';
import { inTransaction } from '~/server/services/transactions';
import type { AuditService } from '~/server/services/audit';
import type { Clock } from '~/server/services/clock';
import type { MailService } from '~/server/mail/outbox';
import type { Auth } from './better-auth';
import { normaliseEmail } from './parents';

/** Who did something, for the audit log. */
export interface Actor {
  type: 'staff' | 'system';
  id: string | null;
}

export class NotFoundError extends Error {}

/**
 * Invites a parent: makes sure their email address has an account (nobody
 * can sign up alone), links it to the parent, records when, and sends the
 * neutral "you have a new message, sign in" email in the parent's language.
 * Inviting again sends the email again.
 */
export function inviteService(db: Kysely<Database>, clock: Clock, auth: Auth, mail: MailService, audit: AuditService) {
  return {
    /** Invites one parent (see above); returns the better-auth user id. */
    async inviteParent(parentId: string, actor: Actor = { type: 'system', id: null }): Promise<{ userId: string }> {
      const parent = await casesRepository(db).parents.find(parentId);
      if (!parent) throw new NotFoundError(`No parent ${parentId}`);
      const email = normaliseEmail(parent.email);
      const ctx = await auth.$context;
      const existing = await ctx.internalAdapter.findUserByEmail(email);
      // The account holds no name: the parent's details stay in the parents table.
      const user =
        existing?.user ??
        (await ctx.internalAdapter.createUser({ email, name: '', emailVerified: true }, { method: 'invite' }));
      const now = clock.now().toISOString();
      // The link, the email and the audit entry together, or none of them.
      await inTransaction(db, async (trx) => {
        await casesRepository(trx).parents.markInvited(parentId, user.id, now);
        await mail.enqueue(email, 'new-message', parent.preferred_language, {}, trx);
        await audit.record(
          {
            actorType: actor.type,
            actorId: actor.id,
            action: 'parent.invite',
            caseId: parent.case_id,
            subjectType: 'parent',
            subjectId: parent.id,
          },
          trx,
        );
      });
      return { userId: user.id };
    },
  };
}
export type InviteService = ReturnType<typeof inviteService>;
