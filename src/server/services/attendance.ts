import type { Kysely } from 'kysely';
import type { AttendanceMode, Database } from '~/server/db/schema';
import { parentRequestsRepository } from '~/server/db/repositories/parent-requests';
import { conferencesRepository, type ExclusionRow } from '~/server/db/repositories/conferences';
import { requestsOpen } from '~/server/domain/parent-windows';
import { NEEDS, type AttendanceInput, type ViewsOnlyInput } from '~/server/forms/attendance';
import {
  conferenceFor,
  whenOf,
  type ParentActor,
  type ParentAreaDeps,
  type Refusal,
  type ScopedConference,
} from './parent-scope';
import { inTransaction, lockParent, submissions } from './transactions';

/** What a parent has told the team about taking part. */
export interface Attendance {
  mode: AttendanceMode;
  needs: (typeof NEEDS)[number][];
  needsDetail: string | null;
  views: string | null;
  updatedAt: Date;
}

export type AttendanceState = {
  ok: true;
  scope: ScopedConference;
  attendance: Attendance | null;
  exclusion: ExclusionRow | null;
  /** The chair asked this parent not to attend at all: the form asks for views only. */
  viewsOnly: boolean;
  open: boolean;
};

/**
 * A parent's attendance, needs and written views for one conference: one
 * record per parent, changed as often as they like until the conference
 * starts. Never shown to the other parent.
 */
export function attendanceService({ db, clock, audit, receipt }: ParentAreaDeps) {
  const conferences = conferencesRepository(db);
  const row = (conferenceId: string, parentId: string, on: Kysely<Database> = db) =>
    parentRequestsRepository(on).attendance.find({ conferenceId, parentId });

  return {
    /** What the parent has said so far (null when nothing), any exclusion, and whether it can still be changed. */
    async get(actor: ParentActor, conferenceId: string): Promise<AttendanceState | Refusal> {
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return { ok: false, reason: 'not-found' };
      const [saved, exclusion] = await Promise.all([
        row(conferenceId, scope.parentId),
        conferences.exclusionOf(conferenceId, scope.parentId),
      ]);
      const attendance: Attendance | null = saved
        ? {
            mode: saved.mode,
            needs: NEEDS.filter((n) => saved[`need_${n}`] === 1),
            needsDetail: saved.needs_detail,
            views: saved.views,
            updatedAt: new Date(saved.updated_at),
          }
        : null;
      return {
        ok: true,
        scope,
        attendance,
        exclusion,
        viewsOnly: exclusion?.scope === 'all',
        open: requestsOpen(whenOf(scope.conference), clock.now()),
      };
    },

    /**
     * Saves the parent's answers. A parent excluded from the whole conference
     * sends views only (`ViewsOnlyInput`); anything else they send is refused.
     */
    async save(
      actor: ParentActor,
      conferenceId: string,
      input: AttendanceInput | ViewsOnlyInput,
      submissionKey?: string,
    ): Promise<{ ok: true } | Refusal> {
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return { ok: false, reason: 'not-found' };
      if (!requestsOpen(whenOf(scope.conference), clock.now())) return { ok: false, reason: 'closed' };
      return inTransaction(db, async (trx) => {
        await lockParent(trx, scope.parentId);
        const keyed = submissions(trx, 'attendance', scope.parentId, submissionKey);
        const earlier = await keyed.earlier<{ ok: true }>();
        if (earlier) return earlier;
        const exclusion = await conferencesRepository(trx).exclusionOf(conferenceId, scope.parentId);
        const full: AttendanceInput =
          exclusion?.scope === 'all' || !('mode' in input)
            ? { mode: 'not-coming', needs: [], needsDetail: null, views: input.views }
            : input;
        const now = clock.now().toISOString();
        const fields = {
          mode: full.mode,
          need_access: full.needs.includes('access') ? (1 as const) : (0 as const),
          need_childcare: full.needs.includes('childcare') ? (1 as const) : (0 as const),
          need_travel: full.needs.includes('travel') ? (1 as const) : (0 as const),
          need_breaks: full.needs.includes('breaks') ? (1 as const) : (0 as const),
          needs_detail: full.needsDetail,
          views: full.views,
        };
        const existing = await row(conferenceId, scope.parentId, trx);
        const id = await parentRequestsRepository(trx).attendance.write(
          { conferenceId, parentId: scope.parentId },
          existing?.id,
          fields,
          now,
        );
        await audit.record(
          {
            actorType: 'parent',
            actorId: scope.parentId,
            action: 'attendance.save',
            caseId: scope.caseId,
            subjectType: 'attendance',
            subjectId: id,
            // Facts only: never the views or needs the parent wrote.
            detail: {
              conferenceId,
              mode: full.mode,
              needs: full.needs,
              hasNeedsDetail: !!full.needsDetail,
              hasViews: !!full.views,
              viewsOnly: exclusion?.scope === 'all',
            },
          },
          trx,
        );
        await receipt?.(scope.parentId, trx);
        await keyed.remember({ ok: true }, now);
        return { ok: true as const };
      });
    },
  };
}
export type AttendanceService = ReturnType<typeof attendanceService>;
