// The reminder scheduler: reads each conference that can still have a
// reminder due, its parents and what they have, asks the pure schedule
// (server/domain/reminders.ts) what is due, and queues each due reminder in
// the outbox once (its key is unique). The outbox worker runs it about once
// a minute; `npm run reminders:due` prints what it would queue.
import type { Kysely } from 'kysely';
import type { Authority } from '~/config/authority-schema';
import type { Database } from '~/server/db/schema';
import { reminderRulesOf } from '~/server/domain/reminder-rules';
import {
  dueReminders,
  planReminders,
  sharedOf,
  type Channel,
  type PlannedReminder,
  type ReminderConference,
  type ReminderItem,
  type ReminderRecipient,
} from '~/server/domain/reminders';
import type { Clock } from '~/server/services/clock';
import type { MailService } from '~/server/mail/outbox';
import { stopToken } from './stop-link';

/** How far back a conference can still have a reminder due (the longest complaint window a council sets, and more). */
export const LOOK_BACK_DAYS = 120;

export interface SchedulerDeps {
  db: Kysely<Database>;
  clock: Clock;
  authority: Authority;
  mail: MailService;
  /** Signs each reminder's stop link (BETTER_AUTH_SECRET). */
  secret: string;
  /** The channels the sender can use: no text message is planned where it cannot send them. */
  channels: readonly Channel[];
}

/** Which channels a parent's choice and confirmed mobile give. */
export function addressesOf(
  parent: { email: string; reminder_channel: string; mobile: string | null },
  channels: readonly Channel[],
): ReminderRecipient['addresses'] {
  const choice = parent.reminder_channel;
  const email = choice === 'email' || choice === 'both' ? parent.email : null;
  const sms = (choice === 'sms' || choice === 'both') && channels.includes('sms') ? parent.mobile : null;
  return { email, sms };
}

export function reminderScheduler({ db, clock, authority, mail, secret, channels }: SchedulerDeps) {
  const rules = reminderRulesOf(authority);

  /** The conferences that can have a reminder due from `now` on (optionally only one, or one parent's). */
  async function conferences(now: Date, only: { conferenceId?: string; parentId?: string }) {
    let query = db
      .selectFrom('conferences')
      .select(['id', 'case_id', 'type', 'starts_at', 'status', 'sequence', 'changed_at', 'created_at'])
      .where('starts_at', '>=', new Date(now.getTime() - LOOK_BACK_DAYS * 86_400_000).toISOString());
    if (only.conferenceId) query = query.where('id', '=', only.conferenceId);
    if (only.parentId)
      query = query.where('case_id', 'in', db.selectFrom('parents').select('case_id').where('id', '=', only.parentId));
    return query.orderBy('starts_at').orderBy('id').execute();
  }

  /** Each parent of a conference's case, with what they chose and what they have. */
  async function recipients(conference: { id: string; case_id: string; starts_at: string }, parentId?: string) {
    let parentQuery = db.selectFrom('parents').selectAll().where('case_id', '=', conference.case_id);
    if (parentId) parentQuery = parentQuery.where('id', '=', parentId);
    const [parents, exclusions, supporters, shares, complaints] = await Promise.all([
      parentQuery.orderBy('id').execute(),
      db
        .selectFrom('exclusions')
        .select('parent_id')
        .where('conference_id', '=', conference.id)
        .where('scope', '=', 'all')
        .execute(),
      db
        .selectFrom('supporter_nominations')
        .select('parent_id')
        .where('conference_id', '=', conference.id)
        .where('withdrawn_at', 'is', null)
        .execute(),
      db
        .selectFrom('report_shares')
        .innerJoin('reports', 'reports.id', 'report_shares.report_id')
        .select(['report_shares.parent_id', 'reports.uploaded_at'])
        .where('reports.conference_id', '=', conference.id)
        .where('reports.withdrawn_at', 'is', null)
        .execute(),
      db.selectFrom('complaints').select('parent_id').where('conference_id', '=', conference.id).execute(),
    ]);
    const has = (rows: { parent_id: string }[], id: string) => rows.some((r) => r.parent_id === id);
    return parents.map((p): ReminderRecipient => {
      const mine = shares.filter((s) => s.parent_id === p.id).map((s) => ({ uploadedAt: new Date(s.uploaded_at) }));
      return {
        parentId: p.id,
        language: p.preferred_language,
        addresses: addressesOf(p, channels),
        invited: p.invited_at !== null,
        stopped: p.reminders_stopped_at !== null || p.reminder_channel === 'none',
        excludedFromAll: has(exclusions, p.id),
        supporterNamed: has(supporters, p.id),
        ...sharedOf(mine, new Date(conference.starts_at)),
        complaintReminder: p.complaint_reminder === 1,
        complaintMade: has(complaints, p.id),
      };
    });
  }

  /** Every reminder of the conferences still in reach at `now`, planned or skipped (with why). */
  async function plan(now: Date, only: { conferenceId?: string; parentId?: string } = {}): Promise<ReminderItem[]> {
    const items: ReminderItem[] = [];
    for (const c of await conferences(now, only)) {
      const conference: ReminderConference = {
        id: c.id,
        type: c.type,
        startsAt: new Date(c.starts_at),
        status: c.status,
        sequence: c.sequence,
        changedAt: new Date(c.changed_at ?? c.created_at),
      };
      items.push(...planReminders(rules, conference, await recipients(c, only.parentId)));
    }
    return items;
  }

  return {
    plan,

    /** The reminders due at `now`, as the worker would queue them (nothing is queued). */
    async due(now: Date = clock.now()): Promise<PlannedReminder[]> {
      return dueReminders(await plan(now), now);
    },

    /** Queues every reminder due now that has not been queued before; returns how many it queued. */
    async run(now: Date = clock.now()): Promise<number> {
      let queued = 0;
      for (const item of dueReminders(await plan(now), now)) {
        const payload = {
          ...(item.values.day ? { day: item.values.day } : {}),
          ...(item.values.time ? { time: item.values.time } : {}),
          stop: stopToken(secret, item.parentId),
          expiresAt: item.until.toISOString(),
        };
        if (await mail.enqueueReminder(item, payload)) queued++;
      }
      return queued;
    },
  };
}
export type ReminderScheduler = ReturnType<typeof reminderScheduler>;
