import type { Kysely } from 'kysely';
import { assertCan } from '~/server/auth/staff-roles';
import { casesRepository } from '~/server/db/repositories/cases';
import { staffRepository } from '~/server/db/repositories/staff';
import type { Database } from '~/server/db/schema';
import type { EmailProblem, MailService } from '~/server/mail/outbox';
import type { AuditService } from './audit';
import type { StaffActor } from './staff-reports';

/** What each kind of email is, in the staff area's words. */
export const EMAIL_KINDS: Record<string, string> = {
  'new-message': 'Invitation (“you have a new message”)',
  'conference-changed': 'Conference changed',
  received: 'Confirmation of something the parent sent',
  'team-inbox': 'Notice to the team’s address',
  'sign-in-code': 'Sign-in code',
  'mobile-code': 'Code to confirm a mobile (text message)',
  'meeting-booked': 'Reminder: meeting booked',
  'meeting-changed': 'Reminder: meeting moved',
  'meeting-cancelled': 'Reminder: meeting cancelled',
  'supporter-notice': 'Reminder: supporter notice ends soon',
  'reports-due': 'Reminder: reports due',
  'meeting-tomorrow': 'Reminder: meeting tomorrow',
  'meeting-today': 'Reminder: meeting today',
  'decisions-due': 'Reminder: written decisions due',
  'minutes-due': 'Reminder: minutes due',
  'complaint-closing': 'Reminder: complaint window closing',
};

/** A given-up email, with whom it was for as far as the portal knows. */
export interface EmailProblemRow extends EmailProblem {
  kind: string;
  /** The parents (with their case) or member of staff with that address. */
  people: { name: string; caseId: string | null; caseReference: string | null }[];
  /** Sign-in codes are not sent again: the code has long expired; the person asks for a new one. */
  canRetry: boolean;
}

/**
 * The staff area's Email problems list: emails the portal gave up on after
 * every try (the provider refused or was down for hours), so someone can
 * reach the person another way, and send the email again once it is fixed.
 */
export function staffEmailsService(deps: { db: Kysely<Database>; mail: MailService; audit: AuditService }) {
  const { db, mail, audit } = deps;
  return {
    /** Emails given up, most recent first. */
    async list(actor: StaffActor): Promise<EmailProblemRow[]> {
      assertCan(actor.role, 'view');
      const problems = await mail.problems();
      const addresses = [...new Set(problems.map((p) => p.to.toLowerCase()))];
      const [parents, staff] = addresses.length
        ? await Promise.all([
            casesRepository(db).parents.withAddresses(addresses),
            staffRepository(db).withEmails(addresses),
          ])
        : [[], []];
      return problems.map((p) => {
        const address = p.to.toLowerCase();
        return {
          ...p,
          kind: EMAIL_KINDS[p.template] ?? p.template,
          people: [
            ...parents
              .filter((r) => r.address === address || r.mobile === p.to)
              .map((r) => ({ name: r.name, caseId: r.id, caseReference: r.reference })),
            ...staff
              .filter((r) => r.address === address)
              .map((r) => ({ name: `${r.name} (staff)`, caseId: null, caseReference: null })),
          ],
          canRetry: p.template !== 'sign-in-code',
        };
      });
    },

    /** Sends a given-up email again (once the problem is fixed); audited. False when it was not given up. */
    async retry(id: string, actor: StaffActor): Promise<boolean> {
      assertCan(actor.role, 'handleRequests');
      return db.transaction().execute(async (trx) => {
        const retried = await mail.retry(id, trx);
        if (retried)
          await audit.record(
            { actorType: 'staff', actorId: actor.id, action: 'email.retry', subjectType: 'email', subjectId: id },
            trx,
          );
        return retried;
      });
    },
  };
}
export type StaffEmailsService = ReturnType<typeof staffEmailsService>;
