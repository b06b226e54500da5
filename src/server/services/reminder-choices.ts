import type { Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';
import { casesRepository } from '~/server/db/repositories/cases';
import { parentOfStopToken } from '~/server/notify/stop-link';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { inTransaction } from './transactions';

/** Stopping reminders from the one-tap link in a message (no sign-in: the signed token says whose). */
export function reminderChoicesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  secret: string;
}) {
  const { db, clock, audit, secret } = deps;
  return {
    /** The parent a stop link was made for, with their language; null when the link is not one of ours. */
    async parentOfToken(token: string): Promise<{ id: string; language: string; stopped: boolean } | null> {
      const id = parentOfStopToken(secret, token);
      if (!id) return null;
      const parent = await casesRepository(db).parents.find(id);
      return parent
        ? { id: parent.id, language: parent.preferred_language, stopped: parent.reminders_stopped_at !== null }
        : null;
    },

    /** Stops every reminder to this parent (audited); nothing more is queued, and nothing queued is sent. */
    async stop(parentId: string, how: 'page' | 'one-click' = 'page'): Promise<void> {
      const parent = await casesRepository(db).parents.find(parentId);
      if (!parent || parent.reminders_stopped_at) return;
      await inTransaction(db, async (trx) => {
        // Stopped once, however many times it is asked for at once (a double tap, a mail scanner).
        if (!(await casesRepository(trx).parents.stopReminders(parentId, clock.now().toISOString()))) return;
        await audit.record(
          {
            actorType: 'parent',
            actorId: parentId,
            action: 'reminders.stop',
            caseId: parent.case_id,
            subjectType: 'parent',
            subjectId: parentId,
            detail: { how },
          },
          trx,
        );
      });
    },
  };
}
export type ReminderChoicesService = ReturnType<typeof reminderChoicesService>;
