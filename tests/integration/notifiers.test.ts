// One test suite for every sender: GOV.UK Notify and Resend (each against a
// stand-in server on 127.0.0.1) and the local folder. What a parent receives
// must be the same whichever the council uses.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCALE_CODES } from '~/config/locales';
import type { Channel } from '~/server/domain/reminders';
import { folderNotifier } from '~/server/notify/folder';
import { MESSAGES, renderMessage, type MessageName } from '~/server/notify/messages';
import { DeliveryError, type Notification, type Notifier } from '~/server/notify/notifier';
import { notifyNotifier } from '~/server/notify/notify';
import { notifyTemplateTexts, samplePayload } from '~/server/notify/notify-template-text';
import type { NotifyTemplateIds } from '~/server/notify/notify-templates';
import { resendNotifier } from '~/server/notify/resend';
import { startFakeNotify } from '../support/fake-notify';
import { fakeResend } from '../support/fake-resend';

const SITE = 'https://portal.example.gov.uk';

/** What the person at the other end got. */
interface Delivered {
  channel: Channel;
  to: string;
  subject: string | null;
  text: string;
  unsubscribe: string | null;
}

interface Harness {
  notifier: Notifier;
  delivered(): Promise<Delivered[]>;
  /** Makes the next request fail: the server breaks, or refuses the address. null where the sender has no server. */
  breakNext: ((how: 'error' | 'refuse' | 'hang') => void) | null;
  close(): Promise<void>;
}

const HARNESSES: { name: string; open: () => Promise<Harness> }[] = [
  {
    name: 'GOV.UK Notify',
    open: async () => {
      const fake = await startFakeNotify();
      // The council has created every template the portal documents, in every language.
      const ids: NotifyTemplateIds = {};
      const bodies: Record<string, { type: Channel; subject?: string; body: string }> = {};
      for (const t of notifyTemplateTexts()) {
        const id = randomUUID();
        ((ids[t.message] ??= {})[t.channel] ??= {})[t.lang] = id;
        bodies[id] = { type: t.channel, body: t.body, ...(t.subject !== undefined ? { subject: t.subject } : {}) };
      }
      for (const [id, t] of Object.entries(bodies)) fake.templates.set(id, t);
      return {
        notifier: notifyNotifier({ apiKey: fake.apiKey, baseUrl: fake.url, templates: ids, timeoutMs: 2_000 }),
        delivered: async () =>
          fake.sent.map((n) => ({
            channel: n.type,
            to: n.to,
            subject: n.subject,
            text: n.body,
            unsubscribe: n.one_click_unsubscribe_url,
          })),
        breakNext: (how) => fake.fail(how === 'error' ? 500 : how === 'refuse' ? 400 : 'hang'),
        close: fake.close,
      };
    },
  },
  {
    name: 'Resend',
    open: async () => {
      const fake = await fakeResend();
      return {
        notifier: resendNotifier({ apiKey: 're_test_key', baseUrl: fake.url, timeoutMs: 2_000 }),
        delivered: async () =>
          fake.delivered().map((r) => ({
            channel: 'email' as const,
            to: String(r.body.to),
            subject: String(r.body.subject),
            text: String(r.body.text),
            unsubscribe:
              ((r.body.headers as Record<string, string> | undefined)?.['List-Unsubscribe'] ?? '').slice(1, -1) || null,
          })),
        breakNext: (how) => fake.fail(how === 'error' ? 500 : how === 'refuse' ? 422 : 'hang'),
        close: fake.close,
      };
    },
  },
  {
    name: 'the local folder',
    open: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'outbox-'));
      return {
        notifier: folderNotifier(dir, () => {}),
        delivered: async () => {
          const files = (await readdir(dir)).sort();
          return Promise.all(
            files.map(async (f): Promise<Delivered> => {
              const raw = await readFile(join(dir, f), 'utf8');
              const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(raw)?.[1]?.trim() ?? null;
              if (f.endsWith('.txt'))
                return {
                  channel: 'sms',
                  to: header('To') ?? '',
                  subject: null,
                  text: raw.slice(raw.indexOf('\n\n') + 2).replace(/\n$/, ''),
                  unsubscribe: null,
                };
              const start = raw.indexOf('\r\n\r\n', raw.indexOf('Content-Type: text/plain')) + 4;
              const subject = header('Subject') ?? '';
              const b64 = /^=\?UTF-8\?B\?(.*)\?=$/.exec(subject)?.[1];
              return {
                channel: 'email',
                to: header('To') ?? '',
                subject: b64 ? Buffer.from(b64, 'base64').toString('utf8') : subject,
                text: raw.slice(start, raw.indexOf('\r\n--portal-', start)),
                unsubscribe: header('List-Unsubscribe')?.slice(1, -1) ?? null,
              };
            }),
          );
        },
        breakNext: null,
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
];

let counter = 0;
/** A message as the outbox hands it over: rendered in the reader's language. */
function notification(
  message: MessageName,
  channel: Channel,
  lang: string,
  over: Partial<Notification> = {},
): Notification {
  counter += 1;
  return {
    channel,
    to: channel === 'sms' ? '+447700900123' : `parent${counter}@example.test`,
    message,
    from: 'Conference team <no-reply@example.gov.uk>',
    rendered: renderMessage(message, channel, lang, samplePayload(message), { siteUrl: SITE }),
    reference: randomUUID(),
    attempt: 0,
    ...over,
  };
}

describe.each(HARNESSES)('sending through $name', ({ open }) => {
  let h: Harness;
  beforeEach(async () => {
    h = await open();
  });
  afterEach(async () => {
    await h.close();
  });

  it('delivers every email, in every language, exactly as the portal wrote it', async () => {
    const sentEmails: Notification[] = [];
    for (const message of Object.keys(MESSAGES) as MessageName[]) {
      if (!(MESSAGES[message].channels as readonly Channel[]).includes('email')) continue;
      for (const lang of LOCALE_CODES) {
        const n = notification(message, 'email', lang);
        await h.notifier.send(n);
        sentEmails.push(n);
      }
    }
    const got = await h.delivered();
    expect(got).toHaveLength(sentEmails.length);
    for (const [i, n] of sentEmails.entries()) {
      const d = got.find((x) => x.to === n.to);
      expect(d, `${n.message} ${n.rendered.lang} (${i})`).toMatchObject({
        channel: 'email',
        subject: n.rendered.subject,
        text: n.rendered.text,
      });
      expect(d?.unsubscribe ?? null).toBe(n.rendered.unsubscribeUrl ?? null);
    }
  });

  it('delivers a text message in the reader’s language, or says at once that it cannot send texts', async () => {
    const n = notification('meeting-tomorrow', 'sms', 'pl');
    if (!h.notifier.channels.includes('sms')) {
      await expect(h.notifier.send(n)).rejects.toMatchObject({ permanent: true });
      expect(await h.delivered()).toEqual([]);
      return;
    }
    await h.notifier.send(n);
    await h.notifier.send(notification('mobile-code', 'sms', 'ar'));
    const got = await h.delivered();
    expect(got.map((d) => d.channel)).toEqual(['sms', 'sms']);
    expect(got[0]?.text).toBe(n.rendered.text);
    expect(got[0]?.text).toContain('jutro');
    expect(got[1]?.text).toContain('123456');
  });

  it('tells a failure worth retrying from a refusal that will not change', async () => {
    if (!h.breakNext) return expect(h.notifier.name).toBe('folder');
    h.breakNext('error');
    const error = await h.notifier.send(notification('meeting-today', 'email', 'en')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ permanent: false });
    h.breakNext('refuse');
    await expect(h.notifier.send(notification('meeting-today', 'email', 'en'))).rejects.toMatchObject({
      permanent: true,
    });
    expect(await h.delivered()).toEqual([]);
    // And then it works again.
    await h.notifier.send(notification('meeting-today', 'email', 'en'));
    expect(await h.delivered()).toHaveLength(1);
  });

  it('gives up on a server that does not answer, to be tried again later', async () => {
    if (!h.breakNext) return expect(h.notifier.name).toBe('folder');
    h.breakNext('hang');
    const started = Date.now();
    await expect(h.notifier.send(notification('reports-due', 'email', 'ro'))).rejects.toMatchObject({
      permanent: false,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('never delivers one message twice when it is tried again', async () => {
    const n = notification('received', 'email', 'es');
    const first = await h.notifier.send(n);
    const again = await h.notifier.send({ ...n, attempt: 1 });
    expect(again.id).toBe(first.id);
    expect(await h.delivered()).toHaveLength(1);
  });
});
