// One portal process starting on the database its environment names
// (SQLITE_PATH or DATABASE_URL), for the "several processes start at once"
// tests: it loads, says {"ready":true}, waits for a line on standard input
// (so that two processes begin at the same moment), runs the portal's own
// start-up (migrations and better-auth's tables, as getServices does), and
// answers {"applied":[...]} or {"error":"..."}.
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { readConfig } from '~/server/config';
import { openConfiguredDb } from '~/server/db/client';
import { memoryMailer } from '~/server/mail';
import { createServices, prepareDatabase } from '~/server/services';
import { systemClock } from '~/server/services/clock';

export async function main(): Promise<number> {
  const config = readConfig();
  const db = openConfiguredDb(config);
  const lines = createInterface({ input: process.stdin });
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  await once(lines, 'line');
  lines.close();
  try {
    const { applied } = await prepareDatabase(db, () =>
      createServices({ config, db, clock: systemClock, mailer: memoryMailer() }),
    );
    process.stdout.write(`${JSON.stringify({ applied })}\n`);
    return 0;
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
    return 1;
  } finally {
    await db.close();
  }
}
