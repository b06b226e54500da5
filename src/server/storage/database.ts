import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { reportFilesRepository } from '~/server/db/repositories/report-files';
import type { Database } from '~/server/db/schema';
import { assertSafeKey, type ByteStore, type StoredFile } from './report-store';

/** Rows of at most this many bytes: small enough to stream, big enough to keep the row count low. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Reports in the database itself (REPORT_STORE=postgres, the default with
 * DATABASE_URL): each file is a row in report_files pointing at its content,
 * cut into 256 KiB rows of report_file_chunks. Every process sharing the
 * database shares the reports, and one pg_dump backs up everything.
 *
 * Streamed both ways: a write inserts each chunk as it arrives (one at a
 * time, no long transaction holding a connection while a slow upload comes
 * in), then points the key at the new content in one short transaction, so
 * a reader sees the old file or the new one, never half. A read fetches one
 * chunk at a time as the reader asks for it.
 */
export function databaseReportStore(db: Kysely<Database>): ByteStore {
  const files = reportFilesRepository(db);
  const dropBlob = (blobId: string) => files.dropBlob(blobId);

  return {
    name: 'PostgreSQL tables report_files and report_file_chunks',

    async put(key, stream) {
      assertSafeKey(key);
      const blobId = randomUUID();
      const at = new Date().toISOString();
      let seq = 0;
      let size = 0;
      let pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const flush = async (all: boolean) => {
        while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
          const joined = Buffer.concat(pending);
          const data = joined.subarray(0, CHUNK_BYTES);
          const rest = joined.subarray(data.length);
          pending = rest.length ? [rest] : [];
          pendingBytes = rest.length;
          await files.insertChunk(blobId, seq++, new Uint8Array(data), at);
        }
      };
      try {
        for await (const chunk of stream) {
          pending.push(chunk);
          pendingBytes += chunk.byteLength;
          size += chunk.byteLength;
          await flush(false);
        }
        await flush(true);
        const replaced = await db.transaction().execute(async (trx) => {
          const before = await reportFilesRepository(trx).file(key);
          await reportFilesRepository(trx).point(key, { blobId, size, chunks: seq, at: new Date().toISOString() });
          return before?.blob_id ?? null;
        });
        if (replaced) await dropBlob(replaced);
      } catch (error) {
        await dropBlob(blobId).catch(() => undefined);
        throw error;
      }
      return size;
    },

    async get(key): Promise<StoredFile | null> {
      assertSafeKey(key);
      const file = await files.file(key);
      if (!file) return null;
      let seq = 0;
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            if (seq >= file.chunks) return controller.close();
            const data = await files.chunk(file.blob_id, seq);
            if (!data) return controller.error(new Error(`Report ${key}: its content changed while it was read`));
            seq += 1;
            // As the driver gave it (no copy: a reader copies what it needs).
            controller.enqueue(data);
          },
        },
        { highWaterMark: 0 },
      );
      return { stream, size: Number(file.size_bytes) };
    },

    async delete(key) {
      assertSafeKey(key);
      const file = await files.file(key);
      if (!file) return;
      await files.deleteFile(key);
      await dropBlob(file.blob_id);
    },

    async *keys() {
      let after = '';
      for (;;) {
        const keys = await files.keysAfter(after, 500);
        yield* keys;
        const last = keys.at(-1);
        if (last === undefined || keys.length < 500) return;
        after = last;
      }
    },
  };
}

/**
 * Removes content a write left behind when its process stopped mid-upload:
 * chunks no file points at, older than `olderThanMs` (a write in progress
 * is younger than that). Run now and then by the server.
 */
export async function sweepOrphanChunks(db: Kysely<Database>, olderThanMs = 24 * 3_600_000): Promise<number> {
  return reportFilesRepository(db).sweepOrphanChunks(new Date(Date.now() - olderThanMs).toISOString());
}
