import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, sql, type LogConfig } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { NodeSqliteDialect } from '@better-auth/kysely-adapter/node-sqlite-dialect';
import pg from 'pg';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-sign-in-throttle';
import * as m0003 from './migrations/0003-security';
import * as m0004 from './migrations/0004-indexes';
import * as m0005 from './migrations/0005-several-processes';
import * as m0006 from './migrations/0006-reminders';
import * as m0007 from './migrations/0007-last-sign-in';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  close: () => Promise<void>;
  /** SQLite: the file (withMigrationLock locks one beside it). */
  sqlitePath?: string;
}

/** Where the embedded database lives when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_PATH = 'data/portal.sqlite';

/** The database the settings name (DATABASE_URL, else SQLITE_PATH), with the pool and timeout they set. */
export function openConfiguredDb(config: {
  DATABASE_URL?: string | undefined;
  SQLITE_PATH: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
}): Db {
  return openDb({
    url: config.DATABASE_URL,
    sqlitePath: config.SQLITE_PATH,
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  });
}

/**
 * Opens the database: PostgreSQL when `url` is a postgres:// address,
 * otherwise the embedded SQLite file (Node's own node:sqlite).
 */
export function openDb(
  options: {
    url?: string | undefined;
    sqlitePath?: string | undefined;
    /** PostgreSQL: connections kept open at most (DATABASE_POOL_SIZE). */
    poolSize?: number | undefined;
    /** PostgreSQL: milliseconds one statement may run before the database stops it (DATABASE_STATEMENT_TIMEOUT_MS; 0: none). */
    statementTimeoutMs?: number | undefined;
    /** Kysely's query log (the query-plan test lists the queries pages run with it). */
    log?: LogConfig | undefined;
  } = {},
): Db {
  const log = options.log ? { log: options.log } : {};
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...log });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const path = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new DatabaseSync(path);
  database.exec('PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;');
  const db = new Kysely<Database>({
    dialect: new NodeSqliteDialect({ database: withStatementCache(database) }),
    ...log,
  });
  return { db, dialect: 'sqlite', close: () => db.destroy(), ...(path === ':memory:' ? {} : { sqlitePath: path }) };
}

/** The migrations, in order. Add a new file for each change; never edit one that has shipped. */
const MIGRATIONS: Record<string, { up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> }> = {
  '0001-initial': m0001,
  '0002-sign-in-throttle': m0002,
  '0003-security': m0003,
  '0004-indexes': m0004,
  '0005-several-processes': m0005,
  '0006-reminders': m0006,
  '0007-last-sign-in': m0007,
};

/** Any number: the PostgreSQL advisory lock the portal's start-up migrations are made under. */
const START_LOCK = 7_406_283_115;

/**
 * Runs `fn` (the start-up migrations: the portal's and better-auth's) while
 * holding a lock, so that of several processes starting at once on one
 * database, one migrates and the others wait, then find nothing left to do.
 * PostgreSQL: an advisory lock. SQLite: a write lock on a small file beside
 * the database (`<file>.start-lock`), taken without blocking the process.
 */
export async function withMigrationLock<T>({ db, dialect, sqlitePath }: Db, fn: () => Promise<T>): Promise<T> {
  if (dialect === 'sqlite') return sqlitePath ? withSqliteFileLock(`${sqlitePath}.start-lock`, fn) : fn();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${START_LOCK})`.execute(connection);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${START_LOCK})`.execute(connection);
    }
  });
}

async function withSqliteFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = new DatabaseSync(path);
  try {
    lock.exec('PRAGMA busy_timeout = 0;');
    for (;;) {
      try {
        lock.exec('BEGIN EXCLUSIVE');
        break;
      } catch (error) {
        if (!/locked|busy/i.test(String((error as Error).message))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    try {
      return await fn();
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}

/** Which migrations have not run yet (empty when the database is up to date). */
export async function pendingMigrations({ db }: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider('sqlite'), migrationTableName: 'portal_migrations' });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}

function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, m]): [string, Migration] => [name, { up: (k) => m.up(k, dialect) }]),
      ),
  };
}

/** Brings the portal's tables up to date; run at start and by tests. */
export async function migrate({ db, dialect }: Db): Promise<string[]> {
  const provider = migrationProvider(dialect);
  // Keep the migration bookkeeping in the schema the connection works in (search_path).
  const schema =
    dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'portal_migrations',
    migrationLockTableName: 'portal_migrations_lock',
    // Numbers are handed out per piece of work, which may land in another order.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    // Kysely looks for its table across every schema; one dropped meanwhile (another
    // test run's, on a shared server) fails the look with 3F000, and looking again works.
    if (error && (error as { code?: unknown }).code === '3F000' && attempt < 3) continue;
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }
}
