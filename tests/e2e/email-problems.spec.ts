import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, expect } from '@playwright/test';
import { expectNoViolations } from '../support/axe';
import { DEMO_PARENTS, SERVER_DATA_DIR, emailsTo } from '../support/outbox';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';

// What people see when emails fail: the sign-in pages say codes may be late
// while the provider keeps failing; staff see what was given up, and send it again.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** The test server's database, written as the outbox would. */
function serverDb<T>(work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(SERVER_DATA_DIR, 'portal.sqlite'));
  db.exec('PRAGMA busy_timeout = 5000;');
  try {
    return work(db);
  } finally {
    db.close();
  }
}
const setFailures = (n: number) =>
  serverDb((db) =>
    db
      .prepare('update mail_provider_health set failures_in_a_row = ?, last_failure_at = ? where id = 1')
      .run(n, new Date().toISOString()),
  );

test('the sign-in pages say codes may be late after a few failed emails in a row, and stop saying it', async ({
  page,
}) => {
  await page.goto('/en/account/sign-in/');
  await expect(page.locator('#email-delay')).toHaveCount(0);
  try {
    setFailures(2);
    await page.reload();
    await expect(page.locator('#email-delay')).toHaveCount(0);
    setFailures(3);
    await page.reload();
    await expect(page.locator('#email-delay')).toContainText('Your code may come late');
    await expectNoViolations(page, 'the sign-in page while emails are late');
    // Other tests send codes meanwhile, and a sent code ends the warning: fail again just before.
    setFailures(3);
    await page.goto('/ar/account/sign-in/');
    await expect(page.locator('#email-delay')).toContainText('قد يصل الرمز متأخرًا');
    // An address not on the list: the page is the same, and no demo parent spends one of
    // their 3 codes in 15 minutes (the sign-in tests need parent two's).
    await page.locator('#email').fill('late.codes@example.test');
    await page.locator('button[type=submit]').click();
    await expect(page).toHaveURL(/\/ar\/account\/sign-in\/code\/$/);
    // Codes other tests send meanwhile end the warning; the provider fails again.
    setFailures(3);
    await page.reload();
    await expect(page.locator('#email-delay')).toBeVisible();
    await expectNoViolations(page, 'the code page while emails are late');
  } finally {
    setFailures(0);
  }
  await page.reload();
  await expect(page.locator('#email-delay')).toHaveCount(0);
});

test('staff see an email given up under Email problems, and send it again', async ({ browser }) => {
  const id = randomUUID();
  const at = new Date().toISOString();
  serverDb((db) =>
    db
      .prepare(
        `insert into email_outbox (id, to_address, template, locale, payload, status, attempts, next_attempt_at,
          last_error, created_at, given_up_at) values (?, ?, 'conference-changed', 'en', '{}', 'failed', 8, ?, ?, ?, ?)`,
      )
      .run(id, DEMO_PARENTS[0], at, 'Resend did not accept the email: domain not verified', at, at),
  );
  const before = emailsTo(DEMO_PARENTS[0], 'conference-changed').length;
  const context = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.officer) });
  const page = await context.newPage();
  await page.goto('/staff/');
  await page.getByRole('link', { name: 'Email problems' }).click();
  const row = page.getByRole('row', { name: new RegExp(DEMO_PARENTS[0].replace('.', '\\.')) });
  await expect(row).toContainText('Conference changed');
  await expect(row).toContainText('Sam Taylor, case DEMO-0001');
  await expect(row).toContainText('domain not verified');
  await expectNoViolations(page, 'Email problems with one email');
  await row.getByRole('button', { name: /Send again/ }).click();
  await expect(page.getByRole('alert')).toContainText('will be sent again');
  await expect(page.getByText('There are no email problems.')).toBeVisible();
  await expect.poll(() => emailsTo(DEMO_PARENTS[0], 'conference-changed').length, { timeout: 15_000 }).toBe(before + 1);
  const audited = serverDb(
    (db) =>
      db.prepare("select count(*) as n from audit_log where action = 'email.retry' and subject_id = ?").get(id) as {
        n: number;
      },
  );
  expect(audited.n).toBe(1);
  await context.close();
});
