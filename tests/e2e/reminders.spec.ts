import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, expect } from '@playwright/test';
import { stopToken } from '../../src/server/notify/stop-link';
import { expectNoViolations } from '../support/axe';
import { DEMO_PARENTS, SERVER_DATA_DIR } from '../support/outbox';

// The one-tap stop link in every reminder: opening it stops nothing (a mail
// scanner follows links); the button does, with no sign-in; a link that is
// not ours says so.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** The test server signs stop links with the development secret (no BETTER_AUTH_SECRET is set): src/server/auth/better-auth.ts. */
const SECRET = 'development-only-secret-not-for-production-use-0123456789';

function serverDb<T>(work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(SERVER_DATA_DIR, 'portal.sqlite'));
  db.exec('PRAGMA busy_timeout = 5000;');
  try {
    return work(db);
  } finally {
    db.close();
  }
}

test('a parent stops reminders from the link in a message, in their language, without signing in', async ({ page }) => {
  const parent = serverDb(
    (db) =>
      db
        .prepare('select id, reminders_stopped_at, preferred_language from parents where email = ?')
        .get(DEMO_PARENTS[1]) as {
        id: string;
        reminders_stopped_at: string | null;
        preferred_language: string;
      },
  );
  expect(parent.reminders_stopped_at).toBeNull();
  serverDb((db) => db.prepare("update parents set preferred_language = 'pl' where id = ?").run(parent.id));
  const token = stopToken(SECRET, parent.id);

  await page.goto(`/stop/${token}`);
  await expect(page).toHaveURL(new RegExp(`/pl/stop/${token}/$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wyłącz przypomnienia');
  await expectNoViolations(page, 'Stop reminders');
  // Opening the link stopped nothing.
  expect(
    serverDb((db) => db.prepare('select reminders_stopped_at as at from parents where id = ?').get(parent.id)),
  ).toEqual({ at: null });

  await page.getByRole('button', { name: 'Wyłącz przypomnienia' }).click();
  await expect(page.locator('.govuk-panel')).toContainText('Przypomnienia są wyłączone');
  await expectNoViolations(page, 'Reminders stopped');
  const after = serverDb(
    (db) =>
      db.prepare('select reminders_stopped_at as at from parents where id = ?').get(parent.id) as { at: string | null },
  );
  expect(after.at).not.toBeNull();
  const audited = serverDb(
    (db) =>
      db
        .prepare("select count(*) as n from audit_log where action = 'reminders.stop' and actor_id = ?")
        .get(parent.id) as {
        n: number;
      },
  );
  expect(audited.n).toBe(1);
  // Other tests sign this parent in and expect their own language back.
  serverDb((db) =>
    db.prepare('update parents set preferred_language = ? where id = ?').run(parent.preferred_language, parent.id),
  );
});

test('a stop link that is not ours stops nothing and says so', async ({ page }) => {
  const parent = serverDb(
    (db) => db.prepare('select id from parents where email = ?').get(DEMO_PARENTS[0]) as { id: string },
  );
  const token = stopToken('another secret altogether, 32 characters+', parent.id);
  await page.goto(`/stop/${token}`);
  await expect(page).toHaveURL(/\/en\/stop\//);
  await expect(page.getByText('This link does not work.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop reminders' })).toHaveCount(0);
  expect(page.url()).toContain('/en/stop/');
});
