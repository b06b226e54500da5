import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { assertSafeKey, type ReportStore, type StoredFile } from './report-store';

/**
 * Reports on local disk under `root` (REPORTS_DIR): the embedded default.
 * Writes go to a temporary file first and are renamed into place, so a
 * reader never sees half a report.
 */
export function localReportStore(root: string): ReportStore {
  const base = resolve(root);

  /** The file for a key; refuses anything that would land outside `base`. */
  const pathOf = (key: string): string => {
    assertSafeKey(key);
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`Report store key escapes its folder: ${key}`);
    return path;
  };

  return {
    async put(key, stream) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomUUID()}.part`;
      let written = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          written += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(
          Readable.fromWeb(stream as NodeWebReadableStream<Uint8Array>),
          count,
          createWriteStream(temporary, { flags: 'wx' }),
        );
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return written;
    },

    async get(key): Promise<StoredFile | null> {
      const path = pathOf(key);
      let size: number;
      try {
        const info = await stat(path);
        if (!info.isFile()) return null;
        size = info.size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const stream = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
      return { stream, size };
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
