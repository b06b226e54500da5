import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ResendAnswer = 200 | 422 | 429 | 500 | 'hang';

/** A stand-in for Resend's API on 127.0.0.1: answers each POST /emails with the next planned answer (200 once the plan runs out). */
export async function fakeResend(plan: ResendAnswer[] = []) {
  const requests: { headers: IncomingHttpHeaders; body: Record<string, unknown>; answer: ResendAnswer }[] = [];
  const accepted = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const answer = plan.shift() ?? 200;
      requests.push({ headers: req.headers, body: JSON.parse(raw || '{}') as Record<string, unknown>, answer });
      if (answer === 'hang') return; // never answers: the sender must give up on its own
      res.writeHead(answer, { 'content-type': 'application/json' });
      if (answer !== 200) {
        const name = { 422: 'validation_error', 429: 'rate_limit_exceeded', 500: 'internal_server_error' }[answer];
        res.end(JSON.stringify({ statusCode: answer, name, message: `Refused (${answer})` }));
        return;
      }
      // Like Resend: the same idempotency key gets the first answer again, and the email is not sent twice.
      const key = String(req.headers['idempotency-key'] ?? '');
      const id = accepted.get(key) ?? `re_fake_${accepted.size + 1}`;
      if (key) accepted.set(key, id);
      res.end(JSON.stringify({ id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** The emails Resend would have delivered: each idempotency key once. */
    delivered: () => {
      const seen = new Set<string>();
      return requests.filter((r) => {
        if (r.answer !== 200) return false;
        const key = String(r.headers['idempotency-key'] ?? Math.random());
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
    fail: (...answers: ResendAnswer[]) => void plan.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
