/**
 * A body limit for each route, enforced while the body is read: a request
 * that announces more (Content-Length) is refused before a byte is read, and
 * one sent in chunks is cut off as soon as it passes the limit. Either way
 * the page shows the 413 error page and nothing is kept.
 *
 * scripts/serve.mjs loads this file directly, so it uses only erasable
 * TypeScript and relative imports.
 */
import type { IncomingMessage } from 'node:http';
import { FORM_BODY_BYTES, UPLOAD_BODY_BYTES } from '../../config/limits.ts';

/** The staff page that uploads a report: the one route that takes a file. */
export const REPORT_UPLOAD_PATH = /^\/staff\/conferences\/[^/]+\/reports\/new\/?$/;

/** The most a request to `path` may send, in bytes. */
export function bodyLimitFor(path: string): number {
  return REPORT_UPLOAD_PATH.test(path) ? UPLOAD_BODY_BYTES : FORM_BODY_BYTES;
}

/** The announced length is over the limit. */
export function announcedTooLarge(request: IncomingMessage, limit: number): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > limit;
}

/** Thrown (into whoever reads the body) when a body goes over its limit. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  readonly limit: number;
  constructor(limit: number) {
    super(`The request body is over its limit of ${limit} bytes`);
    this.limit = limit;
  }
}

/**
 * The body of `request`, chunk by chunk, failing with BodyTooLarge (after
 * calling `onTooLarge`) as soon as more than `limit` bytes arrived. It never
 * destroys the request: the connection stays open so the 413 page can be sent.
 */
export async function* limitedBody(
  request: IncomingMessage,
  limit: number,
  onTooLarge: () => void,
): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    received += chunk.byteLength;
    if (received > limit) {
      onTooLarge();
      throw new BodyTooLarge(limit);
    }
    yield chunk;
  }
}
