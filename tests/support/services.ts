import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { getAuthority } from '~/config/authorities';
import type { Authority } from '~/config/authority-schema';
import { readConfig } from '~/server/config';
import type { Db } from '~/server/db/client';
import { memoryMailer, type Mailer } from '~/server/mail';
import { memoryNotifier, type Notifier } from '~/server/notify';
import { createServices, type Services } from '~/server/services';
import { systemClock, type Clock } from '~/server/services/clock';

/** A clock the test moves by hand. */
export type ManualClock = Clock & { advance(ms: number): void; set(iso: string): void };

/** A clock the test moves by hand, at `iso`. */
export function manualClock(iso = '2026-11-02T09:00:00.000Z'): ManualClock {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => void (now += ms),
    set: (to) => void (now = new Date(to).getTime()),
  };
}

/** What the services are built with in a test, beside the database. */
export interface TestDeps {
  /** Default: memoryMailer(). */
  mailer?: Mailer;
  /** Default: the system clock (which vi.setSystemTime moves, better-auth's included). */
  clock?: Clock;
  /** When given, it sends every message (memoryNotifier()); without, emails go through the mailer. */
  notifier?: Notifier;
  /** The council tested; default: currentAuthority(). */
  authority?: Authority;
  /** Settings over NODE_ENV=test and SITE_URL=http://localhost:4321. */
  env?: Record<string, string>;
}

/**
 * The services over a test database (from DATABASES), with better-auth's
 * tables created. The mailer defaults to memoryMailer(); the clock to the
 * system clock (which vi.setSystemTime moves, better-auth's included).
 */
export async function openServices(
  db: Db,
  options: TestDeps = {},
): Promise<Services & { mailer: ReturnType<typeof memoryMailer> | Mailer }> {
  const config = readConfig({ NODE_ENV: 'test', SITE_URL: 'http://localhost:4321', ...options.env });
  const services = createServices({
    config,
    db,
    clock: options.clock ?? systemClock,
    mailer: options.mailer ?? memoryMailer(),
    notifier: options.notifier,
    authority: options.authority,
  });
  await services.auth.migrate();
  return services;
}

/** One test's services over a fresh database, and the way to take it all down again. */
export interface ServicesWorld {
  db: Db;
  services: Services;
  /** The emails sent through the memory mailer (none when a notifier, or a mailer the test gave, sends them). */
  mailer: ReturnType<typeof memoryMailer>;
  /** Lets the sign-in codes being sent finish, puts the real time back, closes and removes the database and the reports folder. */
  close(): Promise<void>;
}

/**
 * A fresh database made by `open` (one of DATABASES), the services over it
 * with a memory mailer (or the `mailer` given: a provider under test) and a
 * temporary reports folder, and, with `at`, the system time fixed there (Date
 * only: better-auth's expiry and the system clock read it). Call close() after each test.
 */
export async function openServicesWorld(
  open: () => Promise<Db>,
  options: TestDeps & { at?: string } = {},
): Promise<ServicesWorld> {
  const { at, env, mailer: given, ...deps } = options;
  if (at) {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(at));
  }
  const db = await open();
  const reports = await mkdtemp(join(tmpdir(), 'portal-reports-'));
  const mailer = memoryMailer();
  const services = await openServices(db, { ...deps, mailer: given ?? mailer, env: { REPORTS_DIR: reports, ...env } });
  return {
    db,
    services,
    mailer,
    close: async () => {
      await services.auth.settle();
      if (at) vi.useRealTimers();
      await db.close();
      await rm(reports, { recursive: true, force: true });
    },
  };
}

/** A services world whose clock the test moves and whose messages it reads. */
export type RemindersWorld = ServicesWorld & { clock: ManualClock; notifier: ReturnType<typeof memoryNotifier> };

/**
 * A services world for the reminder tests: a clock moved by hand from `now`,
 * every message (email and text) sent through a memory notifier — or through
 * what `notifier` makes of it — links to https://portal.example, and
 * Kingston's rules unless another council is given.
 */
export async function openRemindersWorld(
  open: () => Promise<Db>,
  now: string,
  options: { authority?: Authority; notifier?: (memory: ReturnType<typeof memoryNotifier>) => Notifier } = {},
): Promise<RemindersWorld> {
  const clock = manualClock(now);
  const notifier = memoryNotifier(['email', 'sms']);
  const world = await openServicesWorld(open, {
    clock,
    notifier: options.notifier?.(notifier) ?? notifier,
    authority: options.authority ?? getAuthority('kingston'),
    env: { SITE_URL: 'https://portal.example' },
  });
  return { ...world, clock, notifier };
}
