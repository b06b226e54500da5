// PostgreSQL for the integration tests, one database per vitest worker.
// Test files run side by side (vitest.integration.config.ts), each PostgreSQL
// test in a schema of its own; Kysely's migrator looks for its tables across
// every schema of the database, and failed when another file dropped its
// schema at that moment. So each worker has a database of its own, named for
// the run (two runs on one machine never meet), made by the worker when it
// first needs it, and every database of the run is dropped at the end.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/** The server and the database the run's own databases are made from (trust auth on this machine); override with TEST_DATABASE_URL. */
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

declare module 'vitest' {
  export interface ProvidedContext {
    pgRun: string;
  }
}

/** The same server, another database. */
export function databaseUrl(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The names of the run's databases start with this. */
const prefix = (run: string) => `portal_it_${run}_`;

/** Vitest's global set-up: names the run, and at the end drops every database its workers made. */
export default function setup(project: TestProject) {
  const run = randomUUID().replace(/-/g, '').slice(0, 10);
  project.provide('pgRun', run);
  return async () => {
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where starts_with(datname, $1)',
        [prefix(run)],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    } finally {
      await admin.end();
    }
  };
}

/** The name of a worker's database in a run (`worker`: VITEST_POOL_ID). */
export const workerDatabaseName = (run: string, worker = process.env.VITEST_POOL_ID ?? '1') =>
  `${prefix(run)}w${worker.replace(/\D/g, '')}`;

/** This worker's database, made if it is not there yet; returns its name. */
export async function workerDatabase(run: string, worker?: string): Promise<string> {
  const name = workerDatabaseName(run, worker);
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return name;
}
