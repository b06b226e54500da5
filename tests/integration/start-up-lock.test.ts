import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { getAuthority } from '~/config/authorities';
import { readConfig } from '~/server/config';
import { migrate, openDb, pendingMigrations, withMigrationLock } from '~/server/db/client';
import { DEMO_REFERENCE, DEMO_STAFF } from '~/server/demo/seed';
import { memoryMailer } from '~/server/mail';
import { createServices, prepareDatabase } from '~/server/services';
import { systemClock } from '~/server/services/clock';
import { seedDemoWhenAsked } from '~/server/start-up';
import { newKeySetting } from '~/server/storage/encryption';
import { DATABASES, TEST_POSTGRES_URL } from '../support/db';

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
});

// The demo seed runs under the same start-up lock (a PostgreSQL advisory lock;
// for SQLite, portal.sqlite.start-lock): several processes starting together
// with DEMO_DATA=1 load one demo family between them, and none of them fails.
describe.each(DATABASES)('the demo seed on $name', ({ empty }) => {
  it('loads one demo family, whole, when three processes start at once with DEMO_DATA=1, and none fails', async () => {
    const database = await empty();
    const reportsDir = await mkdtemp(join(tmpdir(), 'portal-seed-'));
    const config = readConfig({
      NODE_ENV: 'test',
      ...database.env,
      DEMO_DATA: '1',
      REPORTS_DIR: reportsDir,
      REPORT_KEYS: newKeySetting('demo'),
    });
    // Three pools (three processes, as far as the database can tell), each with its own services.
    const processes = [1, 2, 3].map(() => database.connect());
    try {
      // Migrated already (the seed is what they would race on), empty of any family.
      await migrate(processes[0]!);
      const started = await Promise.allSettled(
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
      expect(started.filter((s) => s.status === 'rejected')).toEqual([]);
      const { db } = processes[0]!;
      const cases = await db.selectFrom('cases').select(['id', 'reference']).execute();
      expect(cases.map((c) => c.reference)).toEqual([DEMO_REFERENCE]);
      const staff = await db.selectFrom('staff').select('email').orderBy('email').execute();
      expect(staff.map((s) => s.email)).toEqual(DEMO_STAFF.map((m) => m.email).sort());
      const caseId = cases[0]!.id;
      const count = async (table: 'parents' | 'children' | 'conferences' | 'reports') =>
        (await db.selectFrom(table).select('id').where('case_id', '=', caseId).execute()).length;
      expect([
        await count('parents'),
        await count('children'),
        await count('conferences'),
        await count('reports'),
      ]).toEqual([2, 2, 2, 2]);
    } finally {
      await Promise.all(processes.map((db) => db.close()));
      await database.remove();
      await rm(reportsDir, { recursive: true, force: true });
    }
  });
});
