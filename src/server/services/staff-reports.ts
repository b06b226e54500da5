import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Authority } from '~/config/authority-schema';
import { MAX_REPORT_BYTES } from '~/config/limits';
import { assertCan } from '~/server/auth/staff-roles';
import type { StaffRole } from '~/server/db/schema';
import type { Database } from '~/server/db/schema';
import { reportsDueBy } from '~/server/domain/deadlines';
import { reportSharedLate } from '~/server/domain/parent-windows';
import { londonDate, type CalendarDate } from '~/server/domain/working-days';
import {
  DOCUMENT_TYPES,
  SNIFF_BYTES,
  detectDocumentType,
  mayBeDocument,
  type DocumentType,
} from '~/server/storage/file-type';
import { checkDocumentStructure } from '~/server/storage/document-structure';
import type { ReportStore, StoredFile } from '~/server/storage/report-store';
import { log } from '~/server/log';
import { casesRepository } from '~/server/db/repositories/cases';
import { conferencesRepository } from '~/server/db/repositories/conferences';
import { reportsRepository } from '~/server/db/repositories/reports';
import type { AuditService } from './audit';
import { inTransaction } from './transactions';
import type { Clock } from './clock';
import { done, missing, refused, type Refused, type Result } from '~/server/result';

/** The largest report the staff area takes (src/config/limits.ts). */
export { MAX_REPORT_BYTES };

/** A member of staff doing something, with their role (checked again here). */
export interface StaffActor {
  type: 'staff';
  id: string;
  role: StaffRole;
}

export type UploadProblem =
  'staff:report.file.empty' | 'staff:report.file.tooBig' | 'staff:report.file.type' | 'staff:report.file.unsafe';

/** An upload refused (the reason is the translation key of the message): nothing was stored. */
export type UploadRefused = Refused<UploadProblem>;

export interface NewReport {
  conferenceId: string;
  title: string;
  agency: string;
  /** Parents of the conference's case to share it with now (may be none yet). */
  parentIds: string[];
  /** The name the file had on the uploader's computer (only its base is kept, with the right extension). */
  fileName: string;
  /** The file's bytes: a web stream (a form's File) or a Node stream. */
  stream: ReadableStream<Uint8Array> | Readable;
}

/** A report file stored but not recorded yet (StaffReportsService.receive). */
export interface ReceivedReport {
  id: string;
  /** Where it is in the report store. */
  key: string;
  conferenceId: string;
  fileName: string;
  type: DocumentType;
  size: number;
}

/**
 * A check on a received file, as stored, before it is recorded: a problem
 * refuses it (and the file is removed). `read` opens the stored file.
 * (The staff reports service runs each of `uploadChecks` in turn.)
 */
export type UploadCheck = (
  file: ReceivedReport,
  read: () => Promise<StoredFile | null>,
) => Promise<UploadProblem | null>;

/** How a report reaches one parent, against the council's timescale. */
export interface ShareStatus {
  parentId: string;
  parentName: string;
  sharedAt: string;
  onTime: boolean;
}

export interface StaffReport {
  id: string;
  /** The council's last day for reports to reach parents before this conference. */
  /** Null where the council has set no time for sharing reports: nothing can be late then. */
  deadline: CalendarDate | null;
  /** Every parent it is shared with got it by the deadline (true while it is shared with nobody). */
  onTime: boolean;
  title: string;
  agency: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
  withdrawnAt: string | null;
  shares: ShareStatus[];
}

/**
 * Counts and sniffs the bytes going past on their way to the store. It errors
 * (so the store keeps nothing) once there are too many, or as soon as the
 * first bytes cannot be a document: a renamed program is stopped at its first
 * chunk, not after it has been written out in full.
 */
function inspector() {
  const head = new Uint8Array(SNIFF_BYTES);
  let headLength = 0;
  let total = 0;
  let refused: UploadProblem | null = null;
  // Remembered as well as thrown (to stop the stream): a store may wrap the stream's error in its own.
  const refuse = (code: UploadProblem) => {
    refused = code;
    return new Error(code);
  };
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > MAX_REPORT_BYTES) throw refuse('staff:report.file.tooBig');
      if (headLength < SNIFF_BYTES) {
        const part = chunk.subarray(0, SNIFF_BYTES - headLength);
        head.set(part, headLength);
        headLength += part.byteLength;
        const sniffed = head.subarray(0, headLength);
        if (!mayBeDocument(sniffed) || (headLength === SNIFF_BYTES && !detectDocumentType(sniffed)))
          throw refuse('staff:report.file.type');
      }
      controller.enqueue(chunk);
    },
  });
  return { stream, total: () => total, head: () => head.subarray(0, headLength), refused: () => refused };
}

/** A safe file name for the download: the uploader's name without its path or extension, and the detected type's extension. */
function safeFileName(original: string, extension: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const stem =
    base
      .replace(/\.[^.]*$/, '')
      .replace(/[^\p{L}\p{N} ._()-]/gu, '')
      .trim()
      .slice(0, 80) || 'report';
  return `${stem}.${extension}`;
}

/**
 * Reports in the staff area: upload (type checked from the content, a size
 * limit, nothing kept if refused), sharing with parents, whether each parent
 * got it within the council's timescale (the same rule the parent area
 * shows), and withdrawing one shared by mistake. Every action is audited.
 */
export function staffReportsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  audit: AuditService;
  authority: Authority;
  reportStore: ReportStore;
  /** Checks on each received file before it is recorded (content checks plug in here). */
  uploadChecks?: readonly UploadCheck[] | undefined;
}) {
  const { db, clock, audit, authority, reportStore } = deps;
  const uploadChecks = deps.uploadChecks ?? [];
  const rules = authority.rules;

  const reports = (on: Kysely<Database>) => reportsRepository(on);

  /** The conference, or null when there is none (the caller answers `missing`). */
  async function conferenceOf(conferenceId: string) {
    return (await conferencesRepository(db).find(conferenceId)) ?? null;
  }

  /** Only parents of the conference's own case can be given its reports. */
  function parentsOfCase(caseId: string, parentIds: string[], on: Kysely<Database> = db): Promise<string[]> {
    return casesRepository(on).parents.idsInCase(caseId, parentIds);
  }

  /** The report, or null when there is none (the caller answers `missing`). */
  async function reportOf(reportId: string, on: Kysely<Database> = db) {
    return (await reports(on).find(reportId)) ?? null;
  }

  return {
    /**
     * The last day reports should reach parents for this conference (null where
     * the council has set none), and whether a report shared today is late
     * already (today in England, from the clock); null when there is no such conference.
     */
    async deadline(conferenceId: string): Promise<{ dueBy: CalendarDate | null; lateToday: boolean } | null> {
      const c = await conferenceOf(conferenceId);
      if (!c) return null;
      const dueBy = reportsDueBy(rules, c.type, londonDate(new Date(c.starts_at)));
      return { dueBy, lateToday: dueBy !== null && londonDate(clock.now()) > dueBy };
    },

    /**
     * Streams a report file into the store, checking it on the way (too big,
     * not a document: refused at once, nothing kept) and then as stored (the
     * upload checks), but records nothing yet: `commit` does, `discard` drops it.
     * A file refused is an answer with the reason, nothing kept (`missing`: no
     * such conference, nothing read); a store that fails throws.
     */
    async receive(
      input: Pick<NewReport, 'conferenceId' | 'fileName' | 'stream'>,
      actor: StaffActor,
    ): Promise<Result<{ received: ReceivedReport }, UploadProblem | 'missing'>> {
      assertCan(actor.role, 'uploadReports');
      const conference = await conferenceOf(input.conferenceId);
      if (!conference) return missing();
      const id = randomUUID();
      const key = `${conference.case_id}/${id}`;
      const seen = inspector();
      const refuse = async (code: UploadProblem): Promise<UploadRefused> => {
        await reportStore.delete(key);
        return refused(code);
      };
      const source =
        input.stream instanceof Readable
          ? (Readable.toWeb(input.stream) as unknown as ReadableStream<Uint8Array>)
          : input.stream;
      try {
        await reportStore.put(key, source.pipeThrough(seen.stream));
      } catch (error) {
        await reportStore.delete(key);
        const problem = seen.refused();
        if (problem) return refused(problem);
        throw error;
      }
      if (seen.total() === 0) return refuse('staff:report.file.empty');
      const type = detectDocumentType(seen.head());
      if (!type) return refuse('staff:report.file.type');
      // Built as its type says (a PDF that parses, a .docx that is no bomb, no macros): read back from the store.
      const problem = await checkDocumentStructure(
        type,
        async () => (await reportStore.get(key))?.stream ?? null,
      ).catch(async (error: unknown) => {
        await reportStore.delete(key);
        throw error;
      });
      if (problem) {
        log.warn({ problem, type, size: seen.total() }, 'A report file was refused: not built as its type says');
        return refuse('staff:report.file.unsafe');
      }
      const received: ReceivedReport = {
        id,
        key,
        conferenceId: conference.id,
        fileName: input.fileName,
        type,
        size: seen.total(),
      };
      for (const check of uploadChecks) {
        const problem = await check(received, () => reportStore.get(key)).catch(async (error: unknown) => {
          await reportStore.delete(key);
          throw error;
        });
        if (problem) return refuse(problem);
      }
      return done({ received });
    },

    /**
     * Records a received report and shares it with `parentIds` (of its case
     * only); answers its id, or `missing` when its conference is gone (the file
     * is then the caller's to discard).
     */
    async commit(
      received: ReceivedReport,
      details: Pick<NewReport, 'title' | 'agency' | 'parentIds'>,
      actor: StaffActor,
    ): Promise<Result<{ id: string }, 'missing'>> {
      assertCan(actor.role, 'uploadReports');
      const { id, key, type } = received;
      const conference = await conferenceOf(received.conferenceId);
      if (!conference) return missing();
      const parentIds = await parentsOfCase(conference.case_id, details.parentIds);
      const now = clock.now().toISOString();
      const info = DOCUMENT_TYPES[type];
      // A file with no row would never be found again: if the row cannot be written, the file goes too.
      await inTransaction(db, async (trx) => {
        await reports(trx).insert({
          id,
          case_id: conference.case_id,
          conference_id: conference.id,
          title: details.title,
          agency: details.agency,
          file_key: key,
          file_name: safeFileName(received.fileName, info.extension),
          content_type: info.contentType,
          size_bytes: received.size,
          uploaded_by: actor.id,
          uploaded_at: now,
          withdrawn_at: null,
          withdrawn_by: null,
        });
        for (const parentId of parentIds) await reports(trx).addShare(id, parentId, now);
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'report.upload',
            caseId: conference.case_id,
            subjectType: 'report',
            subjectId: id,
            detail: { conferenceId: conference.id, type, size: received.size, sharedWith: parentIds },
          },
          trx,
        );
      }).catch(async (error: unknown) => {
        await reportStore.delete(key);
        throw error;
      });
      return done({ id });
    },

    /** Drops a received report that will not be recorded (the rest of its form was wrong). */
    async discard(received: ReceivedReport): Promise<void> {
      await reportStore.delete(received.key);
    },

    /** Stores a report and shares it; refuses (storing nothing) an empty, too big or non-document file, or a conference not there. */
    async upload(input: NewReport, actor: StaffActor): Promise<Result<{ id: string }, UploadProblem | 'missing'>> {
      const received = await this.receive(input, actor);
      if (!received.ok) return received;
      const committed = await this.commit(received.received, input, actor);
      if (!committed.ok) await this.discard(received.received);
      return committed;
    },

    /**
     * Shares a report with more parents of its case (those who have it already
     * keep their date); refuses a report not there (`missing`) or withdrawn meanwhile.
     */
    async share(
      reportId: string,
      parentIds: string[],
      actor: StaffActor,
    ): Promise<Result<object, 'missing' | 'withdrawn'>> {
      assertCan(actor.role, 'uploadReports');
      return inTransaction(db, async (trx) => {
        const report = await reportOf(reportId, trx);
        if (!report) return missing();
        if (report.withdrawn_at) return refused('withdrawn');
        const allowed = await parentsOfCase(report.case_id, parentIds, trx);
        const already = new Set(await reports(trx).sharedWith(reportId));
        const added = allowed.filter((p) => !already.has(p));
        const now = clock.now().toISOString();
        for (const parentId of added) await reports(trx).addShare(reportId, parentId, now);
        if (added.length)
          await audit.record(
            {
              actorType: 'staff',
              actorId: actor.id,
              action: 'report.share',
              caseId: report.case_id,
              subjectType: 'report',
              subjectId: reportId,
              detail: { sharedWith: added },
            },
            trx,
          );
        return done();
      });
    },

    /** Withdraws a report shared by mistake: no parent sees it from now on; the file and the audit trail stay. */
    async withdraw(reportId: string, actor: StaffActor): Promise<Result<object, 'missing'>> {
      assertCan(actor.role, 'uploadReports');
      const report = await reportOf(reportId);
      if (!report) return missing();
      await inTransaction(db, async (trx) => {
        // Withdrawn already (say, a second click, or two at once): nothing changes, nothing more to audit.
        if (!(await reports(trx).withdraw(reportId, actor.id, clock.now().toISOString()))) return;
        await audit.record(
          {
            actorType: 'staff',
            actorId: actor.id,
            action: 'report.withdraw',
            caseId: report.case_id,
            subjectType: 'report',
            subjectId: reportId,
          },
          trx,
        );
      });
      return done();
    },

    /** A conference's reports, newest first, each with who has it and whether in time (none for a conference not there). */
    async forConference(conferenceId: string): Promise<StaffReport[]> {
      const conference = await conferenceOf(conferenceId);
      if (!conference) return [];
      const rows = await reports(db).inConference(conferenceId);
      if (rows.length === 0) return [];
      const shares = await reports(db).sharesOf(rows.map((r) => r.id));
      const startsAt = new Date(conference.starts_at);
      const deadline = reportsDueBy(rules, conference.type, londonDate(startsAt));
      return rows.map((r) => {
        // The parent area's own rule (reportSharedLate), so both areas always agree on "late".
        const reportShares = shares
          .filter((s) => s.report_id === r.id)
          .map((s) => ({
            parentId: s.parent_id,
            parentName: s.name,
            sharedAt: s.shared_at,
            onTime: !reportSharedLate(rules, conference.type, startsAt, new Date(s.shared_at)),
          }));
        return {
          id: r.id,
          deadline,
          onTime: reportShares.every((s) => s.onTime),
          title: r.title,
          agency: r.agency,
          fileName: r.file_name,
          contentType: r.content_type,
          sizeBytes: r.size_bytes,
          uploadedAt: r.uploaded_at,
          withdrawnAt: r.withdrawn_at,
          shares: reportShares,
        };
      });
    },

    /** One report with its conference, for its own page. */
    async get(reportId: string): Promise<(StaffReport & { conferenceId: string; caseId: string }) | null> {
      const row = await reports(db).find(reportId);
      if (!row) return null;
      const report = (await this.forConference(row.conference_id)).find((r) => r.id === reportId);
      return report ? { ...report, conferenceId: row.conference_id, caseId: row.case_id } : null;
    },
  };
}
export type StaffReportsService = ReturnType<typeof staffReportsService>;
