import { log, outsideRequest } from '~/server/log';
import { startOutboxWorker } from '~/server/mail';
import { openRunningServices, type AfterMigrations, type Services } from '~/server/services';
import { onShutdown } from '~/server/shutdown';
import { reportStoreKind } from '~/server/storage';
import { sweepOrphanChunks } from '~/server/storage/database';

/**
 * What the server does once when it starts, beside wiring the services
 * (getServices() only wires): loads the demo family when asked, prints the
 * demo's sign-in hints, and starts the timers — the email outbox worker, the
 * reminder schedule and the hourly pruning — each stopped by the graceful
 * shutdown (src/server/shutdown.ts).
 *
 * The middleware runs it before any page rendered on demand, so the demo
 * family is there when the first request arrives; scripts/serve.mjs asks
 * /readyz as soon as it listens, so a built server starts at once (and
 * `astro dev` on its first request).
 */

/** How often the outbox worker asks the reminder schedule what is due. */
export const REMINDER_SCHEDULE_MS = 60_000;

/** How often old sign-in data (and report content a stopped upload left) is removed. */
export const PRUNE_MS = 3_600_000;

/**
 * The demo seed, run under the start-up lock right after the migrations: the
 * demo family when asked (DEMO_DATA=1), or on a new embedded database outside
 * production (unless DEMO_DATA=0). Several processes starting at once on one
 * PostgreSQL seed once.
 */
export const seedDemoWhenAsked: AfterMigrations = async (services, applied) => {
  const { config } = services;
  const newEmbedded = services.db.dialect === 'sqlite' && applied.includes('0001-initial');
  const production = config.NODE_ENV === 'production';
  if (config.DEMO_DATA === '1' || (newEmbedded && !production && config.DEMO_DATA !== '0')) {
    const { seedDemo } = await import('~/server/demo/seed');
    await seedDemo(services);
  }
};

let started: Promise<Services> | undefined;

/** Starts the server once (a failure is forgotten: the next request tries again); resolves with its services. */
export function startUp(): Promise<Services> {
  // Not part of the request that happens to come first: the workers it starts outlive it.
  started ??= outsideRequest(async () => {
    const services = await openRunningServices(seedDemoWhenAsked);
    await printSignInHints(services);
    startTimers(services);
    return services;
  }).catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}

/** Where to sign in to the demo, for the developer: only when the demo family is there. */
async function printSignInHints(services: Services): Promise<void> {
  const { config } = services;
  if (config.DEMO_DATA !== '1' && config.NODE_ENV === 'production') return;
  const { DEMO_REFERENCE, DEMO_PARENT_EMAILS, DEMO_STAFF } = await import('~/server/demo/seed');
  if (!(await services.cases.findCaseByReference(DEMO_REFERENCE))) return;
  const where = config.RESEND_API_KEY ? 'codes are sent by Resend' : `codes are written to ${config.OUTBOX_DIR}/`;
  const demo = log.child({ component: 'demo' });
  // The demo's made-up addresses (example.test), printed for the developer: never a real person's.
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

/** The workers and timers, each registered with the graceful shutdown. */
function startTimers(services: Services): void {
  const { config } = services;
  // OUTBOX_WORKER=0: emails queued here are sent by the processes that run the worker.
  if (config.OUTBOX_WORKER === '1') {
    const outbox = log.child({ component: 'outbox' });
    onShutdown(
      'email outbox worker',
      startOutboxWorker(services.mail, undefined, (error) => outbox.error({ err: error }, 'The outbox worker failed')),
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
      void sweepOrphanChunks(services.db.db).catch((error: unknown) =>
        log.error({ err: error, component: 'reports' }, 'Sweeping unfinished report uploads failed'),
      );
  }, PRUNE_MS);
  prune.unref();
  onShutdown('sign-in pruning', () => clearInterval(prune));
  onShutdown('sign-in codes being sent', () => services.auth.settle());
  onShutdown('database', () => services.db.close(), 'connections');
}
