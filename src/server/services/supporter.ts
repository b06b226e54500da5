import { supporterNoticeBy } from '~/server/domain/deadlines';
import { supporterNominationOpen } from '~/server/domain/parent-windows';
import { londonDate, type CalendarDate } from '~/server/domain/working-days';
import { type SupporterInput } from '~/server/forms/supporter';
import {
  conferenceFor,
  whenOf,
  type ParentActor,
  type ParentAreaDeps,
  type Refusal,
  type ScopedConference,
} from './parent-scope';
import type { Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';
import { parentRequestsRepository } from '~/server/db/repositories/parent-requests';
import { inTransaction, lockParent, submissions } from './transactions';

/** The supporter a parent has named for a conference. */
export interface Supporter {
  id: string;
  name: string;
  relationship: string;
  isSolicitor: boolean;
  phone: string | null;
  email: string | null;
  updatedAt: Date;
}

export type SupporterState = {
  ok: true;
  scope: ScopedConference;
  supporter: Supporter | null;
  open: boolean;
  /** The last day a supporter can be named or changed (the council's notice before the conference's day in England); null where the council sets none. */
  lastDay: CalendarDate | null;
};

/**
 * A parent's supporter for one conference: named, changed or withdrawn until
 * the council's notice period. Only the parent who named a supporter ever
 * sees it; the case team finds each change in its inbox (status "new").
 */
export function supporterService({ db, clock, audit, authority, receipt }: ParentAreaDeps) {
  /** The parent's own supporter requests, read or written on `on` (the transaction, when in one). */
  const requests = (on: Kysely<Database>) => parentRequestsRepository(on).supporters;

  /** The conference, when it is the parent's and the window is open. */
  async function openScope(actor: ParentActor, conferenceId: string): Promise<ScopedConference | Refusal> {
    const scope = await conferenceFor(db, actor, conferenceId);
    if (!scope) return { ok: false, reason: 'not-found' };
    if (!supporterNominationOpen(authority.rules, whenOf(scope.conference), clock.now()))
      return { ok: false, reason: 'closed' };
    return scope;
  }

  return {
    /** The parent's current supporter (null when none) and whether it can still be changed. */
    async get(actor: ParentActor, conferenceId: string): Promise<SupporterState | Refusal> {
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return { ok: false, reason: 'not-found' };
      const row = await requests(db).current({ conferenceId, parentId: scope.parentId });
      const supporter: Supporter | null = row
        ? {
            id: row.id,
            name: row.name,
            relationship: row.relationship,
            isSolicitor: row.is_solicitor === 1,
            phone: row.phone,
            email: row.email,
            updatedAt: new Date(row.updated_at),
          }
        : null;
      return {
        ok: true,
        scope,
        supporter,
        open: supporterNominationOpen(authority.rules, whenOf(scope.conference), clock.now()),
        lastDay: supporterNoticeBy(authority.rules, londonDate(new Date(scope.conference.starts_at))),
      };
    },

    /**
     * Names a supporter, or changes the one named: the change, its audit
     * entry and the confirmation emails in one transaction. A repeat of the
     * same submission (`submissionKey`) gets the first answer back.
     */
    async save(
      actor: ParentActor,
      conferenceId: string,
      input: SupporterInput,
      submissionKey?: string,
    ): Promise<{ ok: true; action: 'create' | 'update'; id: string } | Refusal> {
      const scope = await openScope(actor, conferenceId);
      if ('ok' in scope) return scope;
      return inTransaction(db, async (trx) => {
        await lockParent(trx, scope.parentId);
        const keyed = submissions(trx, 'supporter', scope.parentId, submissionKey);
        const earlier = await keyed.earlier<{ ok: true; action: 'create' | 'update'; id: string }>();
        if (earlier) return earlier;
        const now = clock.now().toISOString();
        const existing = await requests(trx).current({ conferenceId, parentId: scope.parentId });
        const { id, action } = await requests(trx).write(
          { conferenceId, parentId: scope.parentId },
          existing?.id,
          {
            name: input.name,
            relationship: input.relationship,
            is_solicitor: input.isSolicitor === 'yes' ? 1 : 0,
            phone: input.phone,
            email: input.email,
          },
          now,
        );
        await audit.record(
          {
            actorType: 'parent',
            actorId: scope.parentId,
            action: `supporter.${action}`,
            caseId: scope.caseId,
            subjectType: 'supporter_nomination',
            subjectId: id,
            detail: {
              conferenceId,
              isSolicitor: input.isSolicitor === 'yes',
              hasPhone: !!input.phone,
              hasEmail: !!input.email,
            },
          },
          trx,
        );
        await receipt?.(scope.parentId, trx);
        const answer = { ok: true as const, action, id };
        await keyed.remember(answer, now);
        return answer;
      });
    },

    /** Withdraws the named supporter (nothing to do, and no error, when none is named: sent twice, say). */
    async withdraw(actor: ParentActor, conferenceId: string): Promise<{ ok: true } | Refusal> {
      const scope = await openScope(actor, conferenceId);
      if ('ok' in scope) return scope;
      return inTransaction(db, async (trx) => {
        await lockParent(trx, scope.parentId);
        const existing = await requests(trx).current({ conferenceId, parentId: scope.parentId });
        if (!existing) return { ok: true as const };
        await requests(trx).withdraw(
          { conferenceId, parentId: scope.parentId },
          existing.id,
          clock.now().toISOString(),
        );
        await audit.record(
          {
            actorType: 'parent',
            actorId: scope.parentId,
            action: 'supporter.withdraw',
            caseId: scope.caseId,
            subjectType: 'supporter_nomination',
            subjectId: existing.id,
            detail: { conferenceId },
          },
          trx,
        );
        return { ok: true as const };
      });
    },
  };
}
export type SupporterService = ReturnType<typeof supporterService>;
