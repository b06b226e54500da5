// A stand-in for Resend's API on 127.0.0.1 (a port of its own): POST /emails
// answers with the next planned answer (or 200 after `latencyMs`), and, like
// Resend, an idempotency key it has accepted before gets the first answer
// again instead of a second email. Used by the outbox tests, the chaos test
// and the benchmarks.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answer = 500 | 'hang' | 200;

export interface FakeResend {
  url: string;
  /** Every request, in order. */
  requests: { headers: IncomingHttpHeaders; body: Record<string, string>; answer: Answer }[];
  /** Emails actually delivered: one per idempotency key (or per request without one). */
  delivered: { key: string | undefined; body: Record<string, string> }[];
  close(): Promise<void>;
}

export async function fakeResend(options: { plan?: Answer[]; latencyMs?: number } = {}): Promise<FakeResend> {
  const plan = options.plan ?? [];
  const requests: FakeResend['requests'] = [];
  const delivered: FakeResend['delivered'] = [];
  const seen = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const answer = plan[requests.length] ?? 200;
      const body = JSON.parse(raw || '{}') as Record<string, string>;
      requests.push({ headers: req.headers, body, answer });
      if (answer === 'hang') return; // never answers: the mailer must give up on its own
      const reply = () => {
        if (answer !== 200) {
          res.writeHead(answer, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ statusCode: 500, name: 'internal_server_error', message: 'Something broke' }));
          return;
        }
        const key = req.headers['idempotency-key'] as string | undefined;
        let id = key ? seen.get(key) : undefined;
        if (!id) {
          id = `re_fake_${delivered.length + 1}`;
          if (key) seen.set(key, id);
          delivered.push({ key, body });
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
      };
      if (options.latencyMs) setTimeout(reply, options.latencyMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
