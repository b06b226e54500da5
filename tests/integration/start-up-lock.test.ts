import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { getAuthority } from '~/config/authorities';
import { readConfig } from '~/server/config';
import { migrate, openDb, pendingMigrations, withMigrationLock } from '~/server/db/client';
import { DEMO_REFERENCE } from '~/server/demo/seed';
import { memoryMailer } from '~/server/mail';
import { createServices, prepareDatabase } from '~/server/services';
import { systemClock } from '~/server/services/clock';
import { seedDemoWhenAsked } from '~/server/start-up';
import { newKeySetting } from '~/server/storage/encryption';
import { TEST_POSTGRES_URL } from '../support/db';

// Upgrades: several processes starting at once on one PostgreSQL database
// migrate it once, under a lock; the others wait and find nothing left to do.
describe('start-up migrations on postgres', () => {
  it('run once when three processes start at once, and every process then finds the database up to date', async () => {
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    // Three pools: three processes, as far as the database can tell.
    const processes = [1, 2, 3].map(() => openDb({ url: url.toString() }));
    try {
      const applied = await Promise.all(processes.map((db) => withMigrationLock(db, () => migrate(db))));
      // Exactly one process applied the migrations; the others found them done.
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
      expect(applied.flat()).toContain('0001-initial');
      for (const db of processes) expect(await pendingMigrations(db)).toEqual([]);
      const { rows } = await admin.query<{ n: number }>(`select count(*)::int as n from ${schema}.portal_migrations`);
      expect(rows[0]?.n).toBe(applied.flat().length);
    } finally {
      await Promise.all(processes.map((db) => db.close()));
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });

  it('load the demo family once when three processes start at once with DEMO_DATA=1', async () => {
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const config = readConfig({
      NODE_ENV: 'test',
      DATABASE_URL: url.toString(),
      DEMO_DATA: '1',
      REPORT_KEYS: newKeySetting('demo'),
    });
    const processes = [1, 2, 3].map(() => openDb({ url: url.toString() }));
    try {
      // Migrated already (the seed is what they would race on), empty of any family.
      await migrate(processes[0]!);
      const started = await Promise.all(
        processes.map((db) =>
          prepareDatabase(
            db,
            () => {
              const services = createServices({
                config,
                db,
                clock: systemClock,
                mailer: memoryMailer(),
                authority: getAuthority('kingston'),
              });
              // A slow database: the seed's "is the demo case there yet?" and its creation far apart.
              const { createCase } = services.cases;
              services.cases.createCase = async (...args) => {
                await new Promise((resolve) => setTimeout(resolve, 500));
                return createCase(...args);
              };
              return services;
            },
            seedDemoWhenAsked,
          ),
        ),
      );
      expect(started).toHaveLength(3);
      const { rows: cases } = await admin.query(`select reference from ${schema}.cases`);
      expect(cases.filter((c: { reference: string }) => c.reference === DEMO_REFERENCE)).toHaveLength(1);
      const { rows: staff } = await admin.query(`select email from ${schema}.staff`);
      expect(new Set(staff.map((s: { email: string }) => s.email)).size).toBe(staff.length);
    } finally {
      await Promise.all(processes.map((db) => db.close()));
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });
});
