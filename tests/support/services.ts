import { readConfig } from '~/server/config';
import type { Db } from '~/server/db/client';
import { memoryMailer, type Mailer } from '~/server/mail';
import { createServices, type Services } from '~/server/services';
import { systemClock, type Clock } from '~/server/services/clock';

/** A clock the test moves by hand. */
export function manualClock(
  iso = '2026-11-02T09:00:00.000Z',
): Clock & { advance(ms: number): void; set(iso: string): void } {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => void (now += ms),
    set: (to) => void (now = new Date(to).getTime()),
  };
}

/**
 * The services over a test database (from DATABASES), with better-auth's
 * tables created. The mailer defaults to memoryMailer(); the clock to the
 * system clock (which vi.setSystemTime moves, better-auth's included).
 */
export async function openServices(
  db: Db,
  options: { mailer?: Mailer; clock?: Clock; env?: Record<string, string> } = {},
): Promise<Services & { mailer: ReturnType<typeof memoryMailer> | Mailer }> {
  const config = readConfig({ NODE_ENV: 'test', SITE_URL: 'http://localhost:4321', ...options.env });
  const services = createServices({
    config,
    db,
    clock: options.clock ?? systemClock,
    mailer: options.mailer ?? memoryMailer(),
  });
  await services.auth.migrate();
  return services;
}
