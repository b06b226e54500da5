import type { AttendanceMode } from '~/server/db/schema';
import type { ConferenceRow } from '~/server/db/repositories/conferences';
import { conferencesRepository, type ExclusionRow } from '~/server/db/repositories/conferences';
import { conferenceTimeline, type Deadline } from '~/server/domain/deadlines';
import { requestsOpen, supporterNominationOpen, type ComplaintWindow } from '~/server/domain/parent-windows';
import { isCalendarDate, londonDate, type CalendarDate } from '~/server/domain/working-days';
import type { AttendanceService } from './attendance';
import type { ComplaintService } from './complaints';
import type { InterpreterService } from './interpreter';
import type { ParentReportsService } from './parent-reports';
import {
  caseIdsOf,
  conferenceFor,
  whenOf,
  withScopeMemo,
  type ParentActor,
  type ParentAreaDeps,
  type Refusal,
} from './parent-scope';
import type { SupporterService } from './supporter';

/** A conference as it appears in the parent's list. */
export interface ConferenceSummary {
  id: string;
  type: ConferenceRow['type'];
  startsAt: Date;
  durationMinutes: number;
  venue: string | null;
  onlineLink: string | null;
  chairName: string;
  status: ConferenceRow['status'];
  /** First names of the children it is about, eldest first. */
  children: string[];
  reportCount: number;
}

/** The parent's own exclusion, as the parent is told it (never the chair's recorded reason). */
export interface ExclusionNotice {
  scope: ExclusionRow['scope'];
  partDescription: string | null;
}

/** One conference with its deadlines and the state of each thing the parent can do. */
export interface ConferenceDetail extends ConferenceSummary {
  /** The conference's date in England, from which the timeline counts. */
  conferenceDate: CalendarDate;
  /** True once the conference day is over. */
  conferencePast: boolean;
  timeline: Deadline[];
  exclusion: ExclusionNotice | null;
  actions: {
    reports: { count: number; late: number };
    supporter: { named: boolean; name: string | null; open: boolean };
    interpreter: { asked: boolean; language: string | null; open: boolean };
    attendance: { saved: boolean; mode: AttendanceMode | null; hasViews: boolean; viewsOnly: boolean; open: boolean };
    complaint: { window: ComplaintWindow; references: string[] };
  };
}

interface Parts {
  supporter: SupporterService;
  interpreter: InterpreterService;
  attendance: AttendanceService;
  complaints: ComplaintService;
  reports: ParentReportsService;
}

/** The parent's conferences: every conference of every case they are a parent in. */
export function parentConferencesService(deps: ParentAreaDeps, parts: Parts) {
  const { db, clock, authority } = deps;
  const conferences = conferencesRepository(db);

  const summary = (
    c: ConferenceRow,
    children: Map<string, string[]>,
    counts: Map<string, number>,
  ): ConferenceSummary => ({
    id: c.id,
    type: c.type,
    startsAt: new Date(c.starts_at),
    durationMinutes: c.duration_minutes,
    venue: c.venue,
    onlineLink: c.online_link,
    chairName: c.chair_name,
    status: c.status,
    children: children.get(c.id) ?? [],
    reportCount: counts.get(c.id) ?? 0,
  });

  return {
    /** Upcoming conferences (soonest first; not yet over) and past ones (latest first). */
    async list(actor: ParentActor): Promise<{ upcoming: ConferenceSummary[]; past: ConferenceSummary[] }> {
      const rows = await conferences.listInCases(caseIdsOf(actor));
      const [children, counts] = await Promise.all([
        conferences.childrenOf(rows.map((r) => r.id)),
        parts.reports.countsByConference(actor),
      ]);
      const now = clock.now().getTime();
      const all = rows.map((r) => summary(r, children, counts));
      const over = (c: ConferenceSummary) =>
        c.status === 'held' || c.startsAt.getTime() + c.durationMinutes * 60_000 <= now;
      return { upcoming: all.filter((c) => !over(c)), past: all.filter(over).reverse() };
    },

    /** One of the parent's conferences, with its timeline and what the parent has done; not-found for any other. */
    async get(parent: ParentActor, conferenceId: string): Promise<({ ok: true } & ConferenceDetail) | Refusal> {
      // Every part below checks the conference is the parent's: resolved once, here.
      const actor = withScopeMemo(parent);
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return { ok: false, reason: 'not-found' };
      const c = scope.conference;
      const now = clock.now();
      const [children, exclusion, reports, supporter, interpreter, attendance, complaints] = await Promise.all([
        conferences.childrenOf([c.id]),
        conferences.exclusionOf(c.id, scope.parentId),
        parts.reports.list(actor, c.id),
        parts.supporter.get(actor, c.id),
        parts.interpreter.get(actor, c.id),
        parts.attendance.get(actor, c.id),
        parts.complaints.get(actor, c.id),
      ]);
      if (!reports.ok || !supporter.ok || !interpreter.ok || !attendance.ok || !complaints.ok)
        return { ok: false, reason: 'not-found' };
      const conferenceDate = londonDate(new Date(c.starts_at));
      const initial = c.initial_conference_date;
      const timeline = conferenceTimeline({
        authority,
        type: c.type,
        conferenceDate,
        // A review counts from its first conference; a date that cannot be right is left out rather than shown wrong.
        initialConferenceDate: initial && isCalendarDate(initial) && initial < conferenceDate ? initial : undefined,
        today: londonDate(now),
      });
      const counts = new Map([[c.id, reports.reports.length]]);
      return {
        ok: true,
        ...summary(c, children, counts),
        conferenceDate,
        conferencePast: conferenceDate < londonDate(now),
        timeline,
        exclusion: exclusion ? { scope: exclusion.scope, partDescription: exclusion.part_description } : null,
        actions: {
          reports: { count: reports.reports.length, late: reports.reports.filter((r) => r.late).length },
          supporter: {
            named: !!supporter.supporter,
            name: supporter.supporter?.name ?? null,
            open: supporterNominationOpen(authority.rules, whenOf(c), now),
          },
          interpreter: {
            asked: !!interpreter.request,
            language: interpreter.request?.language ?? null,
            open: requestsOpen(whenOf(c), now),
          },
          attendance: {
            saved: !!attendance.attendance,
            mode: attendance.attendance?.mode ?? null,
            hasViews: !!attendance.attendance?.views,
            viewsOnly: attendance.viewsOnly,
            open: attendance.open,
          },
          complaint: { window: complaints.window, references: complaints.complaints.map((x) => x.reference) },
        },
      };
    },
  };
}
export type ParentConferencesService = ReturnType<typeof parentConferencesService>;
