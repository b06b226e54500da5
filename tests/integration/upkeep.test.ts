import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAuthority } from '~/config/authorities';
import { supporterForm } from '~/server/forms/supporter';
import { request } from '../support/auth-session';
import { DATABASES } from '../support/db';
import { makeFamily } from '../support/parent-area';
import { manualClock, openServicesWorld, type ServicesWorld } from '../support/services';

// What runs around the forms: the team's notice, the outbox worker, and
// forgetting old sign-in codes and counts.
describe.each(DATABASES)('upkeep on $name', ({ open }) => {
  let world: ServicesWorld | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await world?.close();
    world = undefined;
  });

  async function parentSendsSupporter(env: Record<string, string>) {
    world = await openServicesWorld(open, {
      clock: manualClock('2026-11-02T09:00:00Z'),
      authority: getAuthority('kingston'),
      env,
    });
    const family = await makeFamily(world.services, '2026-11-12T10:00:00Z');
    const supporter = supporterForm.parse({
      name: 'Jo Bloggs',
      relationship: 'Friend',
      isSolicitor: 'no',
      phone: '',
      email: 'jo@example.test',
    });
    expect(await world.services.supporter.save(family.one, family.conferenceId, supporter)).toMatchObject({ ok: true });
    await world.services.mail.processOutbox();
    return world.mailer.sent;
  }

  it('tells the team’s address (TEAM_EMAIL) that something came in, with nothing about the family', async () => {
    const sent = await parentSendsSupporter({ TEAM_EMAIL: 'cp-conferences@council.example' });
    expect(sent.map((m) => [m.to, m.subject])).toEqual(
      expect.arrayContaining([['cp-conferences@council.example', "Something new in your team's inbox"]]),
    );
    const notice = sent.filter((m) => m.to === 'cp-conferences@council.example');
    expect(notice).toHaveLength(1);
    expect(`${notice[0]?.subject} ${notice[0]?.text} ${notice[0]?.html}`).not.toMatch(
      /Sam|Taylor|Jo Bloggs|Jamie|TEST/,
    );
    // The parent gets their own receipt as well.
    expect(sent.filter((m) => m.to === 'one@example.test')).toHaveLength(1);
  });

  it('sends no team notice without TEAM_EMAIL: only the parent’s receipt', async () => {
    const sent = await parentSendsSupporter({});
    expect(sent.map((m) => m.to)).toEqual(['one@example.test']);
  });

  it('runs the outbox worker until stopped: it sends what is queued without being asked, and nothing after it stops', async () => {
    world = await openServicesWorld(open);
    const { db, services, mailer } = world;
    // A long pause between looks: the queued email wakes it at once.
    const stop = services.mail.start(60_000);
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await stop();
    });
    await services.mail.enqueue('team@council.example', 'team-inbox', 'en', {});
    await vi.waitFor(() => expect(mailer.sent.map((m) => m.to)).toEqual(['team@council.example']), {
      timeout: 5000,
      interval: 20,
    });
    await stop();
    stopped = true;
    const id = await services.mail.enqueue('later@council.example', 'team-inbox', 'en', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailer.sent).toHaveLength(1);
    const row = await db.db.selectFrom('email_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });

  it('forgets sign-in codes and request counts a day after they ended, and keeps newer ones', async () => {
    world = await openServicesWorld(open, { at: '2026-11-02T09:00:00Z' });
    const { db, services } = world;
    const counts = async () => ({
      codes: (
        await db.db
          .selectFrom('verification' as 'cases')
          .select('id')
          .execute()
      ).length,
      throttle: (await db.db.selectFrom('sign_in_throttle').select('id').execute()).length,
    });
    await services.auth.requestCode('old@example.test', request());
    await services.auth.settle();
    const old = await counts();
    expect(old.codes).toBe(1);
    expect(old.throttle).toBeGreaterThan(0);
    // The old code ended at 09:10; a day and a bit later, a new one is asked for.
    vi.setSystemTime(new Date('2026-11-03T09:30:00Z'));
    await services.auth.requestCode('new@example.test', request(undefined, '203.0.113.10'));
    await services.auth.settle();
    expect((await counts()).codes).toBe(2);
    await services.auth.prune();
    expect(await counts()).toEqual({ codes: 1, throttle: old.throttle });
    const left = (await db.db
      .selectFrom('verification' as 'cases')
      .selectAll()
      .executeTakeFirstOrThrow()) as unknown as { identifier: string };
    expect(left.identifier).toContain('new@example.test');
    const throttled = await db.db.selectFrom('sign_in_throttle').select('at').execute();
    expect(throttled.every((r) => r.at.startsWith('2026-11-03'))).toBe(true);
  });
});
