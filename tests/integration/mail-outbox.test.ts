import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '~/server/db/client';
import { folderMailer } from '~/server/mail/local-outbox';
import { memoryMailer, type Mailer } from '~/server/mail/mailer';
import { mailService, OUTBOX_POLICY } from '~/server/mail/outbox';
import { resendMailer } from '~/server/mail/resend';
import { DATABASES } from '../support/db';
import { fakeResend } from '../support/fake-resend';
import { manualClock, openServicesWorld, type ServicesWorld } from '../support/services';

const SETTINGS = { from: 'Team <no-reply@localhost>', siteUrl: 'http://localhost:4321' };

describe.each(DATABASES)('the email outbox on $name', ({ open }) => {
  let world: ServicesWorld | undefined;
  let db: Db;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  /** One family with one invited parent, emails sent through `mailer`: the invitation is the queued email. */
  async function invitedParent(mailer: Mailer, clock = manualClock()) {
    world = await openServicesWorld(open, { mailer, clock });
    db = world.db;
    const { services } = world;
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
      // Long enough that a loaded machine's fake server answers the 500s in time; the hang still runs it out.
      const mailer = resendMailer({ apiKey: 're_test_key', baseUrl: fake.url, timeoutMs: 2_000 });
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
      // 30 s, 1 min, 2 min, each less a random part of up to half.
      waits.forEach((wait, i) => {
        const full = 30_000 * 2 ** i;
        expect(wait).toBeGreaterThanOrEqual(full / 2);
        expect(wait).toBeLessThanOrEqual(full);
      });
      expect((await row()).last_error).toMatch(/Resend did not accept/);

      expect(await services.mail.processOutbox()).toEqual({ sent: 1, failed: 0 });
      const sent = await row();
      expect(sent.status).toBe('sent');
      expect(sent.provider_id).toBe('re_fake_1');
      expect(sent.sent_at).toBe(clock.now().toISOString());
      expect(sent.lease_owner).toBeNull();

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

  it('gives up after 8 tries, logs it as an error, lists it for staff, and sends it when retried', async () => {
    let down = true;
    const mailer = memoryMailer();
    const flaky: Mailer = { send: (m) => (down ? Promise.reject(new Error('provider down')) : mailer.send(m)) };
    const logged: { level: string; facts: Record<string, unknown>; message: string }[] = [];
    const log = {
      error: (facts: Record<string, unknown>, message: string) => logged.push({ level: 'error', facts, message }),
      warn: (facts: Record<string, unknown>, message: string) => logged.push({ level: 'warn', facts, message }),
    };
    const { clock, row } = await invitedParent(memoryMailer());
    const mail = mailService(db.db, clock, flaky, SETTINGS, { log });
    for (let i = 0; i < OUTBOX_POLICY.maxAttempts; i++) {
      expect(await mail.problems()).toEqual([]);
      await mail.processOutbox();
      clock.advance(OUTBOX_POLICY.maxDelayMs);
    }
    const r = await row();
    expect(r).toMatchObject({ status: 'failed', attempts: 8, last_error: 'provider down' });
    expect(r.given_up_at).not.toBeNull();
    // Logged as an error once (each earlier try a warning), with the row and the reason, never the address.
    expect(logged.map((l) => l.level)).toEqual([...Array<string>(7).fill('warn'), 'error']);
    expect(logged.at(-1)?.facts).toMatchObject({ outboxId: r.id, attempts: 8, reason: 'provider down' });
    expect(JSON.stringify(logged)).not.toContain('example.test');
    await mail.processOutbox();
    expect((await row()).attempts).toBe(8);

    const problems = await mail.problems();
    expect(problems).toEqual([
      expect.objectContaining({ id: r.id, to: 'sam.taylor@example.test', template: 'new-message', attempts: 8 }),
    ]);
    down = false;
    expect(await mail.retry(r.id)).toBe(true);
    expect(await mail.retry(r.id)).toBe(false);
    expect(await mail.problems()).toEqual([]);
    expect(await mail.processOutbox()).toEqual({ sent: 1, failed: 0 });
    expect(mailer.sent.map((m) => m.idempotencyKey)).toEqual([r.id]);
  });

  it('never sends one message twice when two workers run at once', async () => {
    const mailer = memoryMailer();
    const { services } = await invitedParent(mailer);
    const other = mailService(db.db, services.clock, mailer, { from: 'a@b.test', siteUrl: 'http://localhost:4321' });
    for (let i = 0; i < 30; i++) await services.mail.enqueue(`person${i}@example.test`, 'conference-changed', 'pl', {});
    const runs = await Promise.all([
      services.mail.processOutbox(),
      other.processOutbox(),
      services.mail.processOutbox(),
      other.processOutbox(),
    ]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(31);
    expect(mailer.sent).toHaveLength(31);
    expect(new Set(mailer.sent.map((m) => m.idempotencyKey)).size).toBe(31);
  });

  it('sends several at once, as many as it is set to', async () => {
    let inFlight = 0;
    let most = 0;
    let full: () => void = () => undefined;
    const allBusy = new Promise<void>((resolve) => (full = resolve));
    // Each send lasts until six are under way (or a second has passed): never more than six at once.
    const slow: Mailer = {
      async send() {
        most = Math.max(most, ++inFlight);
        if (inFlight === 6) full();
        await Promise.race([allBusy, new Promise((r) => setTimeout(r, 1_000))]);
        inFlight--;
        return { id: 'ok' };
      },
    };
    const { services } = await invitedParent(slow);
    const mail = mailService(db.db, services.clock, slow, SETTINGS, { concurrency: 6 });
    for (let i = 0; i < 29; i++) await mail.enqueue(`person${i}@example.test`, 'conference-changed', 'en', {});
    expect(await mail.processOutbox()).toEqual({ sent: 30, failed: 0 });
    expect(most).toBe(6);
  });

  it('holds a row only while its worker is alive: the heartbeat keeps it, a stopped worker loses it after 30 s', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let release: () => void = () => undefined;
      const hanging: Mailer = { send: () => new Promise((resolve) => (release = () => resolve({ id: 'late' }))) };
      const memory = memoryMailer();
      const { clock, row } = await invitedParent(memory);
      const first = mailService(db.db, clock, hanging, SETTINGS, { workerId: 'first' });
      const second = mailService(db.db, clock, memory, SETTINGS, { workerId: 'second' });
      const sending = first.processOutbox();
      await vi.waitFor(async () => expect((await row()).lease_owner).toBe('first'));
      // The send takes a minute and more; the heartbeat keeps the lease.
      for (let i = 0; i < 8; i++) {
        clock.advance(OUTBOX_POLICY.heartbeatMs);
        const before = (await row()).lease_until;
        vi.advanceTimersByTime(OUTBOX_POLICY.heartbeatMs);
        await vi.waitFor(async () => expect((await row()).lease_until).not.toBe(before));
        expect(await second.processOutbox()).toEqual({ sent: 0, failed: 0 });
      }
      release();
      expect(await sending).toEqual({ sent: 1, failed: 0 });
      expect(memory.sent).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends again, with the same idempotency key, what a worker that stopped mid-send held: the folder keeps one copy', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    try {
      const folder = folderMailer(dir, () => undefined);
      const { services, clock, row } = await invitedParent(folder);
      const r = await row();
      // A worker wrote the email, then its process was killed before it could record it.
      await folder.send({
        to: r.to_address,
        from: 'x',
        subject: 's',
        text: 't',
        html: 'h',
        idempotencyKey: r.id,
        queuedAt: new Date(r.created_at),
        template: r.template,
      });
      await db.db
        .updateTable('email_outbox')
        .set({
          status: 'sending',
          lease_owner: 'killed',
          lease_until: new Date(clock.now().getTime() + OUTBOX_POLICY.leaseMs).toISOString(),
        })
        .where('id', '=', r.id)
        .execute();
      expect(await services.mail.processOutbox()).toEqual({ sent: 0, failed: 0 });
      clock.advance(OUTBOX_POLICY.leaseMs - 1);
      expect(await services.mail.processOutbox()).toEqual({ sent: 0, failed: 0 });
      clock.advance(1);
      expect(await services.mail.processOutbox()).toEqual({ sent: 1, failed: 0 });
      expect((await row()).status).toBe('sent');
      expect(await readdir(dir)).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sends only the newest sign-in code to an address: an older one would only cost a try', async () => {
    const mailer = memoryMailer();
    const { services, clock } = await invitedParent(mailer);
    await services.mail.processOutbox();
    mailer.sent.length = 0;
    const code = (c: string) => ({
      code: c,
      minutes: 10,
      expiresAt: new Date(clock.now().getTime() + 600_000).toISOString(),
    });
    const first = await services.mail.enqueue('sam@example.test', 'sign-in-code', 'en', code('111111'));
    // The first one's worker stopped mid-send; a second code is asked for meanwhile.
    await db.db
      .updateTable('email_outbox')
      .set({ status: 'sending', lease_owner: 'killed', lease_until: clock.now().toISOString() })
      .where('id', '=', first)
      .execute();
    clock.advance(1);
    await services.mail.enqueue('sam@example.test', 'sign-in-code', 'en', code('222222'));
    clock.advance(1);
    await services.mail.enqueue('other@example.test', 'sign-in-code', 'en', code('333333'));
    clock.advance(1);
    await services.mail.enqueue('sam@example.test', 'sign-in-code', 'en', code('444444'));
    await services.mail.processOutbox();
    expect(mailer.sent.map((m) => [m.to, /\d{6}/.exec(m.text)?.[0]]).sort()).toEqual([
      ['other@example.test', '333333'],
      ['sam@example.test', '444444'],
    ]);
    const statuses = await db.db
      .selectFrom('email_outbox')
      .select(['status', 'payload'])
      .where('template', '=', 'sign-in-code')
      .orderBy('created_at')
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['superseded', 'superseded', 'sent', 'sent']);
    // No code stays in the database once it is sent or passed over.
    expect(statuses.every((s) => s.payload === '{}')).toBe(true);
  });

  it('says the provider is in trouble after 3 failures in a row, until an email goes or 15 minutes pass', async () => {
    let down = true;
    const mailer: Mailer = {
      send: async () => {
        if (down) throw new Error('down');
        return { id: 'ok' };
      },
    };
    const { services, clock } = await invitedParent(mailer);
    for (let i = 0; i < 2; i++) await services.mail.enqueue(`p${i}@example.test`, 'conference-changed', 'en', {});
    expect(await services.mail.providerTroubled()).toBe(false);
    await services.mail.processOutbox(2);
    expect(await services.mail.providerTroubled()).toBe(false);
    await services.mail.processOutbox();
    expect(await services.mail.providerTroubled()).toBe(true);
    clock.advance(OUTBOX_POLICY.outageWindowMs);
    expect(await services.mail.providerTroubled()).toBe(false);
    clock.advance(-1);
    expect(await services.mail.providerTroubled()).toBe(true);
    down = false;
    clock.advance(OUTBOX_POLICY.maxDelayMs);
    await services.mail.processOutbox();
    expect(await services.mail.providerTroubled()).toBe(false);
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

  it('writes an email sent twice with one idempotency key once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
    try {
      const lines: string[] = [];
      const mailer = folderMailer(dir, (line) => lines.push(line));
      const message = { to: 'a@example.test', from: 'x', subject: 's', text: 't', html: 'h', template: 'received' };
      const queuedAt = new Date('2026-11-02T09:00:00Z');
      const first = await mailer.send({ ...message, idempotencyKey: 'row-7', queuedAt });
      const again = await mailer.send({ ...message, idempotencyKey: 'row-7', queuedAt });
      await mailer.send({ ...message, idempotencyKey: 'row-8', queuedAt });
      expect(again).toEqual(first);
      expect((await readdir(dir)).sort()).toEqual([
        '20261102T090000000Z-received-row-7.eml',
        '20261102T090000000Z-received-row-8.eml',
      ]);
      expect(lines).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
