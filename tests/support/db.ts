import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrate, openDb, type Db } from '~/server/db/client';

/** PostgreSQL for the data-layer tests (trust auth on this machine); override with TEST_DATABASE_URL. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

/**
 * A fresh, migrated database of each kind: an in-memory SQLite, and a
 * PostgreSQL schema of its own (dropped by `close`), so test files can run
 * side by side. Use with describe.each(DATABASES).
 */
export const DATABASES = [
  { name: 'sqlite', open: openSqlite },
  { name: 'postgres', open: openPostgres },
] as const;

async function openSqlite(): Promise<Db> {
  const db = openDb({ sqlitePath: ':memory:' });
  await migrate(db);
  return db;
}

async function openPostgres(): Promise<Db> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = openDb({ url: url.toString() });
  await migrate(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
