import { currentRequest } from '~/server/log';

/** The statuses the portal answers with its own error page (src/components/errors/ErrorPage.astro). */
export const ERROR_STATUSES = [400, 403, 404, 413, 500, 503] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/** A request the portal refuses or cannot serve, with the status its error page shows. */
export class HttpError extends Error {
  readonly status: ErrorStatus;
  constructor(status: ErrorStatus, message: string, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.name = 'HttpError';
  }
}

/** Network and server errors that mean the database cannot be reached now (a retry later may work). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  // PostgreSQL: connection failures, shutting down, starting up, too many connections.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // SQLite: the file is locked by someone else for longer than busy_timeout.
  'SQLITE_BUSY',
]);
const UNREACHABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|database is locked/i;

/** True when `error` (or what caused it) says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
  if (typeof e.errcode === 'string' && UNREACHABLE_CODES.has(e.errcode)) return true;
  if (typeof e.message === 'string' && UNREACHABLE_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * The status an exception calls for: its own (HttpError); 413 when the body
 * went over its route's limit while it was read; 503 when the database cannot
 * be reached; otherwise 500.
 */
export function statusOf(error: unknown): ErrorStatus {
  if (error instanceof HttpError) return error.status;
  if (currentRequest()?.bodyTooLarge) return 413;
  if (isDatabaseUnavailable(error)) return 503;
  return 500;
}
