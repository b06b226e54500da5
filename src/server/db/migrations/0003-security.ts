import type { Kysely } from 'kysely';
import type { Dialect } from '~/server/db/client';

/**
 * Authenticator-app codes already used, one row per account and 30-second
 * time step, so a code works once (ASVS 2.8.4): the primary key makes two
 * sign-ins racing with the same code end with one winner, in every process.
 * Rows older than a few minutes are pruned.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('totp_used')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('totp_used_pk', ['user_id', 'step'])
    .execute();
  await db.schema.createIndex('totp_used_at').on('totp_used').column('used_at').execute();
}
