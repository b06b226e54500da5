import type { APIRoute } from 'astro';
import { log } from '~/server/log';
import { readiness } from '~/server/services/readiness';
import { isShuttingDown } from '~/server/shutdown';
import { startUp } from '~/server/start-up';

export const prerender = false;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * For the load balancer: 200 when this process can serve the parent and staff
 * areas (database reachable, migrations done, report store writable), 503
 * with what is wrong when it cannot, or while it is stopping. (GET /healthz
 * only says the process is alive: src/server/http/node-server.ts.)
 */
export const GET: APIRoute = async () => {
  if (isShuttingDown()) return json(503, { status: 'stopping' });
  let services;
  try {
    // The first ask starts the server (scripts/serve.mjs asks as soon as it listens).
    services = await startUp();
  } catch (error) {
    log.warn({ err: error }, 'Not ready: the parent area could not start');
    return json(503, { status: 'unavailable', checks: { database: 'failed' } });
  }
  const result = await readiness(services);
  return json(result.ready ? 200 : 503, { status: result.ready ? 'ready' : 'unavailable', checks: result.checks });
};
