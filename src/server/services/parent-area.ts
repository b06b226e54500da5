import { currentAuthority } from '~/config/authorities';
import type { Authority } from '~/config/authority-schema';
import type { Db } from '~/server/db/client';
import type { ServerConfig } from '~/server/config';
import { createReportStore } from '~/server/storage';
import type { ReportStore } from '~/server/storage/report-store';
import { attendanceService, type AttendanceService } from './attendance';
import type { AuditService } from './audit';
import type { Clock } from './clock';
import { complaintService, type ComplaintService } from './complaints';
import { interpreterService, type InterpreterService } from './interpreter';
import { parentConferencesService, type ParentConferencesService } from './parent-conferences';
import { parentReportsService, type ParentReportsService } from './parent-reports';
import { supporterService, type SupporterService } from './supporter';
import { receiptService } from './receipts';
import type { MailService } from '~/server/mail/outbox';

/** The services behind the parent area (/{lang}/account/…), each scoped to the signed-in parent. */
export interface ParentAreaServices {
  /** Where report files live: the store REPORT_STORE names (encrypted at rest) unless another is given. */
  reportStore: ReportStore;
  /** The council whose rules the parent area applies. */
  authority: Authority;
  parentConferences: ParentConferencesService;
  parentReports: ParentReportsService;
  supporter: SupporterService;
  interpreter: InterpreterService;
  attendance: AttendanceService;
  complaints: ComplaintService;
}

/** Wires the parent area over the shared dependencies (called once by createServices). */
export function parentAreaServices(deps: {
  config: ServerConfig;
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** For confirmation emails; without it (some tests) none are sent. */
  mail?: MailService | undefined;
  reportStore?: ReportStore | undefined;
  authority?: Authority | undefined;
}): ParentAreaServices {
  const authority = deps.authority ?? currentAuthority();
  const reportStore = deps.reportStore ?? createReportStore(deps.config, deps.db);
  const receipt = deps.mail ? receiptService(deps.db.db, deps.mail, deps.config.TEAM_EMAIL) : undefined;
  const base = { db: deps.db.db, clock: deps.clock, audit: deps.audit, authority, receipt };
  const parts = {
    supporter: supporterService(base),
    interpreter: interpreterService(base),
    attendance: attendanceService(base),
    complaints: complaintService(base),
    reports: parentReportsService({ ...base, reportStore }),
  };
  return {
    reportStore,
    authority,
    parentConferences: parentConferencesService(base, parts),
    parentReports: parts.reports,
    supporter: parts.supporter,
    interpreter: parts.interpreter,
    attendance: parts.attendance,
    complaints: parts.complaints,
  };
}
