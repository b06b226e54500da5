import { sql, type Kysely } from 'kysely';
import type { Dialect } from '~/server/db/client';

/**
 * What several processes sharing one database need:
 * - report files in the database (REPORT_STORE=postgres): one row per file,
 *   its content in 256 KiB chunks;
 * - an outbox row leased to one worker at a time, with a heartbeat, and
 *   emails given up (or no longer worth sending) kept apart;
 * - the email provider's recent health, shared by every process (the sign-in
 *   page warns that codes may be late after a few failures in a row);
 * - one row per form submission key, so a form sent twice is saved once;
 * - the database itself refusing a second current supporter or interpreter
 *   request, or a second exclusion, for one parent and conference.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const text = 'text' as const;

  await db.schema
    .createTable('report_files')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('blob_id', text, (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('chunks', 'integer', (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('report_file_chunks')
    .addColumn('blob_id', text, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('report_file_chunks_pk', ['blob_id', 'seq'])
    .execute();

  // The outbox: who holds a row being sent, until when (moved on by a heartbeat).
  await db.schema.alterTable('email_outbox').addColumn('lease_owner', text).execute();
  await db.schema.alterTable('email_outbox').addColumn('lease_until', text).execute();
  await db.schema.alterTable('email_outbox').addColumn('given_up_at', text).execute();
  // Rows sending under the old five-minute lease: their lease is the old next_attempt_at.
  await sql`update email_outbox set lease_until = next_attempt_at where status = 'sending'`.execute(db);
  await db.schema
    .createIndex('email_outbox_recipient')
    .on('email_outbox')
    .columns(['to_address', 'template', 'created_at'])
    .execute();
  await db.schema.createIndex('email_outbox_given_up').on('email_outbox').columns(['status', 'given_up_at']).execute();

  await db.schema
    .createTable('mail_provider_health')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('failures_in_a_row', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failure_at', text)
    .addColumn('last_success_at', text)
    .execute();
  await sql`insert into mail_provider_health (id, failures_in_a_row) values (1, 0)`.execute(db);

  await db.schema
    .createTable('form_submissions')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('form', text, (c) => c.notNull())
    .addColumn('actor_id', text, (c) => c.notNull())
    .addColumn('result', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('form_submissions_created').on('form_submissions').column('created_at').execute();

  // Duplicates made before these indexes (two at once on PostgreSQL): the newest stays current.
  for (const table of ['supporter_nominations', 'interpreter_requests']) {
    await sql`update ${sql.table(table)} set withdrawn_at = updated_at
      where withdrawn_at is null and exists (
        select 1 from ${sql.table(table)} newer
        where newer.conference_id = ${sql.ref(`${table}.conference_id`)}
          and newer.parent_id = ${sql.ref(`${table}.parent_id`)}
          and newer.withdrawn_at is null
          and (newer.created_at > ${sql.ref(`${table}.created_at`)}
            or (newer.created_at = ${sql.ref(`${table}.created_at`)} and newer.id > ${sql.ref(`${table}.id`)})))`.execute(
      db,
    );
    await sql`create unique index ${sql.id(`${table}_one_current`)} on ${sql.table(table)} (conference_id, parent_id)
      where withdrawn_at is null`.execute(db);
  }
  await sql`delete from exclusions where exists (
      select 1 from exclusions newer
      where newer.conference_id = exclusions.conference_id and newer.parent_id = exclusions.parent_id
        and (newer.created_at > exclusions.created_at
          or (newer.created_at = exclusions.created_at and newer.id > exclusions.id)))`.execute(db);
  await db.schema
    .createIndex('exclusions_one_per_parent')
    .on('exclusions')
    .columns(['conference_id', 'parent_id'])
    .unique()
    .execute();
}
