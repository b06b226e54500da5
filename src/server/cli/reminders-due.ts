import { parseArgs } from 'node:util';
import { readConfig } from '~/server/config';
import { migrate, openConfiguredDb } from '~/server/db/client';
import { createMailer } from '~/server/mail';
import { createNotifier } from '~/server/notify';
import { createServices } from '~/server/services';
import { systemClock } from '~/server/services/clock';

/**
 * `npm run reminders:due -- --at 2026-11-12T09:00:00Z`: prints, one JSON
 * object a line, every reminder the scheduler would queue at that instant
 * (default: now), with the same settings and database as the server. Sends
 * and queues nothing.
 */
export async function printDueReminders(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { at: { type: 'string' } }, strict: true });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime()) || (values.at && !/^\d{4}-\d{2}-\d{2}T/.test(values.at))) {
    console.error(`--at takes an ISO instant, such as 2026-11-12T09:00:00Z (not "${values.at ?? ''}")`);
    return 2;
  }
  const config = readConfig();
  const db = openConfiguredDb(config);
  try {
    await migrate(db);
    const notifier = config.NOTIFY_API_KEY ? createNotifier(config, () => undefined) : undefined;
    const services = createServices({ config, db, clock: systemClock, mailer: createMailer(config), notifier });
    for (const r of await services.reminders.due(at))
      console.log(
        JSON.stringify({
          type: r.type,
          parentId: r.parentId,
          conferenceId: r.conferenceId,
          channel: r.channel,
          language: r.language,
          sendAt: r.sendAt.toISOString(),
        }),
      );
    return 0;
  } finally {
    await db.close();
  }
}
