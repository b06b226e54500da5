import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { READ_BYTES } from './byte-source';
import { assertSafeKey, isSafeKey, type ByteStore, type StoredFile } from './report-store';

/** Makes a rename or a new file in `dir` survive a power cut (where the platform allows it). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems cannot sync a directory; the file itself is synced already.
    if (!['EINVAL', 'EISDIR', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

/**
 * A file's bytes as a byte stream: a reader that brings its own buffer
 * (storage/byte-source.ts) has it filled straight from the file, with
 * nothing allocated per chunk. The file is opened at the first read (a
 * stream never read holds nothing open) and closed at its end, on an error
 * or on cancel.
 */
function fileStream(path: string): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  let position = 0;
  const close = async () => {
    const opened = handle;
    handle = undefined;
    await opened?.close();
  };
  return new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: READ_BYTES,
    async pull(controller) {
      // autoAllocateChunkSize: there is always a request to fill.
      const request = controller.byobRequest!;
      const view = request.view!;
      try {
        handle ??= await open(path, 'r');
        const target = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
        const { bytesRead } = await handle.read(target, 0, target.byteLength, position);
        position += bytesRead;
        if (bytesRead === 0) {
          await close();
          controller.close();
          request.respond(0);
        } else {
          request.respond(bytesRead);
        }
      } catch (error) {
        await close().catch(() => undefined);
        controller.error(error);
      }
    },
    cancel: () => close(),
  });
}

/**
 * Reports on local disk under `root` (REPORTS_DIR): the embedded default.
 * Each file is written to a temporary file, flushed to disk (fsync), then
 * renamed into place and the folder flushed too: a reader never sees half a
 * report, and a report acknowledged to the uploader survives a power cut.
 */
export function localReportStore(root: string): ByteStore {
  const base = resolve(root);

  /** The file for a key; refuses anything that would land outside `base`. */
  const pathOf = (key: string): string => {
    assertSafeKey(key);
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`Report store key escapes its folder: ${key}`);
    return path;
  };

  return {
    name: `local folder ${root}`,

    async put(key, stream) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${randomUUID()}.part`;
      let written = 0;
      const handle = await open(temporary, 'wx');
      try {
        for await (const chunk of stream) {
          let at = 0;
          while (at < chunk.byteLength) at += (await handle.write(chunk, at)).bytesWritten;
          written += chunk.byteLength;
        }
        await handle.sync();
        await handle.close();
        await rename(temporary, path);
        await syncDirectory(dirname(path));
      } catch (error) {
        await handle.close().catch(() => undefined);
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
      return { stream: fileStream(path), size };
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    async *keys() {
      let entries;
      try {
        entries = await readdir(base, { recursive: true, withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const key = relative(base, resolve(entry.parentPath, entry.name)).split(sep).join('/');
        // Temporary files of a write in progress (or of a crash) are not reports.
        if (isSafeKey(key) && !key.endsWith('.part')) yield key;
      }
    },
  };
}
