import { readStored, sealStream, type KeyRing } from './encryption';
import { byteCounter, type ByteStore, type ReportStore, type StoredFile } from './report-store';

/** What a key rotation did. */
export interface RotationResult {
  /** Files sealed again with the current key (including any stored before encryption). */
  resealed: number;
  /** Files already under the current key. */
  current: number;
  /** Keys whose file could not be read (each is named in `problems`). */
  failed: number;
  problems: string[];
}

/** A report store whose files are encrypted at rest, and can be sealed again under a new key. */
export interface SealedReportStore extends ReportStore {
  /** The store underneath, holding sealed bytes. */
  readonly inner: ByteStore;
  /** Seals every file not under the current key with it (see RotationResult). */
  rotate(onFile?: (key: string, outcome: 'resealed' | 'current' | 'failed') => void): Promise<RotationResult>;
}

/**
 * Wraps a byte store so that every file is encrypted at rest
 * (storage/encryption.ts: AES-256-GCM, the key id in each file's header).
 * Files stored before encryption was switched on are still read as they are,
 * until a rotation seals them.
 */
export function sealedReportStore(inner: ByteStore, keyRing: () => Promise<KeyRing>): SealedReportStore {
  async function open(key: string, ring: KeyRing): Promise<StoredFile | null> {
    const file = await inner.get(key);
    if (!file) return null;
    return (await readStored(ring, file.stream, file.size)).open();
  }

  return {
    inner,

    async put(key, stream) {
      const ring = await keyRing();
      const counter = byteCounter();
      await inner.put(key, stream.pipeThrough(counter.stream).pipeThrough(sealStream(ring)));
      return counter.bytes();
    },

    async get(key) {
      return open(key, await keyRing());
    },

    delete: (key) => inner.delete(key),

    async rotate(onFile) {
      const ring = await keyRing();
      const result: RotationResult = { resealed: 0, current: 0, failed: 0, problems: [] };
      for await (const key of inner.keys()) {
        let outcome: 'resealed' | 'current' | 'failed';
        try {
          const file = await inner.get(key);
          if (!file) continue;
          const stored = await readStored(ring, file.stream, file.size);
          if (stored.keyId === ring.current.id) {
            await stored.cancel();
            outcome = 'current';
          } else {
            const { stream: plain } = await stored.open();
            await inner.put(key, plain.pipeThrough(sealStream(ring)));
            outcome = 'resealed';
          }
        } catch (error) {
          outcome = 'failed';
          result.problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
        }
        result[outcome] += 1;
        onFile?.(key, outcome);
      }
      return result;
    },
  };
}
