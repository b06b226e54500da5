// `npm run reminders:due -- --at <instant>`: what the scheduler would queue
// then, one JSON object a line, from the server's settings and database;
// nothing is queued or sent.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { printDueReminders } from '~/server/cli/reminders-due';
import { migrate, openDb } from '~/server/db/client';
import { openParentArea, makeFamily } from '../support/parent-area';

let dir = '';
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

it('prints each reminder due at the instant asked, in the parent’s language and channel, and queues nothing', async () => {
  dir = await mkdtemp(join(tmpdir(), 'portal-due-'));
  const sqlitePath = join(dir, 'portal.sqlite');
  vi.stubEnv('SQLITE_PATH', sqlitePath);
  vi.stubEnv('AUTHORITY', 'redbridge');
  const db = openDb({ sqlitePath });
  await migrate(db);
  const world = await openParentArea(db, { now: '2026-11-02T09:00:00Z', authority: 'redbridge' });
  // Thursday 12 November 2026, 10:00 GMT.
  const family = await makeFamily(world.services, '2026-11-12T10:00:00Z');
  await db.db
    .updateTable('parents')
    .set({ invited_at: '2026-11-02T09:00:00Z', preferred_language: 'ro' })
    .where('id', '=', family.parentIds[0])
    .execute();
  await db.close();

  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  expect(await printDueReminders(['--at', '2026-11-11T10:30:00Z'])).toBe(0);
  const line = { parentId: family.parentIds[0], conferenceId: family.conferenceId, channel: 'email', language: 'ro' };
  expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
    // Redbridge's leaflet: reports are due 2 working days before an initial conference: Tuesday 10th; not sent yet, so still due until the meeting.
    { type: 'reports-due', ...line, sendAt: '2026-11-10T12:00:00.000Z' },
    {
      type: 'meeting-tomorrow',
      parentId: family.parentIds[0],
      conferenceId: family.conferenceId,
      channel: 'email',
      language: 'ro',
      sendAt: '2026-11-11T10:00:00.000Z',
    },
  ]);

  const again = openDb({ sqlitePath });
  expect(await again.db.selectFrom('email_outbox').select('id').execute()).toEqual([]);
  await again.close();
  expect(await printDueReminders(['--at', 'tomorrow'])).toBe(2);
});
