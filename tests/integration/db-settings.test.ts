import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { readConfig } from '~/server/config';
import { openDb } from '~/server/db/client';
import { TEST_POSTGRES_URL } from '../support/db';

// PostgreSQL's connections and its statement timeout come from settings, so a
// runaway query is stopped instead of holding a connection every page needs.
describe('PostgreSQL settings', () => {
  it('stops a statement that runs longer than DATABASE_STATEMENT_TIMEOUT_MS, and keeps serving others', async () => {
    const config = readConfig({ NODE_ENV: 'test', DATABASE_STATEMENT_TIMEOUT_MS: '200', DATABASE_POOL_SIZE: '2' });
    expect([config.DATABASE_POOL_SIZE, config.DATABASE_STATEMENT_TIMEOUT_MS]).toEqual([2, 200]);
    const db = openDb({
      url: TEST_POSTGRES_URL,
      poolSize: config.DATABASE_POOL_SIZE,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    });
    try {
      await expect(sql`select pg_sleep(2)`.execute(db.db)).rejects.toThrow(/statement timeout/);
      const quick = await sql<{ n: number }>`select 1 as n`.execute(db.db);
      expect(quick.rows).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('defaults to 10 connections and a 15-second limit', () => {
    const config = readConfig({ NODE_ENV: 'test' });
    expect([config.DATABASE_POOL_SIZE, config.DATABASE_STATEMENT_TIMEOUT_MS]).toEqual([10, 15_000]);
  });
});
