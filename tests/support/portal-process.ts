// One portal process for the several-process tests (tests/integration/
// several-processes.test.ts): the services and the outbox worker over the
// settings in its environment (DATABASE_URL, REPORT_STORE, REPORT_KEYS,
// RESEND_*), taking one command a line on standard input and answering one
// JSON line each on standard output, as a server answers requests. A test
// can kill it (SIGKILL) at any moment: a submission is acknowledged only
// once its answer line is written.
import { createInterface } from 'node:readline';
import { readConfig } from '~/server/config';
import { openDb } from '~/server/db/client';
import { createMailer } from '~/server/mail';
import { OUTBOX_POLICY } from '~/server/mail/outbox';
import { createServices } from '~/server/services';
import { systemClock } from '~/server/services/clock';
import type { ParentActor } from '~/server/services/parent-scope';
import { createReportStore } from '~/server/storage';

export type Command =
  | {
      op: 'submit';
      id: string;
      form: 'supporter' | 'interpreter' | 'attendance';
      parent: ParentActor;
      conferenceId: string;
      key: string;
    }
  | { op: 'put'; id: string; key: string; text: string }
  | { op: 'get'; id: string; key: string };

export interface Answer {
  id: string;
  ok: boolean;
  text?: string | null;
  error?: string;
}

export async function main(): Promise<number> {
  // A short lease, so a send held by a killed process is taken over within the test.
  OUTBOX_POLICY.leaseMs = Number(process.env.TEST_LEASE_MS ?? OUTBOX_POLICY.leaseMs);
  OUTBOX_POLICY.heartbeatMs = Math.max(100, Math.floor(OUTBOX_POLICY.leaseMs / 3));
  const config = readConfig();
  const db = openDb({ url: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH });
  const services = createServices({ config, db, clock: systemClock, mailer: createMailer(config) });
  const store = createReportStore(config, db);
  const stopWorker = config.OUTBOX_WORKER === '1' ? services.mail.start(50) : async () => undefined;

  const answer = (a: Answer) => process.stdout.write(`${JSON.stringify(a)}\n`);
  async function run(command: Command): Promise<Answer> {
    if (command.op === 'put') {
      await store.put(command.key, new Blob([command.text]).stream());
      return { id: command.id, ok: true };
    }
    if (command.op === 'get') {
      const file = await store.get(command.key);
      if (!file) return { id: command.id, ok: true, text: null };
      return { id: command.id, ok: true, text: await new Response(file.stream).text() };
    }
    const { parent, conferenceId, key } = command;
    const result =
      command.form === 'supporter'
        ? await services.supporter.save(
            parent,
            conferenceId,
            { name: 'Jo Bloggs', relationship: 'my sister', isSolicitor: 'no', phone: '07946 000982', email: null },
            key,
          )
        : command.form === 'interpreter'
          ? await services.interpreter.save(
              parent,
              conferenceId,
              {
                language: 'Polish',
                dialect: null,
                forWhom: 'me',
                forWhomOther: null,
                preferredGender: 'any',
                when: ['conference'],
              },
              key,
            )
          : await services.attendance.save(
              parent,
              conferenceId,
              { mode: 'in-person', needs: [], needsDetail: null, views: 'I will be there.' },
              key,
            );
    return { id: command.id, ok: result.ok };
  }

  const lines = createInterface({ input: process.stdin });
  const pending = new Set<Promise<unknown>>();
  answer({ id: 'ready', ok: true });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const command = JSON.parse(line) as Command;
    const job = run(command)
      .then(answer, (error: unknown) => answer({ id: command.id, ok: false, error: String(error) }))
      .finally(() => pending.delete(job));
    pending.add(job);
  }
  await Promise.all(pending);
  await stopWorker();
  await db.close();
  return 0;
}
