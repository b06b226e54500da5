import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthority } from '~/config/authorities';
import { readConfig } from '~/server/config';
import { migrate, openDb, type Db } from '~/server/db/client';
import { memoryMailer } from '~/server/mail';
import { createServices, type Services } from '~/server/services';
import { systemClock } from '~/server/services/clock';
import type { ParentActor } from '~/server/services/parent-scope';
import { newKeySetting } from '~/server/storage/encryption';
import { TEST_POSTGRES_URL } from '../support/db';
import { fakeResend } from '../support/fake-resend';
import type { Answer, Command } from '../support/portal-process';
import { startLocalS3, type LocalS3 } from '../support/s3';

// Several portal processes on one PostgreSQL database, as behind a load
// balancer: real processes (tests/support/portal-process.ts), one of them
// killed with SIGKILL in the middle of a storm of submissions and started
// again, while a browser would send again what got no answer. Nothing
// acknowledged is lost or stored twice, every saved form has its emails,
// every email reaches the provider once, and a report stored through one
// process is read through the other (PostgreSQL and S3 stores).

const SYSTEM = { type: 'system', id: null } as const;
const FAMILIES = 8;
/** Each form of each parent is sent this many times with one submission key, half to each process. */
const COPIES = 4;
const FORMS = ['supporter', 'interpreter', 'attendance'] as const;

/** A running portal process: send it commands, await their answers, kill it. */
interface PortalProcess {
  child: ChildProcessWithoutNullStreams;
  send(command: Command): Promise<Answer>;
  /** True while it runs. */
  alive(): boolean;
}

async function startProcess(env: Record<string, string>): Promise<PortalProcess> {
  const child = spawn(process.execPath, ['tests/support/portal-process.mjs'], {
    env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waiting = new Map<string, { resolve(a: Answer): void; reject(e: Error): void }>();
  let running = true;
  child.on('exit', () => {
    running = false;
    for (const w of waiting.values()) w.reject(new Error('the process stopped before answering'));
    waiting.clear();
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the process stopped (${code}) before it was ready: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      let answer: Answer;
      try {
        answer = JSON.parse(line) as Answer;
      } catch {
        return; // something else written to standard output
      }
      if (answer.id === 'ready') return resolve();
      waiting.get(answer.id)?.resolve(answer);
      waiting.delete(answer.id);
    });
  });
  await ready;
  return {
    child,
    alive: () => running,
    send: (command) =>
      new Promise<Answer>((resolve, reject) => {
        if (!running) return reject(new Error('the process is not running'));
        waiting.set(command.id, { resolve, reject });
        child.stdin.write(`${JSON.stringify(command)}\n`);
      }),
  };
}

async function stop(p: PortalProcess | undefined) {
  if (!p?.alive()) return;
  const exited = new Promise((resolve) => p.child.on('exit', resolve));
  p.child.stdin.end();
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (p.alive()) p.child.kill('SIGKILL');
}

let schema: string;
let url: string;
let db: Db;
let services: Services;
beforeAll(async () => {
  schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(TEST_POSTGRES_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  url = u.toString();
  db = openDb({ url });
  await migrate(db);
  services = createServices({
    config: readConfig({ NODE_ENV: 'test', DATABASE_URL: url, REPORT_KEYS: newKeySetting('t') }),
    db,
    clock: systemClock,
    mailer: memoryMailer(),
    authority: getAuthority('kingston'),
  });
});
afterAll(async () => {
  await db.close();
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`drop schema ${schema} cascade`);
  await admin.end();
});

/** Parents with conferences in 20 days, each with an address of their own. */
async function parents(n: number): Promise<{ actor: ParentActor; email: string; conferenceId: string }[]> {
  const made = [];
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  for (let i = 0; i < n; i++) {
    const caseId = await services.cases.createCase(`CHAOS-${i}-${randomUUID().slice(0, 6)}`, SYSTEM);
    const childId = await services.cases.addChild({ caseId, firstName: 'Kit', dateOfBirth: '2016-04-12' }, SYSTEM);
    const conferenceId = await services.cases.scheduleConference(
      { caseId, type: 'initial', startsAt, chairName: 'Priya Shah', venue: 'Guildhall', childIds: [childId] },
      SYSTEM,
    );
    for (const who of ['a', 'b']) {
      const email = `chaos.${i}.${who}@example.test`;
      const parentId = await services.cases.addParent(
        { caseId, name: `Parent ${who}`, email, preferredLanguage: 'en', sharesHousehold: false },
        SYSTEM,
      );
      made.push({ actor: { userId: `user-${i}-${who}`, memberships: [{ parentId, caseId }] }, email, conferenceId });
    }
  }
  return made;
}

const count = async (query: Promise<{ n: string | number } | undefined>) => Number((await query)?.n ?? 0);

describe('two portal processes on PostgreSQL', () => {
  it('lose nothing acknowledged, store nothing twice and send every email once when one is killed mid-storm', async () => {
    const family = await parents(FAMILIES);
    const provider = await fakeResend([], { latencyMs: 250 });
    const env = {
      DATABASE_URL: url,
      REPORT_STORE: 'postgres',
      REPORT_KEYS: newKeySetting('several'),
      RESEND_API_KEY: 're_process_b',
      RESEND_BASE_URL: provider.url,
      TEAM_EMAIL: 'team@council.example',
      TEST_LEASE_MS: '1500',
      OUTBOX_CONCURRENCY: '10',
    };
    let a: PortalProcess | undefined;
    let b: PortalProcess | undefined;
    try {
      // Process A has a key of its own, so the provider can tell its sends apart.
      const envA = { ...env, RESEND_API_KEY: 're_process_a' };
      const fromA = () => provider.requests.filter((r) => r.headers.authorization === 'Bearer re_process_a').length;
      [a, b] = await Promise.all([startProcess(envA), startProcess(env)]);

      // Every form of every parent, each sent COPIES times with its one key, spread over both processes.
      const commands: Command[] = [];
      for (const p of family)
        for (const form of FORMS) {
          const key = randomUUID();
          for (let copy = 0; copy < COPIES; copy++)
            commands.push({
              op: 'submit',
              id: randomUUID(),
              form,
              parent: p.actor,
              conferenceId: p.conferenceId,
              key,
            });
        }
      const acknowledged: Command[] = [];
      const unanswered: Command[] = [];
      let i = 0;
      const send = async (command: Command) => {
        const target = i++ % 2 === 0 ? a! : b!;
        try {
          const answer = await target.send(command);
          if (!answer.ok) throw new Error(answer.error ?? 'refused');
          acknowledged.push(command);
        } catch {
          unanswered.push(command);
        }
      };
      // Two thirds of the storm at once; the last third is sent the moment A is killed, so
      // some submissions are always in flight to A when it dies, however fast the machine.
      const last = Math.floor((commands.length * 2) / 3);
      const attempts = commands.slice(0, last).map(send);
      // Once a third of the storm is answered, kill process A (SIGKILL) the moment
      // it has an email at the provider awaiting its answer (or after 5 s).
      let sendingWhenKilled = false;
      const killer = (async () => {
        while (acknowledged.length < commands.length / 3) await new Promise((r) => setTimeout(r, 5));
        const before = fromA();
        const until = Date.now() + 5_000;
        while (fromA() === before && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
        sendingWhenKilled = fromA() > before;
        const lastThird = commands.slice(last).map(send);
        a.child.kill('SIGKILL');
        await Promise.all(lastThird);
      })();
      await Promise.all([...attempts, killer]);
      expect(unanswered.length, 'submissions lost with the killed process').toBeGreaterThan(0);

      // A started again; the browsers whose request got no answer send it again (same key), to either process.
      a = await startProcess(env);
      const retries = await Promise.all(unanswered.map((command, n) => (n % 2 ? a! : b!).send(command)));
      expect(retries.every((r) => r.ok)).toBe(true);
      acknowledged.push(...unanswered);

      // Every form saved exactly once, with its audit entry and its two emails queued.
      const perForm = async (table: 'supporter_nominations' | 'interpreter_requests' | 'attendance') =>
        count(
          db.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirst(),
        );
      for (const table of ['supporter_nominations', 'interpreter_requests', 'attendance'] as const)
        expect(await perForm(table), table).toBe(family.length);
      expect(
        await count(
          db.db
            .selectFrom('form_submissions')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirst(),
        ),
      ).toBe(family.length * FORMS.length);
      const audited = await db.db.selectFrom('audit_log').select('action').where('actor_type', '=', 'parent').execute();
      expect(audited).toHaveLength(family.length * FORMS.length);
      for (const p of family) {
        const received = await db.db
          .selectFrom('email_outbox')
          .select('id')
          .where('to_address', '=', p.email)
          .where('template', '=', 'received')
          .execute();
        expect(received, p.email).toHaveLength(FORMS.length);
      }

      // Every email sent once: all of them reach "sent", and the provider was asked for each under one key.
      const outbox = async () => db.db.selectFrom('email_outbox').select(['id', 'status']).execute();
      const deadline = Date.now() + 60_000;
      while ((await outbox()).some((r) => r.status !== 'sent') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      const rows = await outbox();
      expect(rows).toHaveLength(family.length * FORMS.length * 2);
      expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
      const delivered = provider.delivered().map((r) => String(r.headers['idempotency-key']));
      expect(delivered.sort()).toEqual(rows.map((r) => r.id).sort());
      const asked = provider.requests.length;
      // The email A was sending when it died went again, under its key, and was delivered once.
      if (sendingWhenKilled) expect(asked).toBeGreaterThan(delivered.length);
      console.log(
        `several processes: ${commands.length} submissions (${unanswered.length} sent again after the kill), ` +
          `${rows.length} emails, ${asked} sends (${asked - delivered.length} repeated under the same key` +
          `${sendingWhenKilled ? ', one killed mid-send' : ''}), 0 lost, 0 twice`,
      );

      // A report stored through one process is read through the other, and sealed in the database.
      const secret = 'Report about Jamie Taylor at 12 Acacia Avenue';
      expect((await a.send({ op: 'put', id: randomUUID(), key: 'case-1/report-a', text: secret })).ok).toBe(true);
      expect((await b.send({ op: 'get', id: randomUUID(), key: 'case-1/report-a' })).text).toBe(secret);
      expect((await b.send({ op: 'put', id: randomUUID(), key: 'case-1/report-b', text: 'from B' })).ok).toBe(true);
      expect((await a.send({ op: 'get', id: randomUUID(), key: 'case-1/report-b' })).text).toBe('from B');
      const chunks = await db.db.selectFrom('report_file_chunks').select('data').execute();
      expect(chunks.length).toBeGreaterThan(0);
      for (const c of chunks) expect(Buffer.from(c.data).includes(Buffer.from('Acacia'))).toBe(false);
    } finally {
      await Promise.all([stop(a), stop(b)]);
      await provider.close();
    }
  }, 240_000);
});

describe('two portal processes with the S3 report store', () => {
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(() => s3.close());

  it('read through one what was stored through the other, encrypted in the bucket', async () => {
    const env = { ...s3.env, DATABASE_URL: url, REPORT_KEYS: newKeySetting('s3'), OUTBOX_WORKER: '0' };
    const [a, b] = await Promise.all([startProcess(env), startProcess(env)]);
    try {
      const secret = 'Report about Jamie Taylor at 12 Acacia Avenue '.repeat(100);
      expect((await a.send({ op: 'put', id: randomUUID(), key: 'case-2/report', text: secret })).ok).toBe(true);
      expect((await b.send({ op: 'get', id: randomUUID(), key: 'case-2/report' })).text).toBe(secret);
      expect((await a.send({ op: 'get', id: randomUUID(), key: 'case-2/none' })).text).toBeNull();
      // The bucket's objects, as the S3 server keeps them on disk: sealed.
      const files = (await readdir(s3.directory, { recursive: true })).map(String);
      const objects = files.filter((f) => f.includes('case-2') && !f.endsWith('.json'));
      expect(objects.length).toBeGreaterThan(0);
      for (const f of objects) {
        const raw = await readFile(join(s3.directory, f)).catch(() => Buffer.alloc(0));
        expect(raw.includes(Buffer.from('Acacia')), f).toBe(false);
      }
    } finally {
      await Promise.all([stop(a), stop(b)]);
    }
  }, 120_000);
});
