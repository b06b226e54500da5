// Starts the built portal: Astro's standalone handler (prerendered pages and
// pages rendered on demand) behind one listener that adds the security
// headers to every response, static files included.
import http from 'node:http';
import { isSearchPath, securityHeaders } from '../src/server/http/security-headers.ts';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import('../dist/server/entry.mjs');

const production = process.env.NODE_ENV === 'production';
const headers = Object.entries(securityHeaders(production));
const searchHeaders = Object.entries(securityHeaders(production, '/en/search/'));
const port = Number(process.env.PORT || 4321);
const host = process.env.HOST || '127.0.0.1';

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  for (const [name, value] of isSearchPath(path) ? searchHeaders : headers) res.setHeader(name, value);
  handler(req, res);
});
server.listen(port, host, () => {
  console.log(
    `Portal for ${process.env.AUTHORITY || 'kingston'} listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`,
  );
  // Start the parent area now rather than on its first visitor: migrate the
  // database, load the demo family if asked, start the email outbox worker.
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  fetch(`http://${local.includes(':') ? `[${local}]` : local}:${port}/api/auth/ok`).catch((error) =>
    console.error('[start] the parent area did not start:', error),
  );
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
