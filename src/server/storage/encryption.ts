import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { byteSource, type ByteSource } from './byte-source.ts';
import type { StoredFile } from './report-store.ts';

/**
 * Encryption at rest for report files: AES-256-GCM, streamed.
 *
 * Each file gets its own random data key, wrapped (AES-256-GCM) with one of
 * the council's keys, whose id is written in the file's header. The content
 * is cut into 64 KiB segments, each sealed on its own (the STREAM
 * construction: a nonce of a per-file prefix, the segment's number and a
 * "last" flag), so a reader checks every byte before it passes it on, never
 * holds more than one segment, and a file cut short or reordered is refused.
 *
 * Layout: "CPRE" · version 1 · key id length · key id · wrap nonce (12) ·
 * wrapped data key (32) + tag (16) · segment nonce prefix (7) · segments,
 * each ciphertext (up to 64 KiB) + tag (16). The header is the wrapping's
 * additional data, so changing the key id breaks the file rather than
 * misleading a reader.
 */
export const SEGMENT_BYTES = 64 * 1024;
const MAGIC = Buffer.from('CPRE', 'ascii');
const VERSION = 1;
const TAG = 16;
const WRAP_NONCE = 12;
const DATA_KEY = 32;
const PREFIX = 7;
const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;

/** One of the council's keys: an id (kept with each file) and 32 bytes. */
export interface ReportKey {
  id: string;
  key: Buffer;
}

/** The keys in use: `current` seals new files; every key (current included) opens old ones. */
export interface KeyRing {
  current: ReportKey;
  byId: Map<string, ReportKey>;
}

/** A file needs a key this server has not been given. */
export class MissingKeyError extends Error {
  readonly keyId: string;
  constructor(keyId: string) {
    super(`The report key "${keyId}" is not in REPORT_KEYS: add it back (after the current key) to read this file.`);
    this.keyId = keyId;
  }
}

/** A stored file is not what was sealed: damaged, cut short, or changed. */
export class DamagedFileError extends Error {}

/**
 * Reads REPORT_KEYS: "id:base64,id:base64", the first one current. Each key
 * is 32 random bytes in base64 (`openssl rand -base64 32`).
 */
export function parseKeyRing(setting: string): KeyRing {
  const keys = setting
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): ReportKey => {
      const at = part.indexOf(':');
      const id = part.slice(0, at);
      const key = Buffer.from(part.slice(at + 1), 'base64');
      if (at < 1 || !KEY_ID.test(id))
        throw new Error('REPORT_KEYS: each key is "id:base64", the id 1 to 32 letters, digits, ".", "_" or "-"');
      if (key.length !== DATA_KEY) throw new Error(`REPORT_KEYS: the key "${id}" must be 32 bytes in base64`);
      return { id, key };
    });
  const [current] = keys;
  if (!current) throw new Error('REPORT_KEYS: give at least one key');
  const byId = new Map<string, ReportKey>();
  for (const k of keys) {
    if (byId.has(k.id)) throw new Error(`REPORT_KEYS: the key id "${k.id}" is given twice`);
    byId.set(k.id, k);
  }
  return { current, byId };
}

/** A new key in REPORT_KEYS form ("id:base64"). */
export function newKeySetting(id: string): string {
  if (!KEY_ID.test(id)) throw new Error('A key id is 1 to 32 letters, digits, ".", "_" or "-"');
  return `${id}:${randomBytes(DATA_KEY).toString('base64')}`;
}

function segmentNonce(prefix: Buffer, index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, PREFIX);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function sealSegment(dataKey: Buffer, prefix: Buffer, index: number, last: boolean, plain: Uint8Array): Buffer {
  const cipher = createCipheriv('aes-256-gcm', dataKey, segmentNonce(prefix, index, last));
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function openSegment(dataKey: Buffer, prefix: Buffer, index: number, last: boolean, sealed: Uint8Array): Buffer {
  if (sealed.length < TAG) throw new DamagedFileError('A report file is cut short.');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, segmentNonce(prefix, index, last));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    // A new buffer (the caller reuses `sealed`); GCM's final() adds no bytes, so no copy to join them.
    const opened = decipher.update(sealed.subarray(0, sealed.length - TAG));
    const rest = decipher.final();
    return rest.length ? Buffer.concat([opened, rest]) : opened;
  } catch {
    throw new DamagedFileError('A report file does not match its seal: it is damaged or was changed.');
  }
}

/** A file's header: which key, and the sealed data key. */
interface Header {
  keyId: string;
  length: number;
  bytes: Buffer;
  wrapNonce: Buffer;
  wrapped: Buffer;
  prefix: Buffer;
}

function headerLength(keyIdLength: number): number {
  return MAGIC.length + 2 + keyIdLength + WRAP_NONCE + DATA_KEY + TAG + PREFIX;
}

/** True when `head` starts like a sealed file (a plain PDF or Word file never does). */
function isSealed(head: Uint8Array): boolean {
  return head.length >= MAGIC.length && MAGIC.equals(Buffer.from(head.subarray(0, MAGIC.length)));
}

/** The header at the start of `bytes`, or null when more bytes are needed. */
function readHeader(bytes: Buffer): Header | null {
  if (bytes.length < MAGIC.length + 2) return null;
  if (!isSealed(bytes)) throw new DamagedFileError('Not a sealed report file.');
  if (bytes[MAGIC.length] !== VERSION) throw new DamagedFileError('A report file of an unknown version.');
  const idLength = bytes[MAGIC.length + 1] ?? 0;
  const length = headerLength(idLength);
  if (bytes.length < length) return null;
  let at = MAGIC.length + 2;
  const keyId = bytes.subarray(at, (at += idLength)).toString('ascii');
  const wrapNonce = bytes.subarray(at, (at += WRAP_NONCE));
  const wrapped = bytes.subarray(at, (at += DATA_KEY + TAG));
  const prefix = bytes.subarray(at, at + PREFIX);
  return { keyId, length, bytes: bytes.subarray(0, MAGIC.length + 2 + idLength), wrapNonce, wrapped, prefix };
}

/** How many bytes of content a sealed file of `sealedSize` bytes holds, with a header of `length`. */
function plainSize(sealedSize: number, length: number): number {
  const body = sealedSize - length;
  return body - Math.ceil(body / (SEGMENT_BYTES + TAG)) * TAG;
}

/** Seals a stream with the ring's current key. */
export function sealStream(ring: KeyRing): TransformStream<Uint8Array, Uint8Array> {
  const { id, key } = ring.current;
  const dataKey = randomBytes(DATA_KEY);
  const prefix = randomBytes(PREFIX);
  const wrapNonce = randomBytes(WRAP_NONCE);
  const idBytes = Buffer.from(id, 'ascii');
  const aad = Buffer.concat([MAGIC, Buffer.from([VERSION, idBytes.length]), idBytes]);
  const wrap = createCipheriv('aes-256-gcm', key, wrapNonce).setAAD(aad);
  const wrapped = Buffer.concat([wrap.update(dataKey), wrap.final(), wrap.getAuthTag()]);
  let pending = Buffer.alloc(0);
  let index = 0;
  return new TransformStream({
    start(controller) {
      controller.enqueue(Buffer.concat([aad, wrapNonce, wrapped, prefix]));
    },
    transform(chunk, controller) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
      // Keep at least one byte back: only the last segment may be sealed as last.
      while (pending.length > SEGMENT_BYTES) {
        controller.enqueue(sealSegment(dataKey, prefix, index++, false, pending.subarray(0, SEGMENT_BYTES)));
        pending = pending.subarray(SEGMENT_BYTES);
      }
    },
    flush(controller) {
      controller.enqueue(sealSegment(dataKey, prefix, index, true, pending));
    },
  });
}

/** A stored file, read far enough to know what it is. */
export interface StoredContent {
  /** The key it is sealed with, or null for a file stored before encryption. */
  keyId: string | null;
  /**
   * Its content as a stream, each segment checked before it is passed on,
   * and its size in bytes. A missing key or a damaged header fails here,
   * before anything is sent.
   */
  open(): Promise<StoredFile>;
  /** Stops reading it (instead of open). */
  cancel(): Promise<void>;
}

/** Reads a stored file's header from `stream` (its stored size `storedSize`). */
export async function readStored(
  ring: KeyRing,
  stream: ReadableStream<Uint8Array>,
  storedSize: number,
): Promise<StoredContent> {
  const source = byteSource(stream);
  const cancel = () => source.cancel();
  let header: Header;
  try {
    const start = await source.fill(new Uint8Array(MAGIC.length + 2));
    // Stored before encryption: the bytes as they are.
    if (!isSealed(start))
      return { keyId: null, open: async () => ({ stream: source.rest(start), size: storedSize }), cancel };
    if (start.length < MAGIC.length + 2) throw new DamagedFileError('A report file is cut short.');
    const rest = await source.fill(new Uint8Array(headerLength(start[MAGIC.length + 1] ?? 0) - start.length));
    const read = readHeader(Buffer.concat([start, rest]));
    if (!read) throw new DamagedFileError('A report file is cut short.');
    header = read;
  } catch (error) {
    await cancel().catch(() => undefined);
    throw error;
  }
  return { keyId: header.keyId, open: () => openSegments(ring, header, source, storedSize), cancel };
}

async function openSegments(
  ring: KeyRing,
  header: Header,
  source: ByteSource,
  storedSize: number,
): Promise<StoredFile> {
  const known = ring.byId.get(header.keyId);
  if (!known) {
    await source.cancel().catch(() => undefined);
    throw new MissingKeyError(header.keyId);
  }
  const unwrap = createDecipheriv('aes-256-gcm', known.key, header.wrapNonce).setAAD(header.bytes);
  unwrap.setAuthTag(header.wrapped.subarray(DATA_KEY));
  let dataKey: Buffer;
  try {
    dataKey = Buffer.concat([unwrap.update(header.wrapped.subarray(0, DATA_KEY)), unwrap.final()]);
  } catch {
    await source.cancel().catch(() => undefined);
    throw new DamagedFileError('A report file does not match its key: it is damaged or was changed.');
  }
  const { prefix } = header;
  const full = SEGMENT_BYTES + TAG;
  // One segment and the first byte of the next (which says this one is not
  // the last), in one buffer for the whole file: reading it allocates
  // nothing but the opened segments handed on.
  let buffer = new Uint8Array(full + 1);
  let carried = 0;
  let index = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const read = await source.fill(buffer.subarray(carried));
          buffer = new Uint8Array(read.buffer);
          const have = carried + read.byteLength;
          const last = have <= full;
          controller.enqueue(openSegment(dataKey, prefix, index++, last, buffer.subarray(0, Math.min(have, full))));
          if (last) {
            controller.close();
            return;
          }
          buffer[0] = buffer[full] ?? 0;
          carried = 1;
        } catch (error) {
          await source.cancel().catch(() => undefined);
          controller.error(error);
        }
      },
      cancel: (reason) => source.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return { stream, size: plainSize(storedSize, header.length) };
}
