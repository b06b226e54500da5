import { basename } from 'node:path';
import { sql, type KyselyPlugin, type Kysely } from 'kysely';
import { describe, it, expect } from 'vitest';
import { migrate, type Dialect } from '~/server/db/client';
import { DATABASES } from '../support/db';

/** Every migration file in the folder, by name (what the portal must apply, in order). */
const FILES = Object.entries(
  import.meta.glob<{ up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> }>(
    '../../src/server/db/migrations/*.ts',
    { eager: true },
  ),
)
  .map(([path, module]) => ({ name: basename(path, '.ts'), up: module.up }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** Records the tables each statement creates or drops, as the migrations run them. */
function tableRecorder() {
  const tables = new Set<string>();
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      const n = node as { kind: string; table?: { table?: { identifier?: { name?: string } } } };
      const name = n.table?.table?.identifier?.name;
      if (name && n.kind === 'CreateTableNode') tables.add(name);
      if (name && n.kind === 'DropTableNode') tables.delete(name);
      return node;
    },
    transformResult: ({ result }) => Promise.resolve(result),
  };
  return { tables, plugin };
}

describe.each(DATABASES)('the $name database', ({ name, open, empty }) => {
  it('applies every migration file, and creates every table the migrations create', async () => {
    // Run each file's own `up` on an empty database, noting the tables it creates.
    const scratch = await empty();
    const recorder = tableRecorder();
    const raw = scratch.connect();
    try {
      const watched = raw.db.withPlugin(recorder.plugin) as unknown as Kysely<unknown>;
      for (const file of FILES) await file.up(watched, name);
    } finally {
      await raw.close();
      await scratch.remove();
    }
    const created = [...recorder.tables].sort();
    expect(created).toEqual(expect.arrayContaining(['cases', 'parents', 'staff', 'audit_log', 'email_outbox']));

    // The portal's own start-up migration applies every file and leaves every one of those tables in place.
    const database = await empty();
    const db = database.connect();
    try {
      expect(await migrate(db)).toEqual(FILES.map((f) => f.name));
      const listed =
        name === 'postgres'
          ? await sql<{ t: string }>`select table_name as t from information_schema.tables
              where table_schema = current_schema()`.execute(db.db)
          : await sql<{ t: string }>`select name as t from sqlite_master where type = 'table'`.execute(db.db);
      const present = new Set(listed.rows.map((r) => r.t));
      expect(created.filter((t) => !present.has(t))).toEqual([]);
      for (const table of created) {
        const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
          db.db,
        );
        expect(Number(rows[0]?.n), table).toBeGreaterThanOrEqual(0);
      }
    } finally {
      await db.close();
      await database.remove();
    }
  });

  it("fills each parent's last sign-in from the audit log, leaving out sign-ins before a change of address (0007)", async () => {
    const scratch = await empty();
    const raw = scratch.connect();
    const db = raw.db as unknown as Kysely<unknown>;
    try {
      for (const file of FILES.filter((f) => f.name < '0007')) await file.up(db, name);
      const at = '2026-11-01T09:00:00.000Z';
      await sql`insert into cases (id, reference, created_at, updated_at) values ('c1', 'CP-1', ${at}, ${at})`.execute(
        db,
      );
      for (const [id, invited] of [
        ['kept', at],
        ['moved', null],
        ['resigned', at],
        ['never', at],
      ] as const)
        await sql`insert into parents (id, case_id, name, email, invited_at, created_at, updated_at)
          values (${id}, 'c1', ${id}, ${`${id}@example.test`}, ${invited}, ${at}, ${at})`.execute(db);
      const audit = (
        when: string,
        actor: string | null,
        action: string,
        subject: string | null,
        detail: string | null,
      ) =>
        sql`insert into audit_log (at, actor_type, actor_id, action, case_id, subject_type, subject_id, detail)
          values (${when}, ${actor ? 'parent' : 'staff'}, ${actor ?? 'staff-1'}, ${action}, 'c1', 'parent', ${subject}, ${detail})`.execute(
          db,
        );
      await audit('2026-11-02T10:00:00.000Z', 'kept', 'auth.sign-in', null, null);
      await audit('2026-11-03T10:00:00.000Z', 'kept', 'auth.sign-in', null, null);
      // A new address (not invited again yet): the earlier sign-in does not count.
      await audit('2026-11-02T10:00:00.000Z', 'moved', 'auth.sign-in', null, null);
      await audit('2026-11-04T10:00:00.000Z', null, 'parent.update', 'moved', '{"emailChanged":true}');
      // Invited again at a new address and signed in since: that sign-in counts; a change of name does not reset it.
      await audit('2026-11-02T10:00:00.000Z', 'resigned', 'auth.sign-in', null, null);
      await audit('2026-11-04T10:00:00.000Z', null, 'parent.update', 'resigned', '{"emailChanged":true}');
      await audit('2026-11-05T10:00:00.000Z', 'resigned', 'auth.sign-in', null, null);
      await audit('2026-11-06T10:00:00.000Z', null, 'parent.update', 'resigned', '{"emailChanged":false}');
      await FILES.find((f) => f.name.startsWith('0007'))!.up(db, name);
      const { rows } = await sql<{ id: string; last: string | null }>`
        select id, last_signed_in_at as last from parents order by id`.execute(db);
      expect(rows).toEqual([
        { id: 'kept', last: '2026-11-03T10:00:00.000Z' },
        { id: 'moved', last: null },
        { id: 'never', last: null },
        { id: 'resigned', last: '2026-11-05T10:00:00.000Z' },
      ]);
    } finally {
      await raw.close();
      await scratch.remove();
    }
  });

  it('keeps the audit log append-only', async () => {
    const db = await open();
    try {
      await db.db
        .insertInto('audit_log')
        .values({
          at: new Date().toISOString(),
          actor_type: 'system',
          actor_id: null,
          action: 'test.entry',
          case_id: null,
          subject_type: null,
          subject_id: null,
          detail: null,
        })
        .execute();
      await expect(db.db.updateTable('audit_log').set({ action: 'changed' }).execute()).rejects.toThrow(/append-only/);
      await expect(db.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      const rows = await db.db.selectFrom('audit_log').select('action').execute();
      expect(rows).toEqual([{ action: 'test.entry' }]);
      if (name === 'sqlite') {
        // On a file in WAL mode, as in production.
        const { rows: mode } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.db);
        expect(mode).toEqual([{ journal_mode: 'wal' }]);
      }
    } finally {
      await db.close();
    }
  });
});
