import { sql, type Kysely } from 'kysely';
import type { Dialect } from '~/server/db/client';

/** The portal's first schema: cases, people, conferences, reports, requests, audit log and outbox. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const text = 'text' as const;
  await db.schema
    .createTable('cases')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('reference', text, (c) => c.notNull().unique())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('children')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('first_name', text, (c) => c.notNull())
    .addColumn('date_of_birth', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('parents')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('user_id', text)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('email', text, (c) => c.notNull())
    .addColumn('preferred_language', text, (c) => c.notNull().defaultTo('en'))
    .addColumn('shares_household', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invited_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('parents_case_email', ['case_id', 'email'])
    .execute();
  await db.schema.createIndex('parents_user').on('parents').column('user_id').execute();
  await db.schema.createIndex('parents_email').on('parents').column('email').execute();

  await db.schema
    .createTable('conferences')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('type', text, (c) => c.notNull().check(sql`type in ('initial', 'review')`))
    .addColumn('starts_at', text, (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().defaultTo(120))
    .addColumn('venue', text)
    .addColumn('online_link', text)
    .addColumn('chair_name', text, (c) => c.notNull())
    .addColumn('status', text, (c) =>
      c
        .notNull()
        .defaultTo('scheduled')
        .check(sql`status in ('scheduled', 'cancelled', 'held')`),
    )
    .addColumn('outcome', text)
    .addColumn('outcome_category', text)
    .addColumn('initial_conference_date', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conferences_case').on('conferences').column('case_id').execute();

  await db.schema
    .createTable('conference_children')
    .addColumn('conference_id', text, (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('child_id', text, (c) => c.notNull().references('children.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('conference_children_pk', ['conference_id', 'child_id'])
    .execute();

  await db.schema
    .createTable('exclusions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('conference_id', text, (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('parent_id', text, (c) => c.notNull().references('parents.id').onDelete('cascade'))
    .addColumn('scope', text, (c) => c.notNull().check(sql`scope in ('all', 'part')`))
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('part_description', text)
    .addColumn('decided_by', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('case_id', text, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('conference_id', text, (c) => c.notNull().references('conferences.id').onDelete('cascade'))
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('agency', text, (c) => c.notNull())
    .addColumn('file_key', text, (c) => c.notNull())
    .addColumn('file_name', text, (c) => c.notNull())
    .addColumn('content_type', text, (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', text, (c) => c.notNull())
    .addColumn('uploaded_at', text, (c) => c.notNull())
    .addColumn('withdrawn_at', text)
    .addColumn('withdrawn_by', text)
    .execute();

  await db.schema
    .createTable('report_shares')
    .addColumn('report_id', text, (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('parent_id', text, (c) => c.notNull().references('parents.id').onDelete('cascade'))
    .addColumn('shared_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('report_shares_pk', ['report_id', 'parent_id'])
    .execute();

  const requestTable = (name: string) =>
    db.schema
      .createTable(name)
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('conference_id', text, (c) => c.notNull().references('conferences.id').onDelete('cascade'))
      .addColumn('parent_id', text, (c) => c.notNull().references('parents.id').onDelete('cascade'))
      .addColumn('handled_status', text, (c) =>
        c
          .notNull()
          .defaultTo('new')
          .check(sql`handled_status in ('new', 'seen', 'done')`),
      )
      .addColumn('handled_by', text)
      .addColumn('handled_at', text)
      .addColumn('created_at', text, (c) => c.notNull());

  await requestTable('supporter_nominations')
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('relationship', text, (c) => c.notNull())
    .addColumn('is_solicitor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phone', text)
    .addColumn('email', text)
    .addColumn('withdrawn_at', text)
    .execute();

  await requestTable('interpreter_requests')
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('language', text, (c) => c.notNull())
    .addColumn('dialect', text)
    .addColumn('for_whom', text, (c) => c.notNull())
    .addColumn('preferred_gender', text, (c) => c.notNull().defaultTo('any'))
    .addColumn('for_conference', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('for_chair_meeting', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('withdrawn_at', text)
    .execute();

  await requestTable('attendance')
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('mode', text, (c) => c.notNull().check(sql`mode in ('in-person', 'online', 'not-coming')`))
    .addColumn('need_access', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('need_childcare', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('need_travel', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('need_breaks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('needs_detail', text)
    .addColumn('views', text)
    .addUniqueConstraint('attendance_one_per_parent', ['conference_id', 'parent_id'])
    .execute();

  await requestTable('complaints')
    .addColumn('reference', text, (c) => c.notNull().unique())
    .addColumn('about', text, (c) => c.notNull().check(sql`about in ('process', 'decision', 'professional')`))
    .addColumn('details', text, (c) => c.notNull())
    .execute();

  for (const table of ['supporter_nominations', 'interpreter_requests', 'attendance', 'complaints']) {
    await db.schema.createIndex(`${table}_conference`).on(table).columns(['conference_id', 'parent_id']).execute();
  }

  await db.schema
    .createTable('staff')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text)
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('role', text, (c) => c.notNull().check(sql`role in ('admin', 'officer', 'chair', 'readonly')`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('actor_type', text, (c) => c.notNull())
    .addColumn('actor_id', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('case_id', text)
    .addColumn('subject_type', text)
    .addColumn('subject_id', text)
    .addColumn('detail', text)
    .execute();
  await db.schema.createIndex('audit_log_case').on('audit_log').columns(['case_id', 'at']).execute();

  // The audit log is append-only: the database itself refuses changes to it.
  if (dialect === 'postgres') {
    await sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('email_outbox')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('to_address', text, (c) => c.notNull())
    .addColumn('template', text, (c) => c.notNull())
    .addColumn('locale', text, (c) => c.notNull())
    .addColumn('payload', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', text, (c) => c.notNull())
    .addColumn('last_error', text)
    .addColumn('provider_id', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('sent_at', text)
    .execute();
  await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['status', 'next_attempt_at']).execute();
}
