import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pendingMigrations, type Db } from '~/server/db/client';
import { memoryMailer } from '~/server/mail/mailer';
import type { Services } from '~/server/services';
import { DATABASES } from '../support/db';
import { openServices, openServicesWorld, type ServicesWorld } from '../support/services';

const MINUTE = 60_000;
const KNOWN = 'parent.one@example.test';
const UNKNOWN = 'nobody@example.test';

/** The request facts a page passes on: no cookie, one network address. */
const from = (ip = '203.0.113.7', cookie?: string) => ({
  headers: new Headers(cookie ? { cookie } : {}),
  ip,
  lang: 'en',
});

/** "name=value" pairs of Set-Cookie lines, as a Cookie header. */
const cookieHeader = (setCookies: string[]) =>
  setCookies
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => !c.endsWith('='))
    .join('; ');

describe.each(DATABASES)('signing in on $name', ({ open }) => {
  let db: Db;
  let services: Services;
  let mailer: ReturnType<typeof memoryMailer>;
  let world: ServicesWorld;
  let parentId: string;
  let uninvitedId: string;

  beforeEach(async () => {
    world = await openServicesWorld(open, { at: '2026-11-02T09:00:00Z' });
    ({ db, services, mailer } = world);
    const actor = { type: 'system', id: null } as const;
    const caseId = await services.cases.createCase('TEST-1', actor);
    parentId = await services.cases.addParent(
      { caseId, name: 'Sam Taylor', email: 'Parent.One@example.test', preferredLanguage: 'pl', sharesHousehold: false },
      actor,
    );
    uninvitedId = await services.cases.addParent(
      {
        caseId,
        name: 'Alex Morgan',
        email: 'parent.two@example.test',
        preferredLanguage: 'en',
        sharesHousehold: false,
      },
      actor,
    );
    await services.auth.inviteParent(parentId);
    await services.mail.processOutbox();
    mailer.sent.length = 0;
  });

  afterEach(() => world.close());

  /** Asks for a code and waits until its email is out; returns the codes sent so far. */
  async function ask(email: string, ip?: string) {
    const result = await services.auth.requestCode(email, from(ip));
    await services.auth.settle();
    return result;
  }
  const codesSent = () => mailer.sent.map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]);
  const lastCode = () => codesSent().at(-1) ?? '';

  it('sends a code to an invited parent, and nothing at all to anyone else, with the same answer', async () => {
    expect(await ask(UNKNOWN)).toEqual({ ok: true });
    expect(await ask('parent.two@example.test')).toEqual({ ok: true });
    expect(mailer.sent).toHaveLength(0);
    expect(
      await db.db.selectFrom('email_outbox').select('id').where('template', '=', 'sign-in-code').execute(),
    ).toHaveLength(0);

    expect(await ask('  PARENT.ONE@example.test ')).toEqual({ ok: true });
    expect(mailer.sent).toHaveLength(1);
    const email = mailer.sent[0];
    expect(email?.to).toBe(KNOWN);
    expect(email?.subject).toBe('Your sign-in code');
    expect(email?.text).toMatch(/\b\d{6}\b/);
    expect(email?.text).toContain('10 minutes');
    expect(email?.text).toContain('If you did not ask for a code, you can ignore this email.');
    expect(`${email?.subject} ${email?.text} ${email?.html}`).not.toMatch(/Sam|Taylor|child protection/i);
    // Sent at once (not left for the worker), and the code does not stay in the database.
    const row = await db.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('template', '=', 'sign-in-code')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent', payload: '{}' });
    // The parent who got no code has no sign-in account either.
    const uninvited = await db.db
      .selectFrom('parents')
      .selectAll()
      .where('id', '=', uninvitedId)
      .executeTakeFirstOrThrow();
    expect(uninvited).toMatchObject({ email: 'parent.two@example.test', user_id: null, invited_at: null });
  });

  it('signs the parent in with the right code and sends them to their own language', async () => {
    await ask(KNOWN);
    const result = await services.auth.verifyCode(KNOWN, lastCode(), from());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.redirectTo).toBe('/pl/account/');
    expect(result.parent).toMatchObject({ name: 'Sam Taylor', preferredLanguage: 'pl', memberships: [{ parentId }] });
    const cookie = result.setCookies.find((c) => c.includes('session_token')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=1800/);

    const session = await services.auth.loadSession(from(undefined, cookieHeader(result.setCookies)));
    expect(session?.user.email).toBe(KNOWN);
    // The code works once.
    expect(await services.auth.verifyCode(KNOWN, lastCode(), from())).toEqual({ ok: false, reason: 'no-code' });
    const actions = await db.db.selectFrom('audit_log').select('action').where('actor_id', '=', parentId).execute();
    expect(actions.map((a) => a.action)).toEqual(['auth.code-sent', 'auth.sign-in']);
  });

  it('signs a parent in several cases in once, to every case they were invited to and no other', async () => {
    const actor = { type: 'system', id: null } as const;
    const secondCase = await services.cases.createCase('TEST-3', actor);
    const second = await services.cases.addParent(
      { caseId: secondCase, name: 'Sam Taylor', email: KNOWN, preferredLanguage: 'pl', sharesHousehold: false },
      actor,
    );
    const thirdCase = await services.cases.createCase('TEST-4', actor);
    await services.cases.addParent(
      { caseId: thirdCase, name: 'Sam Taylor', email: KNOWN, preferredLanguage: 'pl', sharesHousehold: false },
      actor,
    );
    const invited = await services.auth.inviteParent(second);
    await services.mail.processOutbox();
    mailer.sent.length = 0;
    // One person, one account, one code.
    const first = await db.db
      .selectFrom('parents')
      .select('user_id')
      .where('id', '=', parentId)
      .executeTakeFirstOrThrow();
    expect(invited.userId).toBe(first.user_id);
    await ask(KNOWN);
    expect(mailer.sent).toHaveLength(1);
    const result = await services.auth.verifyCode(KNOWN, lastCode(), from());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(
      [...result.parent.memberships].sort(
        (a, b) => a.caseId.localeCompare(b.caseId) || a.parentId.localeCompare(b.parentId),
      ),
    ).toEqual(
      [
        {
          parentId,
          caseId: (
            await db.db.selectFrom('parents').select('case_id').where('id', '=', parentId).executeTakeFirstOrThrow()
          ).case_id,
        },
        { parentId: second, caseId: secondCase },
      ].sort((a, b) => a.caseId.localeCompare(b.caseId) || a.parentId.localeCompare(b.parentId)),
    );
    const session = await services.auth.loadSession(from(undefined, cookieHeader(result.setCookies)));
    expect(session?.user.email).toBe(KNOWN);
  });

  it('answers wrong, expired and locked codes the same way whether or not the address is known', async () => {
    for (const email of [KNOWN, UNKNOWN]) {
      await ask(email);
      expect(await services.auth.verifyCode(email, '000000', from())).toEqual({
        ok: false,
        reason: 'wrong',
        triesLeft: 2,
      });
      expect(await services.auth.verifyCode(email, '000001', from())).toEqual({
        ok: false,
        reason: 'wrong',
        triesLeft: 1,
      });
      expect(await services.auth.verifyCode(email, '000002', from())).toEqual({ ok: false, reason: 'locked' });
    }
    // Locked means locked: even the right code no longer works; a new code does.
    expect(await services.auth.verifyCode(KNOWN, lastCode(), from())).toEqual({ ok: false, reason: 'locked' });
    expect(await services.auth.verifyCode(UNKNOWN, '123456', from())).toEqual({ ok: false, reason: 'locked' });
    await ask(KNOWN);
    expect((await services.auth.verifyCode(KNOWN, lastCode(), from())).ok).toBe(true);
  });

  it('lets a code expire after 10 minutes, for any address', async () => {
    await ask(KNOWN);
    await ask(UNKNOWN);
    vi.setSystemTime(Date.now() + 10 * MINUTE + 1000);
    expect(await services.auth.verifyCode(KNOWN, lastCode(), from())).toEqual({ ok: false, reason: 'expired' });
    expect(await services.auth.verifyCode(UNKNOWN, '123456', from())).toEqual({ ok: false, reason: 'expired' });
  });

  it('sends at most 3 codes per address in 15 minutes, and counts unknown addresses the same', async () => {
    for (const email of [KNOWN, UNKNOWN]) {
      for (let i = 0; i < 3; i++) expect(await ask(email, `198.51.100.${i}`)).toEqual({ ok: true });
      expect(await ask(email, '198.51.100.99')).toEqual({ ok: false, reason: 'too-many' });
    }
    expect(mailer.sent).toHaveLength(3);
    vi.setSystemTime(Date.now() + 15 * MINUTE + 1000);
    expect(await ask(KNOWN)).toEqual({ ok: true });
    expect(mailer.sent).toHaveLength(4);
  });

  it('sends at most 10 codes per network address in 15 minutes', async () => {
    for (let i = 0; i < 10; i++) expect(await ask(`someone${i}@example.test`, '192.0.2.1')).toEqual({ ok: true });
    expect(await ask(KNOWN, '192.0.2.1')).toEqual({ ok: false, reason: 'too-many' });
    expect(await ask(KNOWN, '192.0.2.2')).toEqual({ ok: true });
    expect(mailer.sent).toHaveLength(1);
  });

  it('takes at most 30 code tries per network address in 15 minutes, even the right code after them', async () => {
    await ask(KNOWN, '198.51.100.20');
    const code = lastCode();
    // 30 wrong tries from one network, spread over many addresses (so no one code locks).
    for (let i = 0; i < 30; i++) {
      const answer = await services.auth.verifyCode(`guess${i}@example.test`, '000000', from('192.0.2.50'));
      expect(answer.ok).toBe(false);
      expect(answer).not.toEqual({ ok: false, reason: 'too-many' });
    }
    expect(await services.auth.verifyCode(KNOWN, code, from('192.0.2.50'))).toEqual({ ok: false, reason: 'too-many' });
    // Another network is not held up; the right code still works there.
    expect((await services.auth.verifyCode(KNOWN, code, from('192.0.2.51'))).ok).toBe(true);
    // And after 15 minutes the first network may try again.
    vi.setSystemTime(Date.now() + 15 * MINUTE + 1000);
    expect(await services.auth.verifyCode('guess0@example.test', '000000', from('192.0.2.50'))).not.toEqual({
      ok: false,
      reason: 'too-many',
    });
  });

  it('ends a session after 30 minutes without a page load, and keeps it while pages are loaded', async () => {
    await ask(KNOWN);
    const result = await services.auth.verifyCode(KNOWN, lastCode(), from());
    if (!result.ok) throw new Error('sign-in failed');
    const cookie = cookieHeader(result.setCookies);
    const load = () => services.auth.loadSession(from(undefined, cookie));

    for (let i = 0; i < 3; i++) {
      vi.setSystemTime(Date.now() + 25 * MINUTE);
      const session = await load();
      expect(session, `still signed in after ${(i + 1) * 25} minutes of use`).not.toBeNull();
      expect(session?.session.expiresAt.getTime()).toBe(Date.now() + 30 * MINUTE);
    }
    vi.setSystemTime(Date.now() + 30 * MINUTE + 1000);
    expect(await load()).toBeNull();
  });

  it('signs out here, or everywhere', async () => {
    const signIn = async () => {
      await ask(KNOWN);
      const r = await services.auth.verifyCode(KNOWN, lastCode(), from());
      if (!r.ok) throw new Error('sign-in failed');
      return cookieHeader(r.setCookies);
    };
    const [phone, library, laptop] = [await signIn(), await signIn(), await signIn()];
    const cleared = await services.auth.signOut(from(undefined, phone));
    expect(cleared.some((c) => /session_token=;/.test(c) || /Max-Age=0/i.test(c))).toBe(true);
    expect(await services.auth.loadSession(from(undefined, phone))).toBeNull();
    expect(await services.auth.loadSession(from(undefined, library))).not.toBeNull();

    await services.auth.signOut(from(undefined, library), { everywhere: true });
    expect(await services.auth.loadSession(from(undefined, library))).toBeNull();
    expect(await services.auth.loadSession(from(undefined, laptop))).toBeNull();
    const actions = await db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'auth.sign-out%')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['auth.sign-out', 'auth.sign-out-everywhere']);
  });

  it('invites a parent once per address, and again sends only the neutral email, in their language (Polish)', async () => {
    const first = await services.auth.inviteParent(parentId);
    const second = await services.auth.inviteParent(parentId);
    expect(second.userId).toBe(first.userId);
    await services.mail.processOutbox();
    expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      [KNOWN, 'Masz nową wiadomość'],
      [KNOWN, 'Masz nową wiadomość'],
    ]);
    const parent = await db.db.selectFrom('parents').selectAll().where('id', '=', parentId).executeTakeFirstOrThrow();
    expect(parent.user_id).toBe(first.userId);
    expect(parent.invited_at).not.toBeNull();
  });
});

/** A real portal process starting up on `env`'s database (tests/support/start-process.ts), held at the start line. */
function startingProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['tests/support/start-process.mjs'], {
    env: { ...process.env, LOG_LEVEL: 'silent', NODE_ENV: 'test', SITE_URL: 'http://localhost:4321', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const answers: { ready?: boolean; applied?: string[]; error?: string }[] = [];
  const waiting: (() => void)[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    answers.push(JSON.parse(line) as (typeof answers)[number]);
    waiting.shift()?.();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const next = async () => {
    if (!answers.length) {
      await Promise.race([
        new Promise<void>((resolve) => waiting.push(resolve)),
        exited.then((code) => {
          throw new Error(`the process stopped (${code}): ${stderr}`);
        }),
      ]);
    }
    return answers.shift()!;
  };
  return { child, next, exited, go: () => child.stdin.write('go\n') };
}

describe.each(DATABASES)('two processes starting at once on an empty $name database', ({ empty }) => {
  it('create the tables once between them, and parents can then sign in', { timeout: 60_000 }, async () => {
    const database = await empty();
    const processes = [startingProcess(database.env), startingProcess(database.env)];
    try {
      for (const p of processes) expect(await p.next()).toEqual({ ready: true });
      // Both start migrating the empty database at the same moment.
      for (const p of processes) p.go();
      const results = await Promise.all(processes.map((p) => p.next()));
      expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
      expect(await Promise.all(processes.map((p) => p.exited))).toEqual([0, 0]);
      // Each migration ran once, in one process or the other.
      const applied = results.flatMap((r) => r.applied ?? []);
      expect(applied).toContain('0001-initial');
      expect(new Set(applied).size).toBe(applied.length);

      const db = database.connect();
      try {
        expect(await pendingMigrations(db)).toEqual([]);
        const bookkept = await db.db
          .selectFrom('portal_migrations' as 'cases')
          .select('name' as 'id')
          .execute();
        expect(bookkept).toHaveLength(applied.length);
        // better-auth's tables are there too: an invited parent asks for a code and gets it.
        const mailer = memoryMailer();
        const services = await openServices(db, { mailer });
        const actor = { type: 'system', id: null } as const;
        const caseId = await services.cases.createCase('TEST-2', actor);
        const parentId = await services.cases.addParent(
          { caseId, name: 'Sam Taylor', email: KNOWN, preferredLanguage: 'en', sharesHousehold: false },
          actor,
        );
        await services.auth.inviteParent(parentId);
        await services.mail.processOutbox();
        mailer.sent.length = 0;
        expect(await services.auth.requestCode(KNOWN, from())).toEqual({ ok: true });
        await services.auth.settle();
        expect(mailer.sent.map((m) => [m.to, m.subject])).toEqual([[KNOWN, 'Your sign-in code']]);
      } finally {
        await db.close();
      }
    } finally {
      for (const p of processes) p.child.kill();
      await database.remove();
    }
  });
});
