// A stand-in for GOV.UK Notify's API on 127.0.0.1, for tests: it checks the
// client's token as Notify does, fills a template's ((placeholders)) from the
// personalisation, refuses what Notify refuses (a number that is not a UK
// mobile, a missing placeholder) and can be told to fail. It imports nothing
// from the portal, so Playwright can run it as a program too:
//   node tests/support/fake-notify.ts --port 4617
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test API key: "name-<service id>-<secret>", as Notify issues them. */
export const FAKE_NOTIFY_KEY = 'portal_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';

export interface FakeTemplate {
  type: 'email' | 'sms';
  subject?: string;
  body: string;
}

export interface FakeNotification {
  id: string;
  type: 'email' | 'sms';
  template_id: string;
  to: string;
  personalisation: Record<string, string>;
  reference: string | null;
  one_click_unsubscribe_url: string | null;
  subject: string | null;
  body: string;
  created_at: string;
}

/** What the next request gets instead of a normal answer: an HTTP status, or no answer at all. */
export type FakeAnswer = 400 | 403 | 429 | 500 | 'hang';

const ERRORS: Record<number, [string, string]> = {
  400: ['BadRequestError', "Can't send to this recipient using a team-only API key"],
  403: ['AuthError', 'Invalid token: API key not found'],
  429: ['RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds'],
  500: ['Exception', 'Internal server error'],
};

const base64url = (b: Buffer) => b.toString('base64url');

/** Checks a Notify token: HS256 over the key's secret, issued by its service, within 30 seconds of now. */
function validToken(header: string | undefined, apiKey: string): boolean {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  const [head, claims, signature] = token?.split('.') ?? [];
  if (!head || !claims || !signature) return false;
  const secret = apiKey.slice(-36);
  const serviceId = apiKey.slice(-73, -37);
  const expected = Buffer.from(base64url(createHmac('sha256', secret).update(`${head}.${claims}`).digest()));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  const { iss, iat } = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { iss?: string; iat?: number };
  return iss === serviceId && typeof iat === 'number' && Math.abs(Date.now() / 1000 - iat) <= 30;
}

/** A UK mobile number, as Notify accepts them (07…, +447…, 447…; spaces allowed). */
function ukMobile(number: string): boolean {
  return /^(?:\+?44|0)7\d{9}$/.test(number.replace(/[\s()-]/g, ''));
}

export async function startFakeNotify(options: { port?: number; apiKey?: string } = {}) {
  const apiKey = options.apiKey ?? FAKE_NOTIFY_KEY;
  const templates = new Map<string, FakeTemplate>();
  const sent: FakeNotification[] = [];
  const plan: FakeAnswer[] = [];
  const requests: { path: string; answer: number | 'hang' }[] = [];

  function reply(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
  const error = (res: ServerResponse, status: number, type: string, message: string) =>
    reply(res, status, { status_code: status, errors: [{ error: type, message }] });

  function send(type: 'email' | 'sms', body: Record<string, unknown>, res: ServerResponse) {
    const templateId = String((body.template_id as string | undefined) ?? '');
    const to = String(((type === 'sms' ? body.phone_number : body.email_address) as string | undefined) ?? '');
    const personalisation = (body.personalisation ?? {}) as Record<string, string>;
    if (type === 'sms' && !ukMobile(to))
      return error(res, 400, 'BadRequestError', 'phone_number Not a UK mobile number');
    if (type === 'email' && !/^[^@\s]+@[^@\s]+$/.test(to))
      return error(res, 400, 'BadRequestError', 'email_address Not a valid email address');
    const template = templates.get(templateId);
    if (templates.size > 0 && !template)
      return error(res, 400, 'BadRequestError', `Template not found (template_id ${templateId})`);
    if (template && template.type !== type)
      return error(res, 400, 'BadRequestError', `${type} template is not suitable for ${template.type} notification`);
    const fill = (text: string) =>
      text.replace(/\(\(([^)]+)\)\)/g, (_, name: string) => personalisation[name] ?? `((${name}))`);
    const needed = [...`${template?.subject ?? ''} ${template?.body ?? ''}`.matchAll(/\(\(([^)]+)\)\)/g)].map(
      (m) => m[1] ?? '',
    );
    const missing = needed.filter((n) => personalisation[n] === undefined);
    if (missing.length) return error(res, 400, 'BadRequestError', `Missing personalisation: ${missing.join(', ')}`);
    const notification: FakeNotification = {
      id: randomUUID(),
      type,
      template_id: templateId,
      to,
      personalisation,
      reference: typeof body.reference === 'string' ? body.reference : null,
      one_click_unsubscribe_url:
        typeof body.one_click_unsubscribe_url === 'string' ? body.one_click_unsubscribe_url : null,
      subject: template?.subject ? fill(template.subject) : null,
      body: template ? fill(template.body) : JSON.stringify(personalisation),
      created_at: new Date().toISOString(),
    };
    sent.push(notification);
    const uri = `http://127.0.0.1/v2/notifications/${notification.id}`;
    reply(res, 201, {
      id: notification.id,
      reference: notification.reference,
      content:
        type === 'sms'
          ? { body: notification.body, from_number: 'Portal' }
          : {
              body: notification.body,
              subject: notification.subject ?? '',
              from_email: 'portal@notifications.service.gov.uk',
            },
      uri,
      template: { id: templateId, version: 1, uri: `http://127.0.0.1/v2/template/${templateId}` },
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    let raw = '';
    for await (const chunk of req) raw += (chunk as Buffer).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');

    // The test's own door: what was sent, templates to fill, answers to give.
    if (url.pathname === '/_fake/notifications') return reply(res, 200, sent);
    if (url.pathname === '/_fake/templates' && req.method === 'POST') {
      for (const [id, t] of Object.entries(JSON.parse(raw) as Record<string, FakeTemplate>)) templates.set(id, t);
      return reply(res, 200, { templates: templates.size });
    }
    if (url.pathname === '/_fake/plan' && req.method === 'POST') {
      plan.push(...(JSON.parse(raw) as FakeAnswer[]));
      return reply(res, 200, { planned: plan.length });
    }

    if (!validToken(req.headers.authorization, apiKey))
      return error(res, 403, 'AuthError', 'Invalid token: API key not found');
    const forced = req.method === 'POST' ? plan.shift() : undefined;
    requests.push({ path: url.pathname, answer: forced ?? 200 });
    if (forced === 'hang') return; // never answers: the client must give up on its own
    if (forced) return error(res, forced, ...(ERRORS[forced] ?? ['Exception', 'Internal server error']));

    const kind = /^\/v2\/notifications\/(email|sms)$/.exec(url.pathname)?.[1] as 'email' | 'sms' | undefined;
    if (req.method === 'POST' && kind) return send(kind, JSON.parse(raw || '{}') as Record<string, unknown>, res);
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const type = url.searchParams.get('template_type');
      const reference = url.searchParams.get('reference');
      const found = sent.filter((n) => (!type || n.type === type) && (!reference || n.reference === reference));
      return reply(res, 200, {
        notifications: found.map((n) => ({
          id: n.id,
          reference: n.reference,
          type: n.type,
          status: 'delivered',
          body: n.body,
        })),
        links: { current: url.href },
      });
    }
    return error(res, 404, 'NotFoundError', 'Not found');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => error(res, 500, 'Exception', String(e)));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    sent,
    requests,
    templates,
    /** The answers the next POSTs get, in order (then normal answers again). */
    fail: (...answers: FakeAnswer[]) => void plan.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type FakeNotify = Awaited<ReturnType<typeof startFakeNotify>>;

// Run as a program (Playwright's web server): node tests/support/fake-notify.ts --port N
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const at = process.argv.indexOf('--port');
  const fake = await startFakeNotify({ port: at > 0 ? Number(process.argv[at + 1]) : 0 });
  console.log(`Fake GOV.UK Notify listening on ${fake.url}`);
}
