import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate, openDb, type Db } from '~/server/db/client';
import { databaseUrl, workerDatabaseName } from './pg-run';

/** PostgreSQL for the data-layer tests: this worker's own database (made by pg-worker.ts; see pg-run.ts). */
export const TEST_POSTGRES_URL = databaseUrl(workerDatabaseName(inject('pgRun')));

/** A database with nothing in it yet: the settings a portal process would be given, and a way to remove it. */
export interface EmptyDatabase {
  /** SQLITE_PATH or DATABASE_URL, for a child process. */
  env: Record<string, string>;
  /** A new connection (pool) to it. */
  connect(): Db;
  /** Removes the file or schema (close every connection first). */
  remove(): Promise<void>;
}

/** An empty SQLite file in a temporary folder of its own (WAL mode, as in production, once opened). */
export function emptySqlite(): Promise<EmptyDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'portal-test-'));
  const path = join(folder, 'portal.sqlite');
  return Promise.resolve({
    env: { SQLITE_PATH: path },
    connect: () => openDb({ sqlitePath: path }),
    remove: () => Promise.resolve(rmSync(folder, { recursive: true, force: true })),
  });
}

/** An empty PostgreSQL schema of its own on the test server. */
export async function emptyPostgres(): Promise<EmptyDatabase> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { DATABASE_URL: url.toString() },
    connect: () => openDb({ url: url.toString() }),
    remove: async () => {
      const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

/** A fresh, migrated database made by `empty`; closing it also removes it. */
async function openMigrated(empty: () => Promise<EmptyDatabase>): Promise<Db> {
  const database = await empty();
  const db = database.connect();
  await migrate(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      await database.remove();
    },
  };
}

/**
 * A fresh, migrated database of each kind: a SQLite file in WAL mode, as in
 * production, and a PostgreSQL schema of its own, each removed by `close`,
 * so test files can run side by side. Use with describe.each(DATABASES);
 * `empty` gives one not migrated yet.
 */
export const DATABASES = [
  { name: 'sqlite', open: () => openMigrated(emptySqlite), empty: emptySqlite },
  { name: 'postgres', open: () => openMigrated(emptyPostgres), empty: emptyPostgres },
] as const;
