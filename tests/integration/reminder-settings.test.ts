// A parent chooses how to be reminded: text messages go to a UK mobile only
// once the parent has typed the code texted to it; the next reminders are
// listed from the same schedule the worker runs, text messages outside quiet
// hours; a number staff recorded waits for the parent's code. On both databases.
import { afterEach, describe, expect, it } from 'vitest';
import { memoryNotifier } from '~/server/notify';
import { createServices, type Services } from '~/server/services';
import { MOBILE_CODE_TRIES, MOBILE_CODES_PER_HOUR, recordPendingMobile } from '~/server/services/reminder-settings';
import { reminderSettingsForm } from '~/server/forms/reminder-settings';
import type { PlannedReminder } from '~/server/domain/reminders';
import { DATABASES } from '../support/db';
import { auditEntries, makeFamily, type Family } from '../support/parent-area';
import { openRemindersWorld, type ManualClock, type RemindersWorld } from '../support/services';

const NOW = '2026-11-02T21:30:00Z'; // Monday 2 November, 21:30 London (GMT): quiet hours
const MEETING = '2026-11-05T10:00:00Z'; // Thursday 5 November, 10:00
const MOBILE = '07123 456789';
const KEY = 'a'.repeat(24);

const form = (entries: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const x of [v].flat()) f.append(k, x);
  return f;
};
const parse = (entries: Record<string, string | string[]>, hasMobile = false) =>
  reminderSettingsForm({ smsOffered: true, hasMobile }).safeParse(Object.fromEntries(form(entries).entries()));

describe('the reminder settings form', () => {
  it('needs a choice, and a real UK mobile with text messages', () => {
    expect(parse({}).error?.issues[0]?.message).toBe('account:reminders.error.channel');
    expect(parse({ channel: 'sms', mobile: '' }).error?.issues[0]?.message).toBe(
      'account:reminders.error.mobileMissing',
    );
    // A landline, a French mobile, a made-up number: refused.
    for (const mobile of ['020 7946 0018', '+33 6 12 34 56 78', '07123'])
      expect(parse({ channel: 'both', mobile }).error?.issues[0]?.message).toBe(
        'account:reminders.error.mobileInvalid',
      );
    expect(parse({ channel: 'sms', mobile: MOBILE }).success).toBe(true);
    expect(parse({ channel: 'sms', mobile: '' }, true).success).toBe(true);
    expect(parse({ channel: 'email', mobile: '' }).success).toBe(true);
    expect(
      reminderSettingsForm({ smsOffered: false, hasMobile: false }).safeParse({ channel: 'sms', mobile: MOBILE })
        .success,
    ).toBe(false);
  });
});

describe.each(DATABASES)('a parent’s reminder choice on $name', ({ open }) => {
  let services: Services;
  let notifier: ReturnType<typeof memoryNotifier>;
  let family: Family;
  let clock: ManualClock;
  let world: RemindersWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  async function setUp() {
    world = await openRemindersWorld(open, NOW);
    ({ services, clock, notifier } = world);
    const { db } = world;
    family = await makeFamily(services, MEETING);
    await db.db.updateTable('parents').set({ invited_at: '2026-10-01T09:00:00Z' }).execute();
  }

  const codeTexted = () => {
    const last = notifier.sent.filter((n) => n.message === 'mobile-code').at(-1);
    return { to: last?.to, code: /\b(\d{6})\b/.exec(last?.text ?? '')?.[1] ?? '' };
  };
  const smsPlanned = async () =>
    (await services.reminders.plan(clock.now(), { parentId: family.parentIds[0] })).filter(
      (i): i is PlannedReminder => i.state === 'planned' && i.channel === 'sms',
    );

  it('texts a code to the new mobile, and uses it only once the right code is typed', async () => {
    await setUp();
    const input = { channel: 'sms' as const, mobile: MOBILE, complaintReminder: [] };
    expect(await services.reminderSettings.save(family.one, input, KEY)).toEqual({ ok: true, codeSent: true });
    // The same form sent again (a double click) sends no second code.
    expect(await services.reminderSettings.save(family.one, input, KEY)).toEqual({ ok: true, codeSent: true });
    expect(notifier.sent.filter((n) => n.message === 'mobile-code')).toHaveLength(1);
    const { to, code } = codeTexted();
    expect(to).toBe('+447123456789');
    expect(code).toMatch(/^\d{6}$/);

    // Not confirmed yet: no text message is planned, and the choice is there.
    expect(await services.reminderSettings.get(family.one)).toMatchObject({
      channel: 'sms',
      mobile: null,
      pending: '+447123456789',
    });
    expect(await smsPlanned()).toEqual([]);

    const wrong = code === '000000' ? '111111' : '000000';
    expect(await services.reminderSettings.confirm(family.one, wrong)).toEqual({ ok: false, reason: 'wrong' });
    // The other parent cannot confirm this parent's number with the right code.
    expect(await services.reminderSettings.confirm(family.two, code)).toEqual({ ok: false, reason: 'none' });
    expect(await services.reminderSettings.confirm(family.one, code)).toEqual({ ok: true });
    expect(await services.reminderSettings.get(family.one)).toMatchObject({ mobile: '+447123456789', pending: null });

    // Now the reminders go by text, outside quiet hours: the news of the booking (made at 21:30)
    // is listed for 08:00 tomorrow, then the day before the meeting at 10:00.
    expect(
      (await services.reminderSettings.upcoming(family.one)).map((r) => [r.type, r.channel, r.sendAt.toISOString()]),
    ).toEqual([
      ['meeting-booked', 'sms', '2026-11-03T08:00:00.000Z'],
      ['meeting-tomorrow', 'sms', '2026-11-04T10:00:00.000Z'],
      ['meeting-today', 'sms', '2026-11-05T08:00:00.000Z'],
      // Kingston's written decisions within 48 hours, minutes within 21 days.
      ['decisions-due', 'sms', '2026-11-07T12:00:00.000Z'],
      ['minutes-due', 'sms', '2026-11-26T12:00:00.000Z'],
    ]);
    const planned = await smsPlanned();
    expect(planned.map((p) => p.type)).toContain('meeting-tomorrow');
    for (const p of planned) {
      const hour = Number(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(
          p.sendAt,
        ),
      );
      expect(hour >= 8 && hour < 21).toBe(true);
    }

    // Audited: the choice and the confirmation, never the number.
    const chosen = await auditEntries(services, 'reminders.choose');
    expect(chosen).toHaveLength(1);
    expect(await auditEntries(services, 'reminders.mobile-confirm')).toHaveLength(1);
    for (const row of [...chosen, ...(await auditEntries(services, 'reminders.mobile-confirm'))])
      expect(JSON.stringify(row)).not.toMatch(/7123|456789/);
  });

  it('stops a code after too many wrong tries, and an old code after it expires', async () => {
    await setUp();
    await services.reminderSettings.save(family.one, { channel: 'both', mobile: MOBILE, complaintReminder: [] });
    const { code } = codeTexted();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i < MOBILE_CODE_TRIES; i++)
      expect(await services.reminderSettings.confirm(family.one, wrong)).toEqual({ ok: false, reason: 'wrong' });
    expect(await services.reminderSettings.confirm(family.one, wrong)).toEqual({ ok: false, reason: 'too-many' });
    expect(await services.reminderSettings.confirm(family.one, code)).toEqual({ ok: false, reason: 'too-many' });

    // A new code works; after 10 minutes it no longer does.
    await services.reminderSettings.resend(family.one);
    clock.advance(11 * 60_000);
    expect(await services.reminderSettings.confirm(family.one, codeTexted().code)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect((await services.reminderSettings.get(family.one))?.mobile).toBeNull();
  });

  it('texts one number at most 5 codes an hour', async () => {
    await setUp();
    await services.reminderSettings.save(family.one, { channel: 'sms', mobile: MOBILE, complaintReminder: [] });
    for (let i = 2; i <= MOBILE_CODES_PER_HOUR; i++)
      expect(await services.reminderSettings.resend(family.one)).toEqual({ ok: true });
    expect(await services.reminderSettings.resend(family.one)).toEqual({ ok: false, reason: 'limit' });
    expect(notifier.sent.filter((n) => n.message === 'mobile-code')).toHaveLength(MOBILE_CODES_PER_HOUR);
    // The last code sent still works.
    expect(await services.reminderSettings.confirm(family.one, codeTexted().code)).toEqual({ ok: true });
    clock.advance(61 * 60_000);
    await services.reminderSettings.save(family.one, { channel: 'sms', mobile: '07123 456780', complaintReminder: [] });
    expect(await services.reminderSettings.resend(family.one)).toEqual({ ok: true });
  });

  it('does not send, or let staff send again, a code that a newer one replaced', async () => {
    await setUp();
    // A provider that refuses text messages: the first code is given up at once.
    const refusing = createServices({ ...services, notifier: memoryNotifier(['email']) });
    await refusing.reminderSettings.save(family.one, { channel: 'sms', mobile: MOBILE, complaintReminder: [] });
    const statuses = () =>
      services.db.db
        .selectFrom('email_outbox')
        .select(['status', 'payload'])
        .where('template', '=', 'mobile-code')
        .orderBy('created_at')
        .execute();
    expect((await statuses()).map((r) => r.status)).toEqual(['failed']);
    clock.advance(60_000);
    await services.reminderSettings.resend(family.one);
    expect(await statuses()).toEqual([
      { status: 'superseded', payload: '{}' },
      { status: 'sent', payload: '{}' },
    ]);
  });

  it('lists what will be sent next and when, from the schedule, soonest first', async () => {
    await setUp();
    const emailOnly = await services.reminderSettings.upcoming(family.one);
    // Kingston's rules from Monday 21:30: the day before at 10:00, the morning at 08:00.
    expect(emailOnly.map((r) => [r.type, r.channel, r.sendAt.toISOString()])).toEqual(
      expect.arrayContaining([
        ['meeting-tomorrow', 'email', '2026-11-04T10:00:00.000Z'],
        ['meeting-today', 'email', '2026-11-05T08:00:00.000Z'],
      ]),
    );
    const times = emailOnly.map((r) => r.sendAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(emailOnly.every((r) => r.sendAt > clock.now())).toBe(true);

    // No reminders chosen: nothing listed.
    await services.reminderSettings.save(family.one, { channel: 'none', mobile: '', complaintReminder: [] });
    expect(await services.reminderSettings.upcoming(family.one)).toEqual([]);
  });

  it('keeps a mobile staff recorded waiting until the parent confirms it', async () => {
    await setUp();
    expect(await recordPendingMobile(services.db.db, family.parentIds[0], '020 7946 0018')).toBe(false);
    const officer = { type: 'staff' as const, id: 'staff-officer', role: 'officer' as const };
    await services.staffCases.updateParent(
      family.caseId,
      family.parentIds[0],
      {
        name: 'Sam Taylor',
        email: 'one@example.test',
        preferredLanguage: 'en',
        sharesHousehold: false,
        mobile: MOBILE,
      },
      officer,
    );
    expect(await services.reminderSettings.get(family.one)).toMatchObject({
      channel: 'email',
      mobile: null,
      pending: '+447123456789',
    });
    expect(await auditEntries(services, 'parent.mobile-recorded')).toHaveLength(1);
    // Nothing is texted to it until the parent chooses text messages and asks for the code.
    expect(notifier.sent).toEqual([]);
    expect(await smsPlanned()).toEqual([]);
  });
});
