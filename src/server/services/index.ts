import { readConfig, type ServerConfig } from '~/server/config';
import { migrate, openConfiguredDb, withMigrationLock, type Db } from '~/server/db/client';
import { authService, type AuthService } from '~/server/auth';
import { createMailer, mailService, type Mailer, type MailService } from '~/server/mail';
import { auditService, type AuditService } from './audit';
import { casesService, type CasesService } from './cases';
import { parentAreaServices, type ParentAreaServices } from './parent-area';
import type { ReportStore } from '~/server/storage/report-store';
import type { Authority } from '~/config/authority-schema';
import { systemClock, type Clock } from './clock';
import { staffAuditService, type StaffAuditService } from './staff-audit';
import { staffCasesService, type StaffCasesService } from './staff-cases';
import { staffEmailsService, type StaffEmailsService } from './staff-emails';
import { staffConferencesService, type StaffConferencesService } from './staff-conferences';
import { staffInboxService, type StaffInboxService } from './staff-inbox';
import { staffReportsService, type StaffReportsService } from './staff-reports';
import { log, outsideRequest } from '~/server/log';
import { createNotifier, type Notifier } from '~/server/notify';
import { folderNotifier } from '~/server/notify/folder';
import { reminderScheduler, type ReminderScheduler } from '~/server/notify/scheduler';
import { parentCalendarService, type ParentCalendarService } from './parent-calendar';
import { reminderChoicesService, type ReminderChoicesService } from './reminder-choices';
import { reminderSettingsService, type ReminderSettingsService } from './reminder-settings';
import { DEVELOPMENT_SECRET } from '~/server/auth/better-auth';
import { reminderStates, type ReminderStateRow } from '~/server/notify/reminder-states';
import type { Channel } from '~/server/domain/reminders';

/**
 * Everything pages and actions use, wired once. Tests call createServices()
 * with a temporary database, an in-memory mailer and a temporary report folder.
 *
 * Each feature adds its own service here (one field, one line in the factory),
 * and its dependencies to Deps.
 */
export interface Deps {
  config: ServerConfig;
  db: Db;
  clock: Clock;
  /** Resend, the local outbox folder, or (in tests) memoryMailer(). */
  mailer: Mailer;
  /**
   * GOV.UK Notify (NOTIFY_API_KEY) or, in tests, memoryNotifier(): when given,
   * it sends every message, emails included. Without it, emails go through
   * the mailer and text messages to the outbox folder (OUTBOX_DIR).
   */
  notifier?: Notifier | undefined;
  /** Report files; default: a folder, REPORTS_DIR (tests pass a temporary one). */
  reportStore?: ReportStore | undefined;
  /** The council's profile; default: currentAuthority() (tests pass the council they test). */
  authority?: Authority | undefined;
}

export interface Services extends Omit<Deps, 'reportStore' | 'authority'>, ParentAreaServices {
  audit: AuditService;
  mail: MailService;
  auth: AuthService;
  cases: CasesService;
  staffCases: StaffCasesService;
  staffConferences: StaffConferencesService;
  staffReports: StaffReportsService;
  staffInbox: StaffInboxService;
  staffAudit: StaffAuditService;
  staffEmails: StaffEmailsService;
  /** The reminder schedule: what is due, queued once (run by the outbox worker). */
  reminders: ReminderScheduler;
  /** Each reminder of one conference and where it is (planned, queued, sent, failed), for the staff conference page. */
  reminderStates: (conferenceId: string) => Promise<ReminderStateRow[]>;
  /** Stopping reminders from a message's link. */
  reminderChoices: ReminderChoicesService;
  /** How a parent is reminded (channel, confirmed mobile) and what will be sent next. */
  reminderSettings: ReminderSettingsService;
  /** A parent's conference as a calendar file (.ics). */
  parentCalendar: ParentCalendarService;
  /** The channels reminders can go by with these senders (no text messages through Resend). */
  channels: readonly Channel[];
}

/** Builds the services over the given dependencies. The database must already be migrated (and `auth.migrate()` run). */
export function createServices(deps: Deps): Services {
  const audit = auditService(deps.db.db, deps.clock);
  const mail = mailService(
    deps.db.db,
    deps.clock,
    deps.mailer,
    { from: deps.config.MAIL_FROM, siteUrl: deps.config.SITE_URL },
    {
      concurrency: deps.config.OUTBOX_CONCURRENCY,
      notifier:
        deps.notifier ?? folderNotifier(deps.config.OUTBOX_DIR, (line) => log.info({ component: 'mail' }, line)),
      notifierSendsEmail: !!deps.notifier,
    },
  );
  const channels: readonly Channel[] = deps.notifier
    ? deps.notifier.channels
    : deps.config.RESEND_API_KEY
      ? ['email']
      : ['email', 'sms'];
  const cases = casesService(deps.db.db, deps.clock, audit);
  const parentArea = parentAreaServices({ ...deps, audit, mail });
  const auth = authService({ ...deps, mail, audit });
  const staffDeps = { db: deps.db.db, clock: deps.clock, audit, authority: parentArea.authority };
  const secret = deps.config.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET;
  const reminders = reminderScheduler({
    db: deps.db.db,
    clock: deps.clock,
    authority: parentArea.authority,
    mail,
    secret,
    channels,
  });
  return {
    ...deps,
    audit,
    mail,
    auth,
    cases,
    ...parentArea,
    staffCases: staffCasesService({ ...staffDeps, cases, invite: auth }),
    staffConferences: staffConferencesService({ ...staffDeps, cases }),
    staffReports: staffReportsService({ ...staffDeps, reportStore: parentArea.reportStore }),
    staffInbox: staffInboxService(staffDeps),
    staffAudit: staffAuditService(deps.db.db),
    staffEmails: staffEmailsService({ db: deps.db.db, mail, audit }),
    channels,
    reminderChoices: reminderChoicesService({
      db: deps.db.db,
      clock: deps.clock,
      audit,
      secret,
    }),
    parentCalendar: parentCalendarService({ db: deps.db.db, audit, siteUrl: deps.config.SITE_URL }),
    reminders,
    reminderStates: (conferenceId) => reminderStates(deps.db.db, reminders, conferenceId, deps.clock.now()),
    reminderSettings: reminderSettingsService({
      db: deps.db.db,
      clock: deps.clock,
      audit,
      mail,
      secret,
      channels,
      scheduler: reminders,
    }),
  };
}

/** What the start-up module does under the start-up lock right after the migrations (the demo seed: src/server/start-up.ts). */
export type AfterMigrations = (services: Services, applied: readonly string[]) => Promise<void>;

/**
 * Brings the database up to date (the portal's migrations, then better-auth's
 * tables) and runs `afterMigrations` — all under the start-up lock, so several
 * processes starting at once on one PostgreSQL migrate once (and seed once).
 */
export async function prepareDatabase(
  db: Db,
  make: () => Services,
  afterMigrations?: AfterMigrations,
): Promise<{ applied: string[]; services: Services }> {
  return withMigrationLock(db, async () => {
    const applied = await migrate(db);
    const services = make();
    await services.auth.migrate();
    await afterMigrations?.(services, applied);
    return { applied, services };
  });
}

let running: Promise<Services> | undefined;

/**
 * The running process's services, wired once: opens and migrates the
 * configured database on first use, and nothing more — no demo data, no
 * timers. The server's start-up (src/server/start-up.ts) opens them first,
 * with the demo seed, and starts the workers; command-line tools use them as
 * they are.
 */
export function getServices(): Promise<Services> {
  return openRunningServices();
}

/**
 * Opens the running process's services once (the first caller's
 * `afterMigrations` is the one that runs): for getServices() and, with the
 * demo seed, the start-up module. A failure is forgotten, so the next caller
 * tries again with a new pool (the database may be back).
 */
export function openRunningServices(afterMigrations?: AfterMigrations): Promise<Services> {
  // Not part of the request that happens to come first: the services outlive it.
  running ??= outsideRequest(async () => {
    const config = readConfig();
    const db = openConfiguredDb(config);
    try {
      // Several processes may start at once on one PostgreSQL: one migrates (and seeds), the others wait for it.
      const { applied, services } = await prepareDatabase(
        db,
        () => {
          const notifier = config.NOTIFY_API_KEY
            ? createNotifier(config, (line) => log.info({ component: 'notify' }, line))
            : undefined;
          return createServices({ config, db, clock: systemClock, mailer: createMailer(config), notifier });
        },
        afterMigrations,
      );
      if (applied.length) log.info({ migrations: applied }, 'Database migrated');
      return services;
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
  }).catch((error: unknown) => {
    running = undefined;
    throw error;
  });
  return running;
}
