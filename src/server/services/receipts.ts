import type { Kysely } from 'kysely';
import { casesRepository } from '~/server/db/repositories/cases';
import type { Database } from '~/server/db/schema';
import type { MailService } from '~/server/mail/outbox';

/**
 * What happens after a parent sends something (a supporter, an interpreter
 * request, attendance or views, a complaint): they get a confirmation email in
 * their language, and the conference team, if it has an address
 * (TEAM_EMAIL), a notice to look at the staff inbox. Neither says anything
 * about the family: only that there is something to read after signing in.
 */
export function receiptService(db: Kysely<Database>, mail: MailService, teamEmail: string | undefined) {
  return async (parentId: string, on: Kysely<Database> = db): Promise<void> => {
    const parent = await casesRepository(on).parents.contact(parentId);
    if (parent) await mail.enqueue(parent.email, 'received', parent.preferred_language, {}, on);
    if (teamEmail) await mail.enqueue(teamEmail, 'team-inbox', 'en', {}, on);
  };
}
