/**
 * The portal's log: one JSON object a line on standard output (pino), each
 * line carrying the id of the request it belongs to (`req`), which is also
 * the reference an error page shows the reader.
 *
 * Nothing personal is logged: callers log ids, counts and route patterns,
 * never an email address, a name, a sign-in code or a token. As a second
 * line of defence, fields with those names are redacted and email addresses
 * and long tokens are blanked out of every message and error.
 *
 * scripts/serve.mjs loads this file directly (Node strips the types) and
 * Vite bundles a copy into the server build; both copies share one logger
 * and one request context through globalThis, so it uses only erasable
 * TypeScript and relative imports.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { format } from 'node:util';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/** What the server knows about the request being handled. */
export interface RequestContext {
  /** A short id ("K7PM-3QXA"): on every log line of the request, and the reference on its error page. */
  id: string;
  method: string;
  /** The route pattern ("/[lang]/account/conferences/[id]"), once the route is known; never the raw URL. */
  route?: string | undefined;
  /** The body limit of the route, in bytes (set by the server). */
  bodyLimit?: number | undefined;
  /** The body went over `bodyLimit` (announced, or found while reading). */
  bodyTooLarge?: boolean | undefined;
  /** The status the error page shows, when the request was refused or failed. */
  errorStatus?: number | undefined;
  /**
   * Resolves once the response has room again: at once while the client keeps
   * up, else when what was sent has gone out (drain) or the connection closed.
   * Set by the server; a long download waits on it between chunks (paced-stream.ts).
   */
  responseDrained?: (() => Promise<void>) | undefined;
}

/** Fields that may hold personal data or secrets: never written, whatever a caller passes. */
const REDACTED = ['email', 'to', 'name', 'otp', 'token', 'password', 'secret', 'cookie', 'authorization'];
const REDACT_PATHS = [
  ...REDACTED,
  ...REDACTED.map((k) => `*.${k}`),
  // A sign-in code, at the top level only: `err.code` is an error's kind ("ECONNREFUSED") and stays.
  'code',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
];

const EMAIL = /[^\s@<>"'(),;:]+@([^\s@<>"'(),;:]+\.[A-Za-z]{2,})/g;
// Domains reserved for examples and tests (RFC 2606, RFC 6761): never a real person's address. The
// demo's made-up addresses stay readable in its sign-in hints; tests check no other address is logged.
const RESERVED = /(^|\.)(test|example|invalid|localhost)$|^example\.(com|net|org)$/i;
// Session tokens, API keys, signed values: a long unbroken run of letters and digits mixed.
const TOKEN = /\b(?=[A-Za-z0-9_]*\d)(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{32,}\b/g;
const QUERY = /(https?:\/\/[^\s?#]+|\/[^\s?#]*)\?[^\s#]*/g;

/** A text with email addresses, long tokens and URL query strings blanked out. */
export function scrub(text: string): string {
  return text
    .replace(EMAIL, (address, domain: string) => (RESERVED.test(domain) ? address : '[email]'))
    .replace(TOKEN, '[token]')
    .replace(QUERY, '$1?[query]');
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
}

/** Reads an error as pino does (type, message, stack, cause, its own fields), then scrubs every text in it. */
function errorSerializer(error: unknown): unknown {
  return scrubDeep(error instanceof Error ? pino.stdSerializers.err(error) : error);
}

interface Shared {
  root: Logger;
  requests: AsyncLocalStorage<RequestContext>;
}
const KEY = Symbol.for('conference-portal.log');

/** A logger writing to `destination` (standard output by default) at `level` (LOG_LEVEL, default info). */
export function createLogger(
  destination: DestinationStream = pino.destination({ fd: 1, sync: true }),
  level: string = process.env['LOG_LEVEL'] || 'info',
  requests: AsyncLocalStorage<RequestContext> = shared().requests,
): Logger {
  const options: LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      // Every text a caller passes is scrubbed too (a provider's error text may quote an address).
      log: (object) => scrubDeep(object) as Record<string, unknown>,
    },
    mixin: () => {
      const context = requests.getStore();
      return context ? { req: context.id } : {};
    },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: errorSerializer, error: errorSerializer },
    hooks: {
      logMethod(args, method) {
        // The message (and any values formatted into it) is scrubbed like every other text.
        const cleaned = args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as typeof args;
        method.apply(this, cleaned);
      },
    },
  };
  return pino(options, destination);
}

function shared(): Shared {
  const global = globalThis as typeof globalThis & { [KEY]?: Shared };
  if (!global[KEY]) {
    const requests = new AsyncLocalStorage<RequestContext>();
    // Set before the logger exists: createLogger reads it back through shared().
    global[KEY] = { requests } as Shared;
    global[KEY].root = createLogger(undefined, undefined, requests);
  }
  return global[KEY];
}

/** The portal's logger. `log.child({ component: 'outbox' })` names the part of the portal a line comes from. */
export const log: Logger = shared().root;

/** Runs `fn` as part of the request `context`: every line it logs carries the request's id. */
export function runWithRequest<T>(context: RequestContext, fn: () => T): T {
  return shared().requests.run(context, fn);
}

/** Runs `fn` outside any request (work started by a request that outlives it: workers, timers). */
export function outsideRequest<T>(fn: () => T): T {
  return shared().requests.exit(fn);
}

/** The request being handled, if any. */
export function currentRequest(): RequestContext | undefined {
  return shared().requests.getStore();
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford's base 32: no I, L, O or U to misread.

/** A new request id, easy to read out over the phone: "K7PM-3QXA" (40 random bits). */
export function newRequestId(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let id = '';
  for (let i = 0; i < 8; i++) id += ALPHABET[Number((bits >> BigInt(35 - 5 * i)) & 31n)];
  return `${id.slice(0, 4)}-${id.slice(4)}`;
}

const SERVER = Symbol.for('conference-portal.log.server');

/** Called once by the server at start: from now on, Astro's own messages go into this log too. */
export function useServerLog(): void {
  (globalThis as typeof globalThis & { [SERVER]?: boolean })[SERVER] = true;
}

/** Is this the running server (not a build or the development server)? */
export function isServerLog(): boolean {
  return (globalThis as typeof globalThis & { [SERVER]?: boolean })[SERVER] === true;
}

/**
 * Sends console.log/info/warn/error/debug (a library writing to the console)
 * into this log, so standard output stays one JSON object a line.
 */
export function captureConsole(): void {
  const console = globalThis.console;
  const to =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const error = args.find((a) => a instanceof Error);
      const text = format(...args.filter((a) => a !== error));
      if (error) log[level]({ err: error, component: 'console' }, text);
      else log[level]({ component: 'console' }, text);
    };
  console.log = to('info');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('error');
  console.debug = to('debug');
}
