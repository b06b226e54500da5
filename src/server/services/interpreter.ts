import { requestsOpen } from '~/server/domain/parent-windows';
import { FOR_WHOM, GENDERS, type InterpreterInput } from '~/server/forms/interpreter';
import {
  conferenceFor,
  whenOf,
  type ParentActor,
  type ParentAreaDeps,
  type Refusal,
  type ScopedConference,
} from './parent-scope';
import { parentRequestsRepository } from '~/server/db/repositories/parent-requests';
import { inTransaction, lockParent, submissions } from './transactions';
import type { Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';

/**
 * For whom, as stored in interpreter_requests.for_whom: "me", "partner", or
 * "other:" followed by who, in the parent's words.
 */
export function encodeForWhom(forWhom: (typeof FOR_WHOM)[number], other: string | null): string {
  return forWhom === 'other' ? `other:${other ?? ''}` : forWhom;
}

/** Reads interpreter_requests.for_whom back (see encodeForWhom). */
export function decodeForWhom(stored: string): { forWhom: (typeof FOR_WHOM)[number]; other: string | null } {
  if (stored === 'me' || stored === 'partner') return { forWhom: stored, other: null };
  return { forWhom: 'other', other: stored.startsWith('other:') ? stored.slice('other:'.length) : stored };
}

/** An interpreter request as the parent sees it. */
export interface InterpreterRequest {
  id: string;
  language: string;
  dialect: string | null;
  forWhom: (typeof FOR_WHOM)[number];
  forWhomOther: string | null;
  preferredGender: (typeof GENDERS)[number];
  forConference: boolean;
  forChairMeeting: boolean;
  updatedAt: Date;
}

export type InterpreterState = { ok: true; scope: ScopedConference; request: InterpreterRequest | null; open: boolean };

/**
 * A parent's interpreter request for one conference: made, changed or
 * withdrawn until the conference starts. Seen only by that parent and the
 * case team (inbox status "new").
 */
export function interpreterService({ db, clock, audit, receipt }: ParentAreaDeps) {
  /** The parent's own interpreter requests, read or written on `on` (the transaction, when in one). */
  const requests = (on: Kysely<Database>) => parentRequestsRepository(on).interpreters;

  async function openScope(actor: ParentActor, conferenceId: string): Promise<ScopedConference | Refusal> {
    const scope = await conferenceFor(db, actor, conferenceId);
    if (!scope) return { ok: false, reason: 'not-found' };
    if (!requestsOpen(whenOf(scope.conference), clock.now())) return { ok: false, reason: 'closed' };
    return scope;
  }

  const record = (
    trx: Kysely<Database>,
    scope: ScopedConference,
    action: string,
    id: string,
    detail: Record<string, unknown>,
  ) =>
    audit.record(
      {
        actorType: 'parent',
        actorId: scope.parentId,
        action: `interpreter.${action}`,
        caseId: scope.caseId,
        subjectType: 'interpreter_request',
        subjectId: id,
        detail: { conferenceId: scope.conference.id, ...detail },
      },
      trx,
    );

  return {
    /** The parent's current request (null when none) and whether it can still be changed. */
    async get(actor: ParentActor, conferenceId: string): Promise<InterpreterState | Refusal> {
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return { ok: false, reason: 'not-found' };
      const row = await requests(db).current({ conferenceId, parentId: scope.parentId });
      const request: InterpreterRequest | null = row
        ? {
            id: row.id,
            language: row.language,
            dialect: row.dialect,
            ...(({ forWhom, other }) => ({ forWhom, forWhomOther: other }))(decodeForWhom(row.for_whom)),
            preferredGender: row.preferred_gender,
            forConference: row.for_conference === 1,
            forChairMeeting: row.for_chair_meeting === 1,
            updatedAt: new Date(row.updated_at),
          }
        : null;
      return { ok: true, scope, request, open: requestsOpen(whenOf(scope.conference), clock.now()) };
    },

    /** Asks for an interpreter, or changes the request (one transaction; a repeated `submissionKey` gets the first answer). */
    async save(
      actor: ParentActor,
      conferenceId: string,
      input: InterpreterInput,
      submissionKey?: string,
    ): Promise<{ ok: true; action: 'create' | 'update'; id: string } | Refusal> {
      const scope = await openScope(actor, conferenceId);
      if ('ok' in scope) return scope;
      return inTransaction(db, async (trx) => {
        await lockParent(trx, scope.parentId);
        const keyed = submissions(trx, 'interpreter', scope.parentId, submissionKey);
        const earlier = await keyed.earlier<{ ok: true; action: 'create' | 'update'; id: string }>();
        if (earlier) return earlier;
        const now = clock.now().toISOString();
        const existing = await requests(trx).current({ conferenceId, parentId: scope.parentId });
        const { id, action } = await requests(trx).write(
          { conferenceId, parentId: scope.parentId },
          existing?.id,
          {
            language: input.language,
            dialect: input.dialect,
            for_whom: encodeForWhom(input.forWhom, input.forWhomOther),
            preferred_gender: input.preferredGender,
            for_conference: input.when.includes('conference') ? 1 : 0,
            for_chair_meeting: input.when.includes('chairMeeting') ? 1 : 0,
          },
          now,
        );
        // Choices only: what the parent typed (language, dialect, who) stays out of the audit log.
        await record(trx, scope, action, id, {
          forWhom: input.forWhom,
          preferredGender: input.preferredGender,
          when: input.when,
        });
        await receipt?.(scope.parentId, trx);
        const answer = { ok: true as const, action, id };
        await keyed.remember(answer, now);
        return answer;
      });
    },

    /** Withdraws the request (no error when there is none any more: sent twice, say). */
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
        await record(trx, scope, 'withdraw', existing.id, {});
        return { ok: true as const };
      });
    },
  };
}
export type InterpreterService = ReturnType<typeof interpreterService>;
