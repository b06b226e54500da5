/**
 * Where report files live. Streams in and out, never whole files in memory,
 * so a large report costs the server no more than a small one and an
 * S3-compatible store can implement the same interface later.
 */
export interface StoredFile {
  stream: ReadableStream<Uint8Array>;
  /** Size in bytes, for Content-Length. */
  size: number;
}

export interface ReportStore {
  /** Stores the stream under `key`, replacing any file there; resolves with the bytes written. */
  put(key: string, stream: ReadableStream<Uint8Array>): Promise<number>;
  /** The file under `key`, or null when there is none. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file under `key`; no error when there is none. */
  delete(key: string): Promise<void>;
}

/**
 * Keys are one or more segments of letters, digits, dot, dash and underscore,
 * joined by "/", each starting with a letter or digit: no "..", no absolute
 * paths, no backslashes, nothing a file system or object store reads twice.
 */
const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,7}$/;

/** Is `key` safe to use as a report store key? */
export function isSafeKey(key: string): boolean {
  return SAFE_KEY.test(key) && !key.split('/').some((segment) => segment.includes('..'));
}

/** Throws unless `key` is safe (see isSafeKey). */
export function assertSafeKey(key: string): void {
  if (!isSafeKey(key)) throw new Error(`Unsafe report store key: ${JSON.stringify(key)}`);
}
