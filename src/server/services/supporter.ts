import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { supporterNominationOpen } from '~/server/domain/parent-windows';
import { requiredLine } from '~/server/forms/text';
import {
  conferenceFor,
  whenOf,
  type ParentActor,
  type ParentAreaDeps,
  type Refusal,
  type ScopedConference,
} from './parent-scope';
import { asciiDigits } from '~/i18n/digits';
import { withdrawableRequests } from './parent-requests';

const E = 'account:supporter.error';

/** The "name a supporter" form. Phone or email, at least one; a phone must be a real UK or international number. */
export const supporterForm = z
  .object({
    name: requiredLine(120, { required: `${E}.name.required`, tooLong: `${E}.name.tooLong` }),
    relationship: requiredLine(120, { required: `${E}.relationship.required`, tooLong: `${E}.relationship.tooLong` }),
    isSolicitor: z.enum(['yes', 'no'], { error: `${E}.isSolicitor.required` }),
    phone: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? asciiDigits(v) : null))
      .refine((v) => v === null || (v.length <= 30 && /^[0-9 +()-]+$/.test(v) && isValidPhoneNumber(v, 'GB')), {
        error: `${E}.phone.invalid`,
      }),
    email: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || (v.length <= 254 && z.email().safeParse(v).success), {
        error: `${E}.email.invalid`,
      }),
  })
  // Checked even when other fields have errors, so the reader sees every problem at once.
  .refine((v) => !!(v.phone || v.email), { path: ['phone'], error: `${E}.contact.required`, when: () => true });
export type SupporterInput = z.output<typeof supporterForm>;

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

export type SupporterState = { ok: true; scope: ScopedConference; supporter: Supporter | null; open: boolean };

/**
 * A parent's supporter for one conference: named, changed or withdrawn until
 * the council's notice period. Only the parent who named a supporter ever
 * sees it; the case team finds each change in its inbox (status "new").
 */
export function supporterService({ db, clock, audit, authority, receipt }: ParentAreaDeps) {
  const requests = withdrawableRequests(db, 'supporter_nominations');
  const current = (conferenceId: string, parentId: string) =>
    db
      .selectFrom('supporter_nominations')
      .selectAll()
      .where('conference_id', '=', conferenceId)
      .where('parent_id', '=', parentId)
      .where('withdrawn_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();

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
      const row = await current(conferenceId, scope.parentId);
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
      };
    },

    /** Names a supporter, or changes the one named. */
    async save(
      actor: ParentActor,
      conferenceId: string,
      input: SupporterInput,
    ): Promise<{ ok: true; action: 'create' | 'update'; id: string } | Refusal> {
      const scope = await openScope(actor, conferenceId);
      if ('ok' in scope) return scope;
      const existing = await current(conferenceId, scope.parentId);
      const { id, action } = await requests.write(
        scope,
        existing?.id,
        {
          name: input.name,
          relationship: input.relationship,
          is_solicitor: input.isSolicitor === 'yes' ? 1 : 0,
          phone: input.phone,
          email: input.email,
        },
        clock.now().toISOString(),
      );
      await audit.record({
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
      });
      await receipt?.(scope.parentId);
      return { ok: true, action, id };
    },

    /** Withdraws the named supporter. */
    async withdraw(actor: ParentActor, conferenceId: string): Promise<{ ok: true } | Refusal> {
      const scope = await openScope(actor, conferenceId);
      if ('ok' in scope) return scope;
      const existing = await current(conferenceId, scope.parentId);
      if (!existing) return { ok: false, reason: 'not-found' };
      await requests.withdraw(scope, existing.id, clock.now().toISOString());
      await audit.record({
        actorType: 'parent',
        actorId: scope.parentId,
        action: 'supporter.withdraw',
        caseId: scope.caseId,
        subjectType: 'supporter_nomination',
        subjectId: existing.id,
        detail: { conferenceId },
      });
      return { ok: true };
    },
  };
}
export type SupporterService = ReturnType<typeof supporterService>;
