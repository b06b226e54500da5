// Starts the built portal (dist/): checks its settings and that the build is
// for the council asked for, then serves it (src/server/http/node-server.ts)
// until SIGTERM or SIGINT, when it stops gracefully: no new requests, those in
// flight finish (up to SHUTDOWN_TIMEOUT_SECONDS), the workers finish their
// current item, the database closes, and the process exits 0.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, readConfig } from '../src/server/config.ts';
import { captureConsole, log, useServerLog } from '../src/server/log/index.ts';
import { beginShutdown, runShutdownHooks } from '../src/server/shutdown.ts';
import { createPortalServer } from '../src/server/http/node-server.ts';
import { parseSecurityContacts } from '../src/server/http/security-txt.ts';
import { loadStaticFiles } from '../src/server/http/static-files.ts';

const dist = new URL('../dist/', import.meta.url);

/** Refuses to start, saying why in one line. */
function refuse(message) {
  process.stderr.write(`The portal cannot start. ${message}\n`);
  process.exit(1);
}

let config;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) refuse(error.message);
  throw error;
}

let build;
try {
  build = JSON.parse(readFileSync(new URL('build.json', dist), 'utf8'));
} catch {
  refuse('There is no build in dist/: run `npm run build` first (or `npm start`, which builds and serves).');
}
const asked = process.env.AUTHORITY?.trim();
if (asked && asked !== build.authority)
  refuse(
    `This build is for AUTHORITY=${build.authority}, not ${asked}: build again with AUTHORITY=${asked} (npm run build), or start with AUTHORITY=${build.authority}.`,
  );
// The parent and staff areas read the council at run time: the one the pages were built for.
process.env.AUTHORITY = build.authority;

useServerLog();
captureConsole();
if (build.siteUrl !== config.SITE_URL)
  log.warn(
    { builtFor: build.siteUrl, siteUrl: config.SITE_URL },
    'The pages were built for another SITE_URL: their canonical links name that address. Build again with this SITE_URL.',
  );

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { handler } = await import('../dist/server/entry.mjs');
const portal = createPortalServer({
  handler,
  files: await loadStaticFiles(fileURLToPath(new URL('client/', dist))),
  production: config.NODE_ENV === 'production',
  trustedProxies: config.TRUSTED_PROXIES,
  siteUrl: config.SITE_URL,
  securityContacts: parseSecurityContacts(config.SECURITY_CONTACT),
  securityPolicy: config.SECURITY_POLICY,
});

if (config.NODE_ENV === 'production' && !config.SECURITY_CONTACT)
  log.warn(
    'SECURITY_CONTACT is not set: there is no /.well-known/security.txt, so no one who finds a security problem is told whom to tell',
  );

portal.server.listen(config.PORT, config.HOST, () => {
  const address = portal.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info(
    { authority: build.authority, port, siteUrl: config.SITE_URL },
    `Portal for ${build.authority} listening on http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}/ (public address ${config.SITE_URL})`,
  );
  // Start now rather than on the first visitor (src/server/start-up.ts): migrate
  // the database, load the demo family if asked, start the email outbox worker.
  const local = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST === '::' ? '::1' : config.HOST;
  fetch(`http://${local.includes(':') ? `[${local}]` : local}:${port}/readyz`)
    .then(async (response) => {
      if (!response.ok) log.error({ readiness: await response.json() }, 'The portal is not ready: see /readyz');
    })
    .catch((error) => log.error({ err: error }, 'The parent area did not start'));
});

let stopping = false;
async function stop(signal) {
  if (stopping) {
    log.warn({ signal }, 'Asked again to stop: stopping now, without waiting');
    process.exit(1);
  }
  stopping = true;
  beginShutdown();
  log.info({ signal, inFlight: portal.inFlight() }, 'Stopping: no new requests; finishing those in flight');
  const cut = await portal.stop(config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
  if (cut) log.warn({ cut }, 'Requests still running after SHUTDOWN_TIMEOUT_SECONDS were cut off');
  const failed = await runShutdownHooks();
  log.info({ failed }, failed.length ? 'Stopped, but not cleanly' : 'Stopped');
  process.exit(failed.length ? 1 : 0);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(signal));
