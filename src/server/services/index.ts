import { readConfig, type ServerConfig } from '~/server/config';
import { migrate, openConfiguredDb, withMigrationLock, type Db } from '~/server/db/client';
import { authService, type AuthService } from '~/server/auth';
import { createMailer, mailService, startOutboxWorker, type Mailer, type MailService } from '~/server/mail';
import { auditService, type AuditService } from './audit';
import { casesService, type CasesService } from './cases';
import { parentAreaServices, type ParentAreaServices } from './parent-area';
import type { ReportStore } from '~/server/storage/report-store';
import { reportStoreKind } from '~/server/storage';
import { sweepOrphanChunks } from '~/server/storage/database';
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
import { onShutdown } from '~/server/shutdown';

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

/** How often the outbox worker asks the reminder schedule what is due. */
export const REMINDER_SCHEDULE_MS = 60_000;

/**
 * Brings the database up to date and, for a server (`demo`), loads the demo
 * family when asked (DEMO_DATA=1) or on a new embedded database outside
 * production — all under the start-up lock, so several processes starting at
 * once on one PostgreSQL migrate once and seed once.
 */
export async function prepareDatabase(
  db: Db,
  config: ServerConfig,
  make: () => Services,
  options: { demo: boolean },
): Promise<{ applied: string[]; services: Services }> {
  return withMigrationLock(db, async () => {
    const applied = await migrate(db);
    const services = make();
    await services.auth.migrate();
    const newEmbedded = db.dialect === 'sqlite' && applied.includes('0001-initial');
    const production = config.NODE_ENV === 'production';
    if (options.demo && (config.DEMO_DATA === '1' || (newEmbedded && !production && config.DEMO_DATA !== '0'))) {
      const { seedDemo } = await import('~/server/demo/seed');
      await seedDemo(services);
    }
    return { applied, services };
  });
}

let running: Promise<Services> | undefined;

/**
 * The running server's services: opens and migrates the database on first
 * use, loads the demo family when asked (or on a new embedded database
 * outside production) and starts the outbox worker.
 */
export function getServices(options: { worker?: boolean } = {}): Promise<Services> {
  const server = options.worker ?? true;
  // Not part of the request that happens to come first: the workers it starts outlive it.
  running ??= outsideRequest(async () => {
    const config = readConfig();
    const db = openConfiguredDb(config);
    let applied: string[];
    let services: Services;
    try {
      // Several processes may start at once on one PostgreSQL: one migrates (and seeds), the others wait for it.
      ({ applied, services } = await prepareDatabase(
        db,
        config,
        () => {
          const notifier = config.NOTIFY_API_KEY
            ? createNotifier(config, (line) => log.info({ component: 'notify' }, line))
            : undefined;
          return createServices({ config, db, clock: systemClock, mailer: createMailer(config), notifier });
        },
        { demo: server },
      ));
    } catch (error) {
      // The next request tries again with a new pool (the database may be back).
      await db.close().catch(() => undefined);
      throw error;
    }
    if (applied.length) log.info({ migrations: applied }, 'Database migrated');
    const production = config.NODE_ENV === 'production';
    // Command-line tools (worker: false) change nothing but what they were asked to.
    if (!server) return services;
    if (config.DEMO_DATA === '1' || !production) {
      const { DEMO_REFERENCE, DEMO_PARENT_EMAILS, DEMO_STAFF } = await import('~/server/demo/seed');
      if (await services.cases.findCaseByReference(DEMO_REFERENCE)) {
        const where = config.RESEND_API_KEY ? 'codes are sent by Resend' : `codes are written to ${config.OUTBOX_DIR}/`;
        // The demo's made-up addresses (example.test), printed for the developer: never a real person's.
        const demo = log.child({ component: 'demo' });
        demo.info(
          `Parents: sign in at ${new URL('/en/account/sign-in/', config.SITE_URL).href} with ${DEMO_PARENT_EMAILS[0]}; ${where}`,
        );
        demo.info(
          `Staff: sign in at ${new URL('/staff/sign-in/', config.SITE_URL).href} as the administrator ${DEMO_STAFF[0].email} ` +
            `(or ${DEMO_STAFF.slice(1)
              .map((s) => `${s.email}, ${s.role}`)
              .join('; ')}); the first time, set up an authenticator app.`,
        );
      }
    }
    // OUTBOX_WORKER=0: emails queued here are sent by the processes that run the worker.
    if (config.OUTBOX_WORKER === '1') {
      const outbox = log.child({ component: 'outbox' });
      onShutdown(
        'email outbox worker',
        startOutboxWorker(services.mail, undefined, (error) =>
          outbox.error({ err: error }, 'The outbox worker failed'),
        ),
      );
      // The reminder schedule, once a minute: each due reminder is queued once, whichever process finds it.
      const schedule = () =>
        void services.reminders
          .run()
          .catch((error: unknown) => outbox.error({ err: error }, 'The reminder scheduler failed'));
      schedule();
      const scheduler = setInterval(schedule, REMINDER_SCHEDULE_MS);
      scheduler.unref();
      onShutdown('reminder scheduler', () => clearInterval(scheduler));
    }
    const prune = setInterval(() => {
      void services.auth
        .prune()
        .catch((error: unknown) => log.error({ err: error, component: 'auth' }, 'Pruning old sign-in data failed'));
      // Report content a stopped upload left in the database.
      if (reportStoreKind(config) === 'postgres')
        void sweepOrphanChunks(db.db).catch((error: unknown) =>
          log.error({ err: error, component: 'reports' }, 'Sweeping unfinished report uploads failed'),
        );
    }, 3_600_000);
    prune.unref();
    onShutdown('sign-in pruning', () => clearInterval(prune));
    onShutdown('sign-in codes being sent', () => services.auth.settle());
    onShutdown('database', () => db.close(), 'connections');
    return services;
  }).catch((error: unknown) => {
    // Let the next request try again (the database may be back).
    running = undefined;
    throw error;
  });
  return running;
}
