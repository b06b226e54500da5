import type { Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';

/**
 * The database report store's tables: report_files (a key pointing at its
 * content) and report_file_chunks (the content, in numbered rows). One
 * statement each; the store holds the transaction that points a key at new
 * content (give it `trx`).
 */
export function reportFilesRepository(db: Kysely<Database>) {
  return {
    /** Adds one chunk of a content. */
    async insertChunk(blobId: string, seq: number, data: Uint8Array, at: string): Promise<void> {
      await db.insertInto('report_file_chunks').values({ blob_id: blobId, seq, data, created_at: at }).execute();
    },

    /** One chunk's bytes, or undefined when the content is gone. */
    async chunk(blobId: string, seq: number): Promise<Uint8Array | undefined> {
      const row = await db
        .selectFrom('report_file_chunks')
        .select('data')
        .where('blob_id', '=', blobId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      return row?.data;
    },

    /** Removes a content's chunks. */
    async dropBlob(blobId: string): Promise<void> {
      await db.deleteFrom('report_file_chunks').where('blob_id', '=', blobId).execute();
    },

    /** The file at this key: its content, size and number of chunks (undefined when there is none). */
    async file(key: string): Promise<{ blob_id: string; size_bytes: string | number; chunks: number } | undefined> {
      return db
        .selectFrom('report_files')
        .select(['blob_id', 'size_bytes', 'chunks'])
        .where('key', '=', key)
        .executeTakeFirst();
    },

    /** Points the key at this content (adding the file, or replacing what it pointed at). */
    async point(key: string, file: { blobId: string; size: number; chunks: number; at: string }): Promise<void> {
      const values = { blob_id: file.blobId, size_bytes: file.size, chunks: file.chunks, updated_at: file.at };
      await db
        .insertInto('report_files')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    },

    /** Removes the file at this key (not its content). */
    async deleteFile(key: string): Promise<void> {
      await db.deleteFrom('report_files').where('key', '=', key).execute();
    },

    /** Up to `limit` keys after `after`, in order. */
    async keysAfter(after: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('report_files')
        .select('key')
        .where('key', '>', after)
        .orderBy('key')
        .limit(limit)
        .execute();
      return rows.map((r) => r.key);
    },

    /** Removes chunks older than `before` that no file points at (a write that stopped midway); how many. */
    async sweepOrphanChunks(before: string): Promise<number> {
      const result = await db
        .deleteFrom('report_file_chunks')
        .where('created_at', '<', before)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('report_files')
                .select('report_files.key')
                .whereRef('report_files.blob_id', '=', 'report_file_chunks.blob_id'),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
export type ReportFilesRepository = ReturnType<typeof reportFilesRepository>;
