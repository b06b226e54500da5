import { randomUUID } from 'node:crypto';
import type { ComplaintAbout } from '~/server/db/schema';
import { complaintWindow, type ComplaintWindow } from '~/server/domain/parent-windows';
import { londonDate } from '~/server/domain/working-days';
import { type ComplaintInput } from '~/server/forms/complaint';
import {
  conferenceFor,
  whenOf,
  type ParentActor,
  type ParentAreaDeps,
  type Refusal,
  type ScopedConference,
} from './parent-scope';
import { inTransaction, lockParent, submissions } from './transactions';
import { parentRequestsRepository } from '~/server/db/repositories/parent-requests';

/** A complaint as the parent who made it sees it. */
export interface Complaint {
  id: string;
  conferenceId: string;
  reference: string;
  about: ComplaintAbout;
  createdAt: Date;
}

export type ComplaintState = { ok: true; scope: ScopedConference; window: ComplaintWindow; complaints: Complaint[] };

/** "CPC-2026-000123": the prefix, the year in England, and a number counting up within the year. */
export function complaintReference(year: string, n: number): string {
  return `CPC-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * Complaints about a conference, made through the portal within the council's
 * window after it. Each gets a reference the parent can quote. A complaint
 * does not change the conference's decision while it is looked at.
 */
export function complaintService({ db, clock, audit, authority, receipt }: ParentAreaDeps) {
  const toComplaint = (r: {
    id: string;
    conference_id: string;
    reference: string;
    about: ComplaintAbout;
    created_at: string;
  }): Complaint => ({
    id: r.id,
    conferenceId: r.conference_id,
    reference: r.reference,
    about: r.about,
    createdAt: new Date(r.created_at),
  });

  return {
    /** The window (before, open, closed) and the complaints this parent made about this conference. */
    async get(actor: ParentActor, conferenceId: string): Promise<ComplaintState | Refusal> {
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return { ok: false, reason: 'not-found' };
      const rows = await parentRequestsRepository(db).complaints.list({ conferenceId, parentId: scope.parentId });
      return {
        ok: true,
        scope,
        window: complaintWindow(authority.rules, whenOf(scope.conference), clock.now()),
        complaints: rows.map(toComplaint),
      };
    },

    /** One complaint the parent made (for its acknowledgement page); null for anyone else's. */
    async find(actor: ParentActor, conferenceId: string, complaintId: string): Promise<Complaint | null> {
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return null;
      const row = await parentRequestsRepository(db).complaints.find(
        { conferenceId, parentId: scope.parentId },
        complaintId,
      );
      return row ? toComplaint(row) : null;
    },

    /**
     * Makes a complaint while the window is open; returns it with its new
     * reference. One transaction: the complaint, its audit entry, the
     * confirmation emails. The same complaint sent again within 10 minutes
     * (or the same submission, `submissionKey`) is the first one.
     */
    async create(
      actor: ParentActor,
      conferenceId: string,
      input: ComplaintInput,
      submissionKey?: string,
    ): Promise<{ ok: true; complaint: Complaint } | Refusal> {
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return { ok: false, reason: 'not-found' };
      const now = clock.now();
      if (complaintWindow(authority.rules, whenOf(scope.conference), now).state !== 'open')
        return { ok: false, reason: 'closed' };
      const found = await inTransaction(db, async (trx) => {
        await lockParent(trx, scope.parentId);
        const keyed = submissions(trx, 'complaint', scope.parentId, submissionKey);
        const earlier = await keyed.earlier<{ id: string }>();
        const complaints = parentRequestsRepository(trx).complaints;
        const owner = { conferenceId, parentId: scope.parentId };
        const repeat = earlier
          ? await complaints.find(owner, earlier.id)
          : await complaints.sameSince(owner, input, new Date(now.getTime() - 10 * 60_000).toISOString());
        if (repeat) return toComplaint(repeat);
        const year = londonDate(now).slice(0, 4);
        const last = await complaints.lastReference(`CPC-${year}-`);
        const n = last ? Number(last.slice(`CPC-${year}-`.length)) + 1 : 1;
        // Two parents complaining at the same moment may pick the same number: the unique index refuses one,
        // and its transaction runs again with the next number.
        const reference = complaintReference(year, n);
        const id = randomUUID();
        await complaints.add(owner, {
          id,
          reference,
          about: input.about,
          details: input.details,
          created_at: now.toISOString(),
        });
        await audit.record(
          {
            actorType: 'parent',
            actorId: scope.parentId,
            action: 'complaint.create',
            caseId: scope.caseId,
            subjectType: 'complaint',
            subjectId: id,
            detail: { conferenceId, reference, about: input.about },
          },
          trx,
        );
        await receipt?.(scope.parentId, trx);
        await keyed.remember({ id }, now.toISOString());
        return { id, conferenceId, reference, about: input.about, createdAt: now };
      });
      return { ok: true, complaint: found };
    },
  };
}
export type ComplaintService = ReturnType<typeof complaintService>;
