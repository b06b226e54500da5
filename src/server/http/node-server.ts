/**
 * The production server around Astro's handler: one request id and log line
 * per request, the security headers, the built files (compressed at build),
 * /healthz, a body limit per route, the client's address and origin as seen
 * through trusted proxies, compression of pages rendered on demand, and a
 * graceful stop.
 *
 * scripts/serve.mjs loads this file directly, so it uses only erasable
 * TypeScript and relative imports.
 */
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { constants } from 'node:zlib';
import compression from 'compression';
import { log, newRequestId, runWithRequest, type RequestContext } from '../log/index.ts';
import { announcedTooLarge, bodyLimitFor, limitedBody } from './body-limit.ts';
import { KEEP_ALIVE_MS } from '../../config/limits.ts';
import { securityTxt } from './security-txt.ts';
import { clientAddress, parseTrustedProxies, publicOrigin, type TrustedProxies } from './client-address.ts';
import { isSearchPath, securityHeaders } from './security-headers.ts';
import { findStaticFile, sendStaticFile, type StaticFile } from './static-files.ts';

export interface PortalServerOptions {
  /** Astro's handler (dist/server/entry.mjs, the node adapter in middleware mode). */
  handler: (req: IncomingMessage, res: ServerResponse) => unknown;
  /** The built site's files (loadStaticFiles). */
  files: Map<string, StaticFile>;
  production: boolean;
  /** TRUSTED_PROXIES. */
  trustedProxies: string;
  /** SITE_URL: where requests are expected to arrive (a request elsewhere is logged once, as a hint). */
  siteUrl: string;
  /** SECURITY_CONTACT, parsed (none: /.well-known/security.txt is 404). */
  securityContacts?: readonly string[];
  /** SECURITY_POLICY. */
  securityPolicy?: string | undefined;
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Brotli for pages rendered on demand: quality 4 (fast), and a 256 KB window
 * (LGWIN 18) instead of brotli's 4 MB. A page is at most a few tens of KB, so
 * the smaller window compresses it to the same size; but each stream with the
 * 4 MB window reports several MB of native memory to V8, which answered with
 * a full garbage collection of the whole heap about every ten pages: under
 * load that was more than half the CPU a signed-in page cost (issue #16).
 */
export const BROTLI_PARAMS = {
  [constants.BROTLI_PARAM_QUALITY]: 4,
  [constants.BROTLI_PARAM_LGWIN]: 18,
} as const;

/** Pages rendered on demand are compressed as they stream; downloads (attachments) never: they are binary, and stream as they are. */
const compress = compression({
  threshold: 1024,
  brotli: { params: BROTLI_PARAMS },
  filter: (req, res) =>
    !/attachment/i.test(String(res.getHeader('Content-Disposition') ?? '')) && compression.filter(req, res),
}) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The connection as Astro should see it: the client's address, and https when the client used https. */
function socketAsSeen(socket: Socket, address: string | undefined, https: boolean): Socket {
  return new Proxy(socket, {
    get(target, key) {
      if (key === 'remoteAddress') return address;
      if (key === 'encrypted') return https;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The request's body (if any) is read through its route's limit; one announced as too big is not read at all. */
function limitBody(req: IncomingMessage, context: RequestContext, path: string): void {
  if (!WITH_BODY.has(req.method ?? '')) return;
  const limit = bodyLimitFor(path);
  context.bodyLimit = limit;
  if (announcedTooLarge(req, limit)) {
    context.bodyTooLarge = true;
    context.errorStatus = 413;
    (req as IncomingMessage & { body?: unknown }).body = (async function* () {})();
    return;
  }
  (req as IncomingMessage & { body?: unknown }).body = limitedBody(req, limit, () => (context.bodyTooLarge = true));
}

/**
 * A body the page did not read to the end (refused over its limit, or an
 * upload stopped early) is read and thrown away, so the browser, which is
 * still sending, gets its answer instead of a broken connection. Past twice
 * the limit, the connection is closed instead.
 */
function discardRest(req: IncomingMessage, limit: number): void {
  if (req.complete || req.destroyed) return;
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > 2 * limit) req.socket.destroy();
  });
  req.resume();
}

/**
 * Astro sends its 500 page with status 500; when the page is showing another
 * error (400, 403, 413, 503: src/pages/500.astro), that status is sent instead.
 */
function sendErrorStatus(res: ServerResponse, context: RequestContext): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const corrected = status === 500 && context.errorStatus ? context.errorStatus : status;
    if (corrected !== status) this.statusMessage = http.STATUS_CODES[corrected] ?? '';
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, corrected, ...rest);
  };
}

/**
 * Resolves when `res` can take more: at once when its buffer is below the
 * high-water mark, else on 'drain', or on 'close' (the client went away: the
 * writer then stops on its own).
 */
function drained(res: ServerResponse): Promise<void> {
  if (!res.writableNeedDrain || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Creates the HTTP server (not yet listening). `stop()` stops it gracefully (see lifecycle in scripts/serve.mjs). */
export function createPortalServer(options: PortalServerOptions) {
  const trusted: TrustedProxies = parseTrustedProxies(options.trustedProxies);
  const headers = Object.entries(securityHeaders(options.production));
  const searchHeaders = Object.entries(securityHeaders(options.production, '/en/search/'));
  const expectedOrigin = new URL(options.siteUrl).origin;
  let warnedOrigin = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse, context: RequestContext, path: string) {
    for (const [name, value] of isSearchPath(path) ? searchHeaders : headers) res.setHeader(name, value);
    if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ status: 'alive' }));
      context.route = '/healthz';
      return;
    }
    if (path === '/.well-known/security.txt' && (req.method === 'GET' || req.method === 'HEAD')) {
      const text = securityTxt({
        contacts: options.securityContacts ?? [],
        siteUrl: options.siteUrl,
        policy: options.securityPolicy,
      });
      if (text !== null) {
        context.route = path;
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' });
        res.end(req.method === 'HEAD' ? undefined : text);
        return;
      }
    }
    const file = req.method === 'GET' || req.method === 'HEAD' ? findStaticFile(options.files, path) : undefined;
    if (file) {
      context.route = file.urlPath;
      await sendStaticFile(req, res, file);
      return;
    }
    limitBody(req, context, path);
    const origin = publicOrigin(req, trusted);
    if (!warnedOrigin && origin.host && `${origin.protocol}://${origin.host}` !== expectedOrigin) {
      warnedOrigin = true;
      log.warn(
        { seen: `${origin.protocol}://${origin.host}`, siteUrl: expectedOrigin },
        'A request arrived for an address other than SITE_URL: check SITE_URL and TRUSTED_PROXIES (forms are accepted only from SITE_URL)',
      );
    }
    if (origin.host) req.headers.host = origin.host;
    res.on('finish', () => discardRest(req, context.bodyLimit ?? 0));
    context.responseDrained = () => drained(res);
    sendErrorStatus(res, context);
    // Astro reads the connection once, as it makes its Request: show it the client's.
    const socket = req.socket;
    req.socket = socketAsSeen(
      socket,
      clientAddress(socket.remoteAddress, req.headers['x-forwarded-for'], trusted),
      origin.protocol === 'https',
    );
    try {
      compress(req, res, () => void options.handler(req, res));
    } finally {
      req.socket = socket;
    }
  }

  const listener: RequestListener = (req, res) => {
    const context: RequestContext = { id: newRequestId(), method: req.method ?? 'GET' };
    const started = process.hrtime.bigint();
    inFlight++;
    res.on('close', () => {
      inFlight--;
      const ms = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      runWithRequest(context, () =>
        log.info(
          {
            method: context.method,
            route: context.route ?? null,
            status: res.statusCode,
            ms,
            ...(res.writableFinished ? {} : { aborted: true }),
          },
          'request',
        ),
      );
      if (inFlight === 0) idle?.();
    });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    void runWithRequest(context, () =>
      handle(req, res, context, path).catch((error: unknown) => {
        log.error({ err: error }, 'The server could not answer');
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          res.end(`Sorry, something went wrong. Reference: ${context.id}`);
        } else res.destroy();
      }),
    );
  };

  const server = http.createServer(listener);
  // The proxy closes idle connections, not the server (see KEEP_ALIVE_MS).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  return {
    server,
    /** Requests being answered now. */
    inFlight: () => inFlight,
    /**
     * Stops taking connections, lets requests in flight finish (at most
     * `timeoutMs`, then cuts them off) and resolves with how many were cut off.
     */
    async stop(timeoutMs: number): Promise<number> {
      server.close();
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, timeoutMs).unref();
        });
      }
      const cut = inFlight;
      server.closeAllConnections();
      return cut;
    },
  };
}
