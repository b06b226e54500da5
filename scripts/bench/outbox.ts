// npm run bench:outbox — how many emails a second the outbox worker sends to
// a healthy provider (a Resend stand-in on 127.0.0.1 answering in
// PROVIDER_MS, 60 ms by default, like a real API over the internet), on
// PostgreSQL and on SQLite. Settings: EMAILS (default 1000),
// OUTBOX_CONCURRENCY (default 10), PROVIDER_MS. Not part of npm test.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, openDb, type Db } from '~/server/db/client';
import { mailService, OUTBOX_POLICY } from '~/server/mail/outbox';
import { resendMailer } from '~/server/mail/resend';
import { systemClock } from '~/server/services/clock';
import { fakeResend } from '../../tests/support/fake-resend';

const POSTGRES = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

async function postgres(): Promise<Db & { drop(): Promise<void> }> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = openDb({ url: url.toString() });
  await migrate(db);
  return {
    ...db,
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: POSTGRES });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

async function sqlite(): Promise<Db & { drop(): Promise<void> }> {
  const path = join(tmpdir(), `bench-outbox-${randomUUID()}.sqlite`);
  const db = openDb({ sqlitePath: path });
  await migrate(db);
  return {
    ...db,
    drop: async () => {
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) await rm(`${path}${suffix}`, { force: true });
    },
  };
}

async function run(
  name: string,
  db: Db & { drop(): Promise<void> },
  emails: number,
  concurrency: number,
  latency: number,
) {
  const provider = await fakeResend([], { latencyMs: latency });
  try {
    const mailer = resendMailer({ apiKey: 're_bench', baseUrl: provider.url });
    const mail = mailService(
      db.db,
      systemClock,
      mailer,
      { from: 'Bench <b@localhost>', siteUrl: 'http://localhost:4321' },
      { concurrency },
    );
    for (let i = 0; i < emails; i++) await mail.enqueue(`parent${i}@example.test`, 'received', 'en', {});
    const started = performance.now();
    const stop = mail.start(200);
    while (provider.delivered().length < emails) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    await stop();
    const duplicates = provider.requests.length - provider.delivered().length;
    console.log(
      `${name.padEnd(10)} ${String(emails).padStart(6)} emails in ${seconds.toFixed(1).padStart(5)} s: ` +
        `${(emails / seconds).toFixed(1).padStart(6)} emails/s (concurrency ${concurrency}, provider ${latency} ms, ${duplicates} resent)`,
    );
  } finally {
    await provider.close();
    await db.drop();
  }
}

export async function main(): Promise<number> {
  const emails = Number(process.env.EMAILS ?? 1000);
  const concurrency = Number(process.env.OUTBOX_CONCURRENCY ?? OUTBOX_POLICY.concurrency);
  const latency = Number(process.env.PROVIDER_MS ?? 60);
  console.log('Outbox throughput to a healthy provider (target: 20 emails/s or more)');
  await run('PostgreSQL', await postgres(), emails, concurrency, latency);
  await run('SQLite', await sqlite(), emails, concurrency, latency);
  return 0;
}
