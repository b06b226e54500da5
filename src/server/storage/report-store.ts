/**
 * Where report files live. Streams in and out, never whole files in memory,
 * so a large report costs the server no more than a small one. Three stores
 * implement it (REPORT_STORE): a local folder, PostgreSQL, and S3-compatible
 * object storage; each is wrapped so that what it keeps is encrypted
 * (storage/sealed.ts).
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

/** A store of bytes as they are (local, PostgreSQL, S3), which can also list what it holds. */
export interface ByteStore extends ReportStore {
  /** Which store this is, for messages ("local folder data/reports", "S3 bucket reports"). */
  readonly name: string;
  /** Every key it holds, in no particular order (for key rotation). */
  keys(): AsyncIterable<string>;
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

/** Counts the bytes that pass; `bytes()` is the total so far. */
export function byteCounter(): { stream: TransformStream<Uint8Array, Uint8Array>; bytes: () => number } {
  let total = 0;
  return {
    stream: new TransformStream({
      transform(chunk, controller) {
        total += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
    bytes: () => total,
  };
}
