import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/**
 * The portal's own tables (better-auth keeps its user, session, account and
 * verification tables beside these). Ids are random UUID strings; instants are
 * ISO 8601 strings in UTC ("2026-11-22T09:30:00.000Z"); calendar dates are
 * "YYYY-MM-DD"; booleans are 0 or 1, so one schema fits SQLite and PostgreSQL.
 */
export type Instant = string;
export type CalendarDate = string;
export type Flag = 0 | 1;
/** A request's place in the case team's inbox. */
export type HandledStatus = 'new' | 'seen' | 'done';

interface Handled {
  handled_status: ColumnType<HandledStatus, HandledStatus | undefined, HandledStatus>;
  handled_by: string | null;
  handled_at: Instant | null;
}

interface Stamped {
  created_at: Instant;
  updated_at: Instant;
}

export interface CasesTable extends Stamped {
  id: string;
  /** The council's own reference for the family. */
  reference: string;
  /** Kept by the database: the reference trimmed, in lower case (the staff search). */
  reference_normalised: GeneratedAlways<string>;
}

export interface ChildrenTable {
  id: string;
  case_id: string;
  first_name: string;
  date_of_birth: CalendarDate;
}

export interface ParentsTable extends Stamped {
  id: string;
  case_id: string;
  /** better-auth user id, set when the parent is invited. */
  user_id: string | null;
  name: string;
  email: string;
  /** Kept by the database: the address trimmed, in lower case (the sign-in look-up). */
  email_normalised: GeneratedAlways<string>;
  /** Kept by the database: the name trimmed, in lower case (the staff search). */
  name_normalised: GeneratedAlways<string>;
  /** A locale code from src/config/locales.ts. */
  preferred_language: string;
  /** Whether this parent lives with the other parent(s) of the case. */
  shares_household: Flag;
  invited_at: Instant | null;
  /** How the parent is reminded (0006): email (the default), a text message, both, or none. */
  reminder_channel: ColumnType<ReminderChannel, ReminderChannel | undefined, ReminderChannel>;
  /** A mobile number the parent confirmed with a code, in international form (+447…). */
  mobile: ColumnType<string | null, string | null | undefined, string | null>;
  /** A number waiting for its code (typed by the parent, or recorded by staff when inviting). */
  mobile_pending: ColumnType<string | null, string | null | undefined, string | null>;
  /** The code sent to mobile_pending, hashed; when it stops working; wrong tries so far. */
  mobile_code_hash: ColumnType<string | null, string | null | undefined, string | null>;
  mobile_code_expires_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  mobile_code_tries: ColumnType<number, number | undefined, number>;
  /** When the parent stopped reminders from a message's stop link. */
  reminders_stopped_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** Asked to be reminded before the time to complain runs out. */
  complaint_reminder: ColumnType<Flag, Flag | undefined, Flag>;
  /** The last sign-in with the current address (0007); cleared when staff change the address. */
  last_signed_in_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

/** How a parent chose to be reminded. */
export type ReminderChannel = 'email' | 'sms' | 'both' | 'none';

export type ConferenceType = 'initial' | 'review';
export type ConferenceStatus = 'scheduled' | 'cancelled' | 'held';
export type ConferenceOutcome = 'cp-plan' | 'cin-plan' | 'no-plan';
export type PlanCategory = 'physical-abuse' | 'emotional-abuse' | 'sexual-abuse' | 'neglect';

export interface ConferencesTable extends Stamped {
  id: string;
  case_id: string;
  type: ConferenceType;
  starts_at: Instant;
  /** Expected length in minutes, for the parent's calendar. */
  duration_minutes: number;
  venue: string | null;
  online_link: string | null;
  chair_name: string;
  status: ConferenceStatus;
  outcome: ConferenceOutcome | null;
  outcome_category: PlanCategory | null;
  /** For a review: the date of the initial conference, from which reviews are counted. */
  initial_conference_date: CalendarDate | null;
  /** 0 when booked; one more each time it is moved or cancelled (0006): the reminders' and calendar file's version. */
  sequence: ColumnType<number, number | undefined, number>;
  /** When it was booked, last moved or cancelled. */
  changed_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
}

export interface ConferenceChildrenTable {
  conference_id: string;
  child_id: string;
}

export interface ExclusionsTable {
  id: string;
  conference_id: string;
  parent_id: string;
  scope: 'all' | 'part';
  /** The chair's recorded reason, shown to staff. */
  reason: string;
  /** What part, when scope is 'part' (shown to the parent). */
  part_description: string | null;
  decided_by: string;
  created_at: Instant;
}

export interface ReportsTable {
  id: string;
  case_id: string;
  conference_id: string;
  title: string;
  agency: string;
  /** Key in the ReportStore. */
  file_key: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  uploaded_by: string;
  uploaded_at: Instant;
  withdrawn_at: Instant | null;
  withdrawn_by: string | null;
}

export interface ReportSharesTable {
  report_id: string;
  parent_id: string;
  shared_at: Instant;
}

export interface SupporterNominationsTable extends Stamped, Handled {
  id: string;
  conference_id: string;
  parent_id: string;
  name: string;
  relationship: string;
  is_solicitor: Flag;
  phone: string | null;
  email: string | null;
  withdrawn_at: Instant | null;
}

export interface InterpreterRequestsTable extends Stamped, Handled {
  id: string;
  conference_id: string;
  parent_id: string;
  /** Language name as the parent gives it, e.g. "British Sign Language". */
  language: string;
  dialect: string | null;
  for_whom: string;
  preferred_gender: 'any' | 'female' | 'male';
  for_conference: Flag;
  for_chair_meeting: Flag;
  withdrawn_at: Instant | null;
}

export type AttendanceMode = 'in-person' | 'online' | 'not-coming';

export interface AttendanceTable extends Stamped, Handled {
  id: string;
  conference_id: string;
  parent_id: string;
  mode: AttendanceMode;
  need_access: Flag;
  need_childcare: Flag;
  need_travel: Flag;
  need_breaks: Flag;
  needs_detail: string | null;
  /** Written views to be read out at the conference. */
  views: string | null;
}

export type ComplaintAbout = 'process' | 'decision' | 'professional';

export interface ComplaintsTable extends Handled {
  id: string;
  conference_id: string;
  parent_id: string;
  /** Shown to the parent: "CPC-2026-000123". */
  reference: string;
  about: ComplaintAbout;
  details: string;
  created_at: Instant;
}

export type StaffRole = 'admin' | 'officer' | 'chair' | 'readonly';

export interface StaffTable extends Stamped {
  id: string;
  user_id: string | null;
  name: string;
  email: string;
  /** Kept by the database: the address trimmed, in lower case (the sign-in look-up). */
  email_normalised: GeneratedAlways<string>;
  role: StaffRole;
  active: Flag;
}

/** Append-only: the migration installs triggers that refuse UPDATE and DELETE. */
export interface AuditLogTable {
  id: Generated<number>;
  at: Instant;
  actor_type: 'parent' | 'staff' | 'system';
  actor_id: string | null;
  action: string;
  case_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  /** JSON with what changed: never file contents, never free text a parent wrote. */
  detail: string | null;
}

/**
 * pending → sending (leased to one worker) → sent; or back to pending to try
 * again later; or failed (given up: staff see it under Email problems);
 * superseded (a newer sign-in code went instead), expired (a code or a
 * reminder no longer worth sending) or stopped (a reminder the parent
 * stopped, or chose not to have, before it went).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'superseded' | 'expired' | 'stopped';

/** Emails waiting to go. Payloads hold no personal details: a template name, a locale and, at most, a code. */
export interface EmailOutboxTable {
  id: string;
  to_address: string;
  template: string;
  locale: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Instant;
  last_error: string | null;
  provider_id: string | null;
  created_at: Instant;
  sent_at: Instant | null;
  /** The worker sending it (status sending). */
  lease_owner: ColumnType<string | null, string | null | undefined, string | null>;
  /** Until when that worker holds it; its heartbeat moves this on while the send is under way. */
  lease_until: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  given_up_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** email or sms (0006). */
  channel: ColumnType<'email' | 'sms', 'email' | 'sms' | undefined, 'email' | 'sms'>;
  /** A reminder's key (type:conference:parent:channel:about): unique, so it is queued once. */
  reminder_key: ColumnType<string | null, string | null | undefined, string | null>;
  parent_id: ColumnType<string | null, string | null | undefined, string | null>;
  conference_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The email provider's recent health, one row (id 1) shared by every process. */
export interface MailProviderHealthTable {
  id: number;
  failures_in_a_row: number;
  last_failure_at: Instant | null;
  last_success_at: Instant | null;
}

/** One report file in the database store: its content is the chunks of `blob_id`. */
export interface ReportFilesTable {
  key: string;
  blob_id: string;
  size_bytes: ColumnType<string | number, number, number>;
  chunks: number;
  updated_at: Instant;
}

export interface ReportFileChunksTable {
  blob_id: string;
  seq: number;
  data: ColumnType<Uint8Array, Uint8Array, never>;
  created_at: Instant;
}

/** A form sent with its submission key: the first result, returned again for a repeat. */
export interface FormSubmissionsTable {
  key: string;
  /** Which form ("supporter", "complaint"…). */
  form: string;
  /** Whose: a parent, staff or user id (a key never answers for someone else). */
  actor_id: string;
  /** JSON: what the first submission answered. */
  result: string;
  created_at: Instant;
}

/** One sign-in request, counted against a bucket ("code:email:<sha256>", "code:ip:<address>"). Old rows are pruned. */
export interface SignInThrottleTable {
  id: string;
  bucket: string;
  at: Instant;
}

/** An authenticator-app code that has been used: (account, 30-second step) is taken once. */
export interface TotpUsedTable {
  user_id: string;
  /** floor(unix seconds / 30) of the code that matched. */
  step: number;
  used_at: Instant;
}

export interface Database {
  cases: CasesTable;
  children: ChildrenTable;
  parents: ParentsTable;
  conferences: ConferencesTable;
  conference_children: ConferenceChildrenTable;
  exclusions: ExclusionsTable;
  reports: ReportsTable;
  report_shares: ReportSharesTable;
  supporter_nominations: SupporterNominationsTable;
  interpreter_requests: InterpreterRequestsTable;
  attendance: AttendanceTable;
  complaints: ComplaintsTable;
  staff: StaffTable;
  audit_log: AuditLogTable;
  email_outbox: EmailOutboxTable;
  mail_provider_health: MailProviderHealthTable;
  report_files: ReportFilesTable;
  report_file_chunks: ReportFileChunksTable;
  form_submissions: FormSubmissionsTable;
  sign_in_throttle: SignInThrottleTable;
  totp_used: TotpUsedTable;
}
