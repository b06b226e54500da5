// npm run bench (see bench.mjs): fills the database named by the settings
// with `cases` families in bulk, through the app's own migrations, report
// store and better-auth, and signs people in without email: a staff admin
// (with their authenticator app marked as set up) and a sample of parents,
// each given a better-auth session and its signed cookie, as a browser would
// hold after signing in. Run through Vite (scripts/server-module.mjs) with the
// server stopped, so the schema, store and sessions are exactly the app's.
import { createHmac, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '~/server/db/schema';
import { addSharedReport, minimalPdf } from '~/server/demo/parent-area';
import { getServices } from '~/server/services';

export interface BenchData {
  staffCookie: string;
  parents: { cookie: string; conferenceId: string }[];
  download: { path: string; cookie: string; bytes: number };
  counts: Record<string, number>;
  ms: number;
}

const FIRST = ['Sam', 'Alex', 'Jo', 'Chris', 'Ali', 'Maria', 'Piotr', 'Ana', 'Priya', 'Kwame', 'Rosa', 'Tom'];
const LAST = ['Taylor', 'Morgan', 'Nowak', 'Khan', 'Silva', 'Popescu', 'Begum', 'Singh', 'Jones', 'Ahmed'];
const CHILDREN = ['Jamie', 'Riley', 'Ellis', 'Noor', 'Leo', 'Maya', 'Ivy', 'Zain'];
const LANGS = ['en', 'en', 'en', 'en', 'pl', 'ro', 'pa', 'ur', 'pt', 'es', 'ar', 'bn'];
const AGENCIES = ['Social care', 'Health visitor', 'School', 'Police', 'GP'];
const ACTIONS = ['auth.sign-in', 'conference.view', 'report.view', 'report.download', 'auth.code-sent'];
const DAY = 86_400_000;

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
/** The cookie value better-call signs: token.HMAC-SHA256(secret, token) in base64, URI-encoded. */
const signed = (token: string, secret: string) =>
  encodeURIComponent(`${token}.${createHmac('sha256', secret).update(token).digest('base64')}`);

/** Inserts rows in multi-row statements of at most `perStatement` rows. */
async function bulk(db: Kysely<Database>, table: keyof Database, rows: object[], columns: number) {
  // SQLite allows 32,766 bound values per statement, PostgreSQL 65,535.
  const perStatement = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += perStatement) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + perStatement))
      .execute();
  }
}

export async function generate(options: {
  cases: number;
  downloadMb: number;
  signedInParents: number;
  secret: string;
}): Promise<BenchData> {
  const started = performance.now();
  const services = await getServices();
  const { db, dialect } = services.db;
  const yes = dialect === 'postgres' ? true : 1;
  const ctx = await services.auth.betterAuth.$context;

  // The staff member: a better-auth account, the app set up (as after the first sign-in), a session.
  await services.auth.staff.create(
    { name: 'Bench Admin', email: 'bench.admin@example.test', role: 'admin' },
    { type: 'system', id: 'bench' },
  );
  const staff = await db.selectFrom('staff').select(['id', 'user_id']).executeTakeFirstOrThrow();
  await sql`update "user" set "twoFactorEnabled" = ${yes} where id = ${staff.user_id}`.execute(db);
  const cookieFor = async (userId: string) =>
    `better-auth.session_token=${signed((await ctx.internalAdapter.createSession(userId)).token, options.secret)}`;
  const staffCookie = await cookieFor(staff.user_id!);

  // One better-auth user as the template for the parents' (same columns, same value types).
  const template = await ctx.internalAdapter.createUser(
    { email: 'bench.template@example.test', name: '', emailVerified: true },
    { method: 'invite' },
  );
  const templateRow = (await sql<Record<string, unknown>>`select * from "user" where id = ${template.id}`.execute(db))
    .rows[0]!;

  // A small stored file that the bulk reports point at (never downloaded by the bench).
  const small = minimalPdf(['Bench report']);
  const smallKey = `bench/${randomUUID()}`;
  await services.reportStore.put(
    smallKey,
    new ReadableStream({
      start(c) {
        c.enqueue(small);
        c.close();
      },
    }),
  );

  const now = Date.now();
  const iso = (t: number) => new Date(t).toISOString();
  const counts: Record<string, number> = {};
  const sample: { userId: string; conferenceId: string }[] = [];
  const every = Math.max(1, Math.floor(options.cases / options.signedInParents));
  const BATCH = 500;
  for (let from = 0; from < options.cases; from += BATCH) {
    const t: Record<string, object[]> = {
      user: [],
      cases: [],
      parents: [],
      children: [],
      conferences: [],
      conference_children: [],
      reports: [],
      report_shares: [],
      attendance: [],
      supporter_nominations: [],
      audit_log: [],
    };
    for (let i = from; i < Math.min(options.cases, from + BATCH); i++) {
      const caseId = randomUUID();
      const created = now - 400 * DAY + (i % 300) * DAY;
      t.cases!.push({
        id: caseId,
        reference: `BENCH-${String(i).padStart(6, '0')}`,
        created_at: iso(created),
        updated_at: iso(created),
      });
      const parentIds = [randomUUID(), randomUUID()];
      const userIds = [randomUUID(), randomUUID()];
      parentIds.forEach((id, j) => {
        const email = `parent.${i}.${j}@bench.test`;
        t.user!.push({ ...templateRow, id: userIds[j], email });
        t.parents!.push({
          id,
          case_id: caseId,
          user_id: userIds[j],
          name: `${pick(FIRST, i + j * 5)} ${pick(LAST, i * 3 + j)}`,
          email,
          preferred_language: pick(LANGS, i + j),
          shares_household: 0,
          invited_at: iso(created + DAY),
          created_at: iso(created),
          updated_at: iso(created),
        });
      });
      const childIds = [randomUUID(), randomUUID()];
      childIds.forEach((id, j) =>
        t.children!.push({
          id,
          case_id: caseId,
          first_name: pick(CHILDREN, i + j),
          date_of_birth: `20${10 + ((i + j) % 14)}-0${1 + (j % 9)}-1${j}`,
        }),
      );
      const initialAt = created + 20 * DAY;
      const conferenceIds = [randomUUID(), randomUUID()];
      conferenceIds.forEach((id, j) => {
        const startsAt = j === 0 ? initialAt : now + (3 + (i % 60)) * DAY;
        t.conferences!.push({
          id,
          case_id: caseId,
          type: j === 0 ? 'initial' : 'review',
          starts_at: iso(startsAt),
          duration_minutes: 120,
          venue: 'Guildhall, High Street (Meeting room 3)',
          online_link: null,
          chair_name: 'Priya Shah',
          status: j === 0 ? 'held' : 'scheduled',
          outcome: j === 0 ? 'cp-plan' : null,
          outcome_category: j === 0 ? 'neglect' : null,
          initial_conference_date: j === 0 ? null : iso(initialAt).slice(0, 10),
          created_at: iso(created),
          updated_at: iso(created),
        });
        for (const child of childIds) t.conference_children!.push({ conference_id: id, child_id: child });
        for (let r = 0; r < 5; r++) {
          const reportId = randomUUID();
          const at = iso(Math.min(startsAt, now) - (r + 2) * DAY);
          t.reports!.push({
            id: reportId,
            case_id: caseId,
            conference_id: id,
            title: `${pick(AGENCIES, r)} report`,
            agency: pick(AGENCIES, r),
            file_key: smallKey,
            file_name: `report-${r}.pdf`,
            content_type: 'application/pdf',
            size_bytes: small.byteLength,
            uploaded_by: staff.id,
            uploaded_at: at,
            withdrawn_at: null,
            withdrawn_by: null,
          });
          for (const parentId of parentIds)
            t.report_shares!.push({ report_id: reportId, parent_id: parentId, shared_at: at });
          t.audit_log!.push({
            at,
            actor_type: 'staff',
            actor_id: staff.id,
            action: 'report.share',
            case_id: caseId,
            subject_type: 'report',
            subject_id: reportId,
            detail: '{"parents":2}',
          });
        }
      });
      const upcoming = conferenceIds[1]!;
      t.attendance!.push({
        id: randomUUID(),
        conference_id: upcoming,
        parent_id: parentIds[0],
        mode: pick(['in-person', 'online', 'not-coming'], i),
        need_access: 0,
        need_childcare: i % 2,
        need_travel: 0,
        need_breaks: 0,
        needs_detail: null,
        views: null,
        handled_status: pick(['new', 'seen', 'done'], i),
        created_at: iso(now - (i % 20) * DAY),
        updated_at: iso(now - (i % 20) * DAY),
      });
      t.supporter_nominations!.push({
        id: randomUUID(),
        conference_id: upcoming,
        parent_id: parentIds[1],
        name: 'A friend',
        relationship: 'Friend',
        is_solicitor: 0,
        phone: null,
        email: null,
        withdrawn_at: null,
        handled_status: pick(['new', 'seen', 'done'], i + 1),
        created_at: iso(now - (i % 15) * DAY),
        updated_at: iso(now - (i % 15) * DAY),
      });
      // What staff and parents did: ~28 audit rows a case with the report shares above.
      t.audit_log!.push({
        at: iso(created),
        actor_type: 'staff',
        actor_id: staff.id,
        action: 'case.create',
        case_id: caseId,
        subject_type: 'case',
        subject_id: caseId,
        detail: null,
      });
      for (let a = 0; a < 8; a++) {
        const j = a % 2;
        t.audit_log!.push({
          at: iso(created + (a + 1) * 7 * DAY + i),
          actor_type: 'parent',
          actor_id: parentIds[j],
          action: pick(ACTIONS, a + i),
          case_id: caseId,
          subject_type: 'conference',
          subject_id: conferenceIds[a % 2],
          detail: null,
        });
      }
      if (i % every === 0 && sample.length < options.signedInParents)
        sample.push({ userId: userIds[0]!, conferenceId: upcoming });
    }
    await db.transaction().execute(async (trx) => {
      for (const [table, rows] of Object.entries(t)) {
        if (!rows.length) continue;
        counts[table] = (counts[table] ?? 0) + rows.length;
        if (table === 'user') {
          const columns = Object.keys(rows[0]!);
          const per = Math.floor(30_000 / columns.length);
          for (let k = 0; k < rows.length; k += per) {
            const chunk = rows.slice(k, k + per) as Record<string, unknown>[];
            await sql`insert into "user" (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(
              chunk.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`),
            )}`.execute(trx);
          }
        } else await bulk(trx, table as keyof Database, rows, Object.keys(rows[0]!).length);
      }
    });
  }

  // The big report for download-5-slow: stored through the app's report store, shared with one signed-in parent.
  const first = await db
    .selectFrom('parents')
    .innerJoin('conferences', 'conferences.case_id', 'parents.case_id')
    .select([
      'parents.id as parentId',
      'parents.case_id as caseId',
      'conferences.id as conferenceId',
      'parents.user_id as userId',
    ])
    .where('parents.user_id', '=', sample[0]!.userId)
    .where('conferences.id', '=', sample[0]!.conferenceId)
    .executeTakeFirstOrThrow();
  const bytes = new Uint8Array(options.downloadMb * 1024 * 1024).fill(0x25);
  const reportId = await addSharedReport(services, {
    caseId: first.caseId,
    conferenceId: first.conferenceId,
    title: 'Large bench report',
    agency: 'Social care',
    fileName: 'large.pdf',
    contentType: 'application/pdf',
    bytes,
    shares: [{ parentId: first.parentId, sharedAt: new Date(now - DAY) }],
    uploadedBy: staff.id,
  });

  const parents = [];
  for (const p of sample) parents.push({ cookie: await cookieFor(p.userId), conferenceId: p.conferenceId });
  if (dialect === 'postgres') await sql`analyze`.execute(db);
  else await sql`pragma optimize`.execute(db);
  await services.db.close();
  return {
    staffCookie,
    parents,
    download: {
      path: `/en/account/reports/${reportId}/download/`,
      cookie: parents[0]!.cookie,
      bytes: bytes.byteLength,
    },
    counts,
    ms: Math.round(performance.now() - started),
  };
}
