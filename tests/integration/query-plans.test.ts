import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { parentAccounts } from '~/server/auth/parents';
import { migrate, openDb, type Db } from '~/server/db/client';
import { interpreterForm } from '~/server/forms/interpreter';
import type { StaffActor } from '~/server/services/staff-reports';
import { supporterForm } from '~/server/forms/supporter';
import { TEST_POSTGRES_URL } from '../support/db';
import { makeFamily, openParentArea, shareReport, type ParentAreaWorld } from '../support/parent-area';

// Every query the busy pages run must find its rows through an index: at a
// council's real size (100,000 cases, millions of audit rows) one full scan
// of a growing table blocks the server for seconds. The test runs each page's
// services, lists the query plans of what they sent to the database, and
// fails on a full scan of any table but the few that stay small.

/** Tables that stay small whatever the council's size: a scan of them is fine. */
const SMALL_TABLES = new Set(['staff', 'mail_provider_health', 'portal_migrations']);

const OFFICER: StaffActor = { type: 'staff', id: 'staff-officer', role: 'officer' };

interface Logged {
  sql: string;
  parameters: readonly unknown[];
}

/** A fresh database whose queries are written down, as DATABASES opens them. */
async function openLogged(kind: 'sqlite' | 'postgres', logged: Logged[]): Promise<Db> {
  const log = (event: { query: { sql: string; parameters: readonly unknown[] } }) => {
    logged.push({ sql: event.query.sql, parameters: event.query.parameters });
  };
  if (kind === 'sqlite') {
    const db = openDb({ sqlitePath: ':memory:', log });
    await migrate(db);
    return db;
  }
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = openDb({ url: url.toString(), log });
  await migrate(db);
  return {
    ...db,
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

/** The full scans of growing tables in one query's plan ("SCAN parents"; "Seq Scan on parents"). */
async function fullScans(db: Db, query: Logged): Promise<string[]> {
  const scans: string[] = [];
  if (db.dialect === 'sqlite') {
    const plan = await db.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    // "SCAN cases USING INDEX …" walks an index from one end, in order: fine only when a LIMIT
    // stops it after a page, with no sort of everything it read first.
    const paged = /\blimit\b/i.test(query.sql) && !plan.rows.some((r) => /TEMP B-TREE FOR ORDER BY/.test(r.detail));
    for (const { detail } of plan.rows) {
      const [, table, how] = /^SCAN (\w+)(.*)$/.exec(detail) ?? [];
      if (table && !SMALL_TABLES.has(table) && (!how || !paged)) scans.push(`${table}: ${detail}`);
    }
    return scans;
  }
  return db.db.connection().execute(async (connection) => {
    // With sequential scans priced out, the planner scans a table only when no index can serve the query.
    await sql`set enable_seqscan = off`.execute(connection);
    try {
      const plan = await connection.executeQuery<{ 'QUERY PLAN': unknown }>(
        CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
      );
      const nodes: Record<string, unknown>[] = [];
      const walk = (node: Record<string, unknown>) => {
        nodes.push(node);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      const [top] = plan.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[];
      walk(top!.Plan);
      // An index walked from one end, in order, is fine only when a LIMIT stops it after a page,
      // with nothing sorted and no rows read and thrown away on the way.
      const paged =
        nodes.some((n) => n['Node Type'] === 'Limit') && !nodes.some((n) => /Sort/.test(String(n['Node Type'])));
      for (const node of nodes) {
        const table = node['Relation Name'];
        const type = String(node['Node Type']);
        if (typeof table === 'string' && SMALL_TABLES.has(table)) continue;
        if (type === 'Seq Scan') scans.push(`${String(table)}: Seq Scan`);
        if (/Index/.test(type) && typeof node['Index Name'] === 'string') {
          // An index serves the query only through its first column; a condition on a later one
          // (or none) makes the planner read the whole index.
          const first = await sql<{ column: string; table: string }>`select a.attname as column, t.relname as table
            from pg_index i
            join pg_class c on c.oid = i.indexrelid
            join pg_class t on t.oid = i.indrelid
            join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
            where c.relname = ${node['Index Name']} and c.relnamespace = current_schema()::regnamespace`.execute(
            connection,
          );
          const column = first.rows[0]?.column;
          const indexed = first.rows[0]?.table ?? String(table);
          if (SMALL_TABLES.has(indexed)) continue;
          // "user_id IS NOT NULL" picks most of the table: no condition at all.
          const indexCond: unknown = node['Index Cond'];
          const condition = (typeof indexCond === 'string' ? indexCond : '').replace(/\w+ IS NOT NULL/g, '');
          const served = column !== undefined && new RegExp(`\\b${column}\\b`).test(condition);
          if (!served && (!paged || node.Filter))
            scans.push(`${indexed}: ${type} on ${String(node['Index Name'])}, whole index`);
        }
      }
      return scans;
    } finally {
      await sql`set enable_seqscan = on`.execute(connection);
    }
  });
}

describe.each(['sqlite', 'postgres'] as const)('the page queries on %s', (kind) => {
  let world: ParentAreaWorld;
  let logged: Logged[];
  afterEach(() => world.close());

  /** A family with a report shared, requests sent and handled, and a member of staff. */
  async function setUp() {
    logged = [];
    world = await openParentArea(await openLogged(kind, logged), {
      now: '2026-11-02T09:00:00Z',
      authority: 'kingston',
    });
    const { services } = world;
    const family = await makeFamily(services, '2026-11-12T10:00:00Z', { reference: 'KIN-2026-042' });
    await shareReport(services, family, ['one'], '2026-11-05T09:00:00Z');
    // Requests of two kinds, so the inbox pages through more than one table.
    const supporter = supporterForm.parse({
      name: 'Jo Friend',
      relationship: 'Friend',
      isSolicitor: 'no',
      phone: '',
      email: 'friend@example.test',
    });
    expect((await services.supporter.save(family.one, family.conferenceId, supporter)).ok).toBe(true);
    const interpreter = interpreterForm.parse({
      language: 'Polish',
      dialect: '',
      forWhom: 'me',
      preferredGender: 'any',
      when: ['conference'],
    });
    expect((await services.interpreter.save(family.two, family.conferenceId, interpreter)).ok).toBe(true);
    await services.db.db
      .insertInto('staff')
      .values({
        id: OFFICER.id,
        user_id: null,
        name: 'Olu Officer',
        email: 'officer@example.test',
        role: 'officer',
        active: 1,
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
      })
      .execute();
    await services.db.db
      .updateTable('parents')
      .set({ invited_at: '2026-11-01T00:00:00.000Z', user_id: 'user-one' })
      .where('id', '=', family.parentIds[0])
      .execute();
    return family;
  }

  /** Runs what each busy page asks of the database; returns those queries, once each. */
  async function pageQueries(family: Awaited<ReturnType<typeof setUp>>): Promise<Logged[]> {
    const s = world.services;
    logged.length = 0;
    // Sign-in: the code request looks the address up.
    await parentAccounts(s.db.db).findRecipient('One@Example.test');
    // Staff home, searched and not.
    const cases = await s.staffCases.list({ size: 1 });
    await s.staffCases.list({ after: cases.next });
    await s.staffCases.list({ search: 'kin-2026' });
    await s.staffCases.list({ search: 'sam', before: cases.next });
    // A case, and a conference, as staff see them.
    await s.staffCases.get(family.caseId);
    await s.staffConferences.details(family.conferenceId);
    await s.staffReports.forConference(family.conferenceId);
    // The inbox, each status and all; the audit log, pages 1 and 2.
    for (const status of [undefined, 'new', 'seen', 'done'] as const) {
      const first = await s.staffInbox.page({ status, size: 1 });
      await s.staffInbox.page({ status, after: first.next ?? first.previous });
    }
    const audit = await s.staffAudit.list({});
    await s.staffAudit.list({ after: audit.next });
    await s.staffAudit.list({ before: audit.next });
    await s.staffAudit.list({ caseReference: 'KIN-2026-042' });
    // The parent's dashboard and conference page.
    await s.parentConferences.list(family.one);
    await s.parentReports.countsByConference(family.one);
    await s.parentConferences.get(family.one, family.conferenceId);
    await s.parentReports.list(family.one, family.conferenceId);
    await s.supporter.get(family.one, family.conferenceId);
    await s.interpreter.get(family.one, family.conferenceId);
    await s.attendance.get(family.one, family.conferenceId);
    await s.complaints.get(family.one, family.conferenceId);
    const seen = new Set<string>();
    return logged.filter((q) => /^\s*select/i.test(q.sql) && !seen.has(q.sql) && seen.add(q.sql));
  }

  async function scansOf(queries: Logged[]) {
    const found: { sql: string; scans: string[] }[] = [];
    for (const query of queries) {
      const scans = await fullScans(world.services.db, query);
      if (scans.length) found.push({ sql: query.sql, scans });
    }
    return found;
  }

  it('reads no growing table in full', async () => {
    const family = await setUp();
    const queries = await pageQueries(family);
    expect(queries.length).toBeGreaterThan(20);
    expect(await scansOf(queries)).toEqual([]);
  });

  it('notices a full scan when one of the indexes is dropped', async () => {
    const family = await setUp();
    await sql`drop index report_shares_parent`.execute(world.services.db.db);
    const found = await scansOf(await pageQueries(family));
    expect(found.flatMap((f) => f.scans).some((s) => s.startsWith('report_shares:'))).toBe(true);
  });
});
