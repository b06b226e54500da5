import type { CalendarDate } from '~/server/domain/working-days';
import { londonDate } from '~/server/domain/working-days';
import { reportsDueBy } from '~/server/domain/deadlines';
import { reportSharedLate } from '~/server/domain/parent-windows';
import { reportsRepository } from '~/server/db/repositories/reports';
import type { ReportStore } from '~/server/storage/report-store';
import { log } from '~/server/log';
import {
  conferenceFor,
  parentIdsOf,
  type ParentActor,
  type ParentAreaDeps,
  type Refusal,
  type ScopedConference,
} from './parent-scope';

/** The kinds of file a parent is told about, by content type. */
export type ReportFileType = 'pdf' | 'word' | 'opendocument' | 'other';

const FILE_TYPES: Record<string, ReportFileType> = {
  'application/pdf': 'pdf',
  'application/msword': 'word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'word',
  'application/vnd.oasis.opendocument.text': 'opendocument',
};

/** Which kind of file a content type is, for the parent ("PDF", "Word", "OpenDocument"). */
export function reportFileType(contentType: string): ReportFileType {
  return FILE_TYPES[contentType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'other';
}

/** A report as a parent it was shared with sees it. */
export interface SharedReport {
  id: string;
  title: string;
  agency: string;
  fileType: ReportFileType;
  sizeBytes: number;
  sharedAt: Date;
  /** Shared after the council's last day for sharing reports before this conference. */
  late: boolean;
}

export type ReportsState = { ok: true; scope: ScopedConference; reports: SharedReport[]; dueBy: CalendarDate | null };

/** A report ready to send: its bytes as a stream, and how to name it. */
export interface ReportDownload {
  stream: ReadableStream<Uint8Array>;
  size: number;
  fileName: string;
  contentType: string;
}

/**
 * The professionals' reports, as each parent may see them: only those shared
 * with that parent and not withdrawn. Downloads stream from the report store
 * and are audited.
 */
export function parentReportsService({
  db,
  audit,
  authority,
  reportStore,
}: ParentAreaDeps & { reportStore: ReportStore }) {
  const reports = reportsRepository(db);
  return {
    /** The reports of one conference shared with this parent, each marked when it came later than the council's rule. */
    async list(actor: ParentActor, conferenceId: string): Promise<ReportsState | Refusal> {
      const scope = await conferenceFor(db, actor, conferenceId);
      if (!scope) return { ok: false, reason: 'not-found' };
      const { conference } = scope;
      const startsAt = new Date(conference.starts_at);
      const rows = await reports.sharedForConference(conferenceId, scope.parentId);
      return {
        ok: true,
        scope,
        dueBy: reportsDueBy(authority.rules, conference.type, londonDate(startsAt)),
        reports: rows.map((r) => ({
          id: r.id,
          title: r.title,
          agency: r.agency,
          fileType: reportFileType(r.content_type),
          sizeBytes: r.size_bytes,
          sharedAt: new Date(r.shared_at),
          late: reportSharedLate(authority.rules, conference.type, startsAt, new Date(r.shared_at)),
        })),
      };
    },

    /** How many reports of each conference are shared with this parent. */
    async countsByConference(actor: ParentActor): Promise<Map<string, number>> {
      return reports.countsByConference(parentIdsOf(actor));
    },

    /**
     * Opens a report for download, only for a parent it was shared with (null
     * for anyone else, a withdrawn report or a missing file), and audits it.
     */
    async open(actor: ParentActor, reportId: string): Promise<ReportDownload | null> {
      const found = await reports.findShared(reportId, parentIdsOf(actor));
      if (!found) return null;
      const { report, parentId } = found;
      const file = await reportStore.get(report.file_key);
      if (!file) {
        log.error({ reportId: report.id }, 'A shared report has no file in the report store');
        return null;
      }
      try {
        await audit.record({
          actorType: 'parent',
          actorId: parentId,
          action: 'report.download',
          caseId: report.case_id,
          subjectType: 'report',
          subjectId: report.id,
          detail: { conferenceId: report.conference_id, size: file.size },
        });
      } catch (error) {
        // No download without its audit entry; let go of the open file.
        await file.stream.cancel().catch(() => undefined);
        throw error;
      }
      return { stream: file.stream, size: file.size, fileName: report.file_name, contentType: report.content_type };
    },
  };
}
export type ParentReportsService = ReturnType<typeof parentReportsService>;
