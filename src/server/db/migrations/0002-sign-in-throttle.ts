import type { Kysely } from 'kysely';
import type { Dialect } from '~/server/db/client';

/**
 * Counts of recent sign-in requests, per email address (hashed) and per
 * network address, so the limits hold across processes and whether or not
 * the address belongs to anyone.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_throttle_bucket').on('sign_in_throttle').columns(['bucket', 'at']).execute();
}
