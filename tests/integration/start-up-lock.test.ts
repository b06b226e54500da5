import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, openDb, pendingMigrations, withMigrationLock } from '~/server/db/client';
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
});
