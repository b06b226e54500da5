import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { pendingMigrations } from '~/server/db/client';
import { log } from '~/server/log';
import type { Services } from './index';

export type Check = 'ok' | 'failed';

/** Whether this process can serve the parent and staff areas now, and what is wrong when it cannot. */
export interface Readiness {
  ready: boolean;
  checks: { database: Check; migrations: Check; reportStore: Check };
}

async function check(name: string, probe: () => Promise<boolean>): Promise<Check> {
  try {
    return (await probe()) ? 'ok' : 'failed';
  } catch (error) {
    log.warn({ err: error, check: name }, 'A readiness check failed');
    return 'failed';
  }
}

/**
 * The database answers, every migration has run, and the report store takes
 * a file (a one-byte probe, written and removed again).
 */
export async function readiness(services: Pick<Services, 'db' | 'reportStore'>): Promise<Readiness> {
  const database = await check('database', async () => {
    await sql`select 1`.execute(services.db.db);
    return true;
  });
  const migrations =
    database === 'ok'
      ? await check('migrations', async () => (await pendingMigrations(services.db)).length === 0)
      : 'failed';
  const reportStore = await check('report store', async () => {
    const key = `readyz/${randomUUID()}`;
    const written = await services.reportStore.put(key, new Blob([new Uint8Array([1])]).stream());
    await services.reportStore.delete(key);
    return written === 1;
  });
  return {
    ready: database === 'ok' && migrations === 'ok' && reportStore === 'ok',
    checks: { database, migrations, reportStore },
  };
}
