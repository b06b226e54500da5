import { sql, type Kysely } from 'kysely';
import type { Dialect } from '~/server/db/client';

/**
 * What a council's real size (100,000 cases, millions of audit rows) needs:
 * an index for every query a page runs, so no page reads a whole table.
 *
 * - Normalised columns kept by the database itself (generated from the
 *   column they normalise, so no code path can forget them): addresses
 *   trimmed and in lower case, for the sign-in look-up; case references and
 *   parents' names in lower case, for the staff search by prefix. On
 *   PostgreSQL they are stored and compare byte by byte (collation "C"), so a
 *   prefix search is a range of the index; SQLite cannot add a stored column
 *   to a table that exists, so there they are virtual and their value is
 *   stored in the index.
 * - Indexes for the lists staff page through (newest first, keyset), and for
 *   the look-ups behind the case page, the parent's dashboard and the sign-in
 *   status of each parent.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // Indexing millions of audit rows takes longer than the statement timeout pages run under (this transaction only).
  if (dialect === 'postgres') await sql`set local statement_timeout = 0`.execute(db);
  const generated = (table: string, column: string, expression: string) =>
    dialect === 'postgres'
      ? sql`alter table ${sql.table(table)} add column ${sql.id(column)} text collate "C"
          generated always as (${sql.raw(expression)}) stored`
      : sql`alter table ${sql.table(table)} add column ${sql.id(column)} text
          generated always as (${sql.raw(expression)}) virtual`;
  await generated('parents', 'email_normalised', 'lower(trim(email))').execute(db);
  await generated('parents', 'name_normalised', 'lower(trim(name))').execute(db);
  await generated('staff', 'email_normalised', 'lower(trim(email))').execute(db);
  await generated('cases', 'reference_normalised', 'lower(trim(reference))').execute(db);

  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();

  // Sign-in: a code request finds the invited parent or the member of staff by address.
  await index('parents_email_normalised', 'parents', ['email_normalised', 'invited_at']);
  await index('staff_email_normalised', 'staff', ['email_normalised']);
  // Staff home: newest change first, and the search by reference or parent's name.
  await index('cases_updated', 'cases', ['updated_at', 'id']);
  await index('cases_reference_normalised', 'cases', ['reference_normalised', 'id']);
  await index('parents_name_normalised', 'parents', ['name_normalised', 'case_id']);
  // The case page and the counts on staff home.
  await index('children_case', 'children', ['case_id']);
  await index('conference_children_child', 'conference_children', ['child_id']);
  // Reports of a conference (staff) and shared with a parent (dashboard, conference page).
  await index('reports_conference', 'reports', ['conference_id']);
  await index('report_shares_parent', 'report_shares', ['parent_id']);
  // The audit log, newest first; and each parent's last sign-in (the case page).
  await index('audit_log_at', 'audit_log', ['at', 'id']);
  await index('audit_log_actor', 'audit_log', ['actor_id', 'action', 'at']);
  // The inbox: each kind of request by status, most recent first.
  for (const table of ['supporter_nominations', 'interpreter_requests', 'attendance'])
    await index(`${table}_status`, table, ['handled_status', 'updated_at', 'id']);
  await index('complaints_status', 'complaints', ['handled_status', 'created_at', 'id']);
}
