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
