// What happened, or will happen, to each reminder of one conference for each
// of its parents, for the staff conference page: queued, sent, failed, planned
// for later, or not sent and why. It reads the outbox (what was queued) and
// the same schedule the worker runs (what is planned or skipped), so it never
// works out a rule of its own.
import type { Kysely } from 'kysely';
import { outboxRepository } from '~/server/db/repositories/outbox';
import type { Database } from '~/server/db/schema';
import type { Channel, ReminderType, SkipReason } from '~/server/domain/reminders';
import { REMINDER_TYPES } from '~/server/domain/reminders';
import type { ReminderScheduler } from './scheduler';

export type ReminderState =
  | { state: 'sent'; at: string }
  | { state: 'queued'; at: string }
  | { state: 'failed'; at: string | null; error: string | null }
  | { state: 'planned'; at: string }
  | { state: 'not-sent'; reason: SkipReason | 'stopped-later' | 'expired' | 'superseded' };

export interface ReminderStateRow {
  parentId: string;
  type: ReminderType;
  /** null when nothing was or will be sent by any channel. */
  channel: Channel | null;
  state: ReminderState;
}

/** Why a reminder was not sent, as a sentence for staff. */
export const NOT_SENT_BECAUSE: Record<Extract<ReminderState, { state: 'not-sent' }>['reason'], string> = {
  'no-rule': 'the council has not set this rule',
  'not-invited': 'the parent has not been invited',
  stopped: 'the parent stopped reminders or chose none',
  'no-channel': 'the parent has no confirmed address for the channel they chose',
  cancelled: 'the conference is cancelled',
  'not-scheduled': 'the conference is no longer scheduled',
  excluded: 'the parent is excluded from the conference',
  'supporter-named': 'the parent has named a supporter',
  'reports-shared': 'reports have been shared with the parent',
  'decisions-shared': 'the written record has been shared',
  'minutes-shared': 'the written record has been shared',
  'not-asked': 'the parent did not ask for it',
  'complaint-made': 'the parent has complained',
  'too-late': 'it could only go after it stopped making sense',
  'stopped-later': 'the parent stopped reminders before it went',
  expired: 'it was too late to be worth sending',
  superseded: 'a newer message replaced it',
};

/** Each reminder of a conference for each parent, in the order of the conference's life. */
export async function reminderStates(
  db: Kysely<Database>,
  scheduler: ReminderScheduler,
  conferenceId: string,
  now: Date,
): Promise<ReminderStateRow[]> {
  const [rows, plan] = await Promise.all([
    outboxRepository(db).remindersOfConference(conferenceId),
    scheduler.plan(now, { conferenceId }),
  ]);
  const out: ReminderStateRow[] = [];
  const queuedKeys = new Set(rows.map((r) => r.reminder_key));
  for (const r of rows) {
    const type = r.template as ReminderType;
    const state: ReminderState =
      r.status === 'sent'
        ? { state: 'sent', at: r.sent_at ?? r.created_at }
        : r.status === 'failed'
          ? { state: 'failed', at: r.given_up_at, error: r.last_error }
          : r.status === 'stopped'
            ? { state: 'not-sent', reason: 'stopped-later' }
            : r.status === 'expired' || r.status === 'superseded'
              ? { state: 'not-sent', reason: r.status }
              : { state: 'queued', at: r.next_attempt_at };
    out.push({ parentId: r.parent_id ?? '', type, channel: r.channel, state });
  }
  for (const item of plan) {
    if (item.state === 'planned') {
      if (queuedKeys.has(item.key)) continue;
      out.push({
        parentId: item.parentId,
        type: item.type,
        channel: item.channel,
        // Due already: the worker queues it within the minute.
        state:
          item.sendAt <= now
            ? { state: 'queued', at: item.sendAt.toISOString() }
            : { state: 'planned', at: item.sendAt.toISOString() },
      });
    } else if (!out.some((o) => o.parentId === item.parentId && o.type === item.type)) {
      out.push({
        parentId: item.parentId,
        type: item.type,
        channel: null,
        state: { state: 'not-sent', reason: item.reason },
      });
    }
  }
  const order = (t: ReminderType) => REMINDER_TYPES.indexOf(t);
  return out.sort((a, b) => order(a.type) - order(b.type) || (a.channel ?? '').localeCompare(b.channel ?? ''));
}
