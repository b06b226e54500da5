import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '~/server/db/client';
import { folderMailer } from '~/server/mail/local-outbox';
import { memoryMailer, type Mailer } from '~/server/mail/mailer';
import { OUTBOX_POLICY } from '~/server/mail/outbox';
import { resendMailer } from '~/server/mail/resend';
import { DATABASES } from '../support/db';
import { manualClock, openServices } from '../support/services';

type Answer = 500 | 'hang' | 200;

/** A stand-in for Resend's API on 127.0.0.1: answers each POST /emails with the next planned answer. */
async function fakeResend(plan: Answer[]) {
  const requests: { headers: IncomingHttpHeaders; body: Record<string, string>; answer: Answer }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const answer = plan[requests.length] ?? 200;
      requests.push({ headers: req.headers, body: JSON.parse(raw || '{}'), answer });
      if (answer === 'hang') return; // never answers: the mailer must give up on its own
      res.writeHead(answer, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          answer === 200
            ? { id: 're_fake_1' }
            : { statusCode: 500, name: 'internal_server_error', message: 'Something broke' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(DATABASES)('the email outbox on $name', ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(async () => {
    await db.close();
  });

  /** One family with one invited parent: the invitation is the queued email. */
  async function invitedParent(mailer: Mailer, clock = manualClock()) {
    const services = await openServices(db, { mailer, clock });
    const actor = { type: 'system', id: null } as const;
    const caseId = await services.cases.createCase('TEST-1', actor);
    await services.cases.addChild({ caseId, firstName: 'Jamie', dateOfBirth: '2016-04-12' }, actor);
    const parentId = await services.cases.addParent(
      { caseId, name: 'Sam Taylor', email: 'Sam.Taylor@example.test', preferredLanguage: 'en', sharesHousehold: false },
      actor,
    );
    await services.auth.inviteParent(parentId);
    const row = () => db.db.selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
    return { services, clock, row };
  }

  it('keeps a message through errors and a hung server, waiting longer each time, and sends it exactly once', async () => {
    const fake = await fakeResend([500, 500, 'hang', 200]);
    try {
      const mailer = resendMailer({ apiKey: 're_test_key', baseUrl: fake.url, timeoutMs: 300 });
      const { services, clock, row } = await invitedParent(mailer);
      const waits: number[] = [];

      for (let failure = 1; failure <= 3; failure++) {
        const run = await services.mail.processOutbox();
        expect(run).toEqual({ sent: 0, failed: 1 });
        const r = await row();
        expect(r.status).toBe('pending');
        expect(r.attempts).toBe(failure);
        const wait = new Date(r.next_attempt_at).getTime() - clock.now().getTime();
        waits.push(wait);
        // Not due yet: nothing is sent before the wait is over.
        await services.mail.processOutbox();
        expect(fake.requests).toHaveLength(failure);
        clock.advance(wait);
      }
      expect(waits).toEqual([30_000, 60_000, 120_000]);
      expect((await row()).last_error).toMatch(/Resend did not accept/);

      expect(await services.mail.processOutbox()).toEqual({ sent: 1, failed: 0 });
      const sent = await row();
      expect(sent.status).toBe('sent');
      expect(sent.provider_id).toBe('re_fake_1');
      expect(sent.sent_at).toBe(clock.now().toISOString());

      clock.advance(24 * 3_600_000);
      await services.mail.processOutbox();
      expect(fake.requests.map((r) => r.answer)).toEqual([500, 500, 'hang', 200]);
      // Every try carries the same idempotency key, so Resend itself never sends it twice either.
      expect(new Set(fake.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([sent.id]));
      expect(fake.requests[0]?.headers.authorization).toBe('Bearer re_test_key');

      const email = fake.requests[3]?.body ?? {};
      expect(email.to).toBe('sam.taylor@example.test');
      expect(email.subject).toBe('You have a new message');
      expect(email.text).toContain('You have a new message. Sign in to read it.');
      expect(email.text).toContain('http://localhost:4321/en/account/sign-in/');
      for (const part of [email.subject, email.text, email.html]) {
        expect(part).not.toMatch(/Sam|Taylor|Jamie|child protection|conference/i);
      }
    } finally {
      await fake.close();
    }
  });

  it('gives up after 8 tries but keeps the message and the reason', async () => {
    const failing: Mailer = { send: () => Promise.reject(new Error('provider down')) };
    const { services, clock, row } = await invitedParent(failing);
    for (let i = 0; i < OUTBOX_POLICY.maxAttempts; i++) {
      await services.mail.processOutbox();
      clock.advance(OUTBOX_POLICY.maxDelayMs);
    }
    const r = await row();
    expect(r).toMatchObject({ status: 'failed', attempts: 8, last_error: 'provider down' });
    await services.mail.processOutbox();
    expect((await row()).attempts).toBe(8);
  });

  it('never sends one message twice when two workers run at once', async () => {
    const mailer = memoryMailer();
    const { services } = await invitedParent(mailer);
    for (let i = 0; i < 5; i++) await services.mail.enqueue(`person${i}@example.test`, 'conference-changed', 'pl', {});
    const runs = await Promise.all([
      services.mail.processOutbox(),
      services.mail.processOutbox(),
      services.mail.processOutbox(),
    ]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(6);
    expect(mailer.sent).toHaveLength(6);
    expect(new Set(mailer.sent.map((m) => m.idempotencyKey)).size).toBe(6);
  });

  it('picks up a message left half-sent by a process that stopped', async () => {
    const mailer = memoryMailer();
    const { services, clock, row } = await invitedParent(mailer);
    const r = await row();
    await db.db
      .updateTable('email_outbox')
      .set({
        status: 'sending',
        next_attempt_at: new Date(clock.now().getTime() + OUTBOX_POLICY.leaseMs).toISOString(),
      })
      .where('id', '=', r.id)
      .execute();
    await services.mail.processOutbox();
    expect(mailer.sent).toHaveLength(0);
    clock.advance(OUTBOX_POLICY.leaseMs);
    await services.mail.processOutbox();
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('the local outbox folder', () => {
  it('writes one .eml file per message and logs where, without the code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    try {
      const lines: string[] = [];
      const mailer = folderMailer(dir, (line) => lines.push(line));
      await mailer.send({
        to: 'parent@example.test',
        from: 'Team <no-reply@localhost>',
        subject: 'Twój kod logowania',
        text: 'Here is your sign-in code:\n\n482913\n',
        html: '<p>482913</p>',
        idempotencyKey: 'row-1',
        template: 'sign-in-code',
      });
      const files = await readdir(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^\d{8}T\d{9}Z-sign-in-code-row-1\.eml$/);
      const eml = await readFile(join(dir, files[0] ?? ''), 'utf8');
      expect(eml).toContain('To: parent@example.test');
      expect(eml).toContain('Subject: =?UTF-8?B?');
      expect(eml).toContain('482913');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(join(dir, files[0] ?? ''));
      expect(lines[0]).not.toContain('482913');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
