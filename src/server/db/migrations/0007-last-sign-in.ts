import { sql, type Kysely } from 'kysely';
import type { Dialect } from '~/server/db/client';

/**
 * Each parent's last sign-in with their current address, on the parent's own
 * row (issue 15): the staff case page said "signed in" by searching the audit
 * log's JSON with LIKE for an address change. Signing in sets it; a new
 * address clears it (the sign-in was with the old one). Filled here from the
 * audit log as the case page worked it out until now.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('parents').addColumn('last_signed_in_at', 'text').execute();
  await sql`
    update parents set last_signed_in_at = (
      select max(a.at) from audit_log a
      where a.actor_type = 'parent' and a.action = 'auth.sign-in' and a.actor_id = parents.id
        and a.at > coalesce((
          select max(c.at) from audit_log c
          where c.action = 'parent.update' and c.subject_id = parents.id
            and c.detail like '%"emailChanged":true%'
        ), '')
    )
    where invited_at is not null`.execute(db);
}
