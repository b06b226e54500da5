import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, expect, type Browser } from '@playwright/test';
import { stopToken } from '../../src/server/notify/stop-link';
import { expectNoViolations } from '../support/axe';
import { DEMO_PARENTS, SERVER_DATA_DIR, SERVER_OUTBOX_DIR } from '../support/outbox';
import { signInOnce, type SessionState } from '../support/parent-session';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';
import { seedFreshFamilies } from '../support/fresh-family';

// A parent chooses text messages, types a UK mobile, confirms it with the code
// texted to it (here a .txt file in the outbox folder) and sees the next
// reminder listed; the form works with no JavaScript, says what is wrong and
// keeps what was typed. A mail program's one-click unsubscribe (RFC 8058)
// stops reminders with a POST and no page.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

/** The test server signs stop links with the development secret (no BETTER_AUTH_SECRET is set). */
const SECRET = 'development-only-secret-not-for-production-use-0123456789';
const PARENT = DEMO_PARENTS[0];

function serverDb<T>(work: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(join(SERVER_DATA_DIR, 'portal.sqlite'));
  db.exec('PRAGMA busy_timeout = 5000;');
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** The text messages written to the outbox folder for `to`, newest last. */
function textsTo(to: string): string[] {
  return readdirSync(SERVER_OUTBOX_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(SERVER_OUTBOX_DIR, f), 'utf8'))
    .filter((txt) => txt.startsWith(`To: ${to}\n`));
}

async function textedCode(to: string, after: number): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const texts = textsTo(to);
    const code = texts.length > after ? /\b(\d{6})\b/.exec(texts.at(-1)?.split('\n\n')[1] ?? '')?.[1] : undefined;
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No code texted to ${to}`);
}

let state: SessionState;
test.beforeAll(async ({ browser }: { browser: Browser }) => {
  state = await signInOnce(browser, PARENT);
});

test.afterAll(() => {
  // Other tests expect this parent as the demo left them: reminded by email, no mobile.
  serverDb((db) =>
    db
      .prepare(
        "update parents set reminder_channel = 'email', mobile = null, mobile_pending = null, reminders_stopped_at = null where email = ?",
      )
      .run(PARENT),
  );
});

test('a parent chooses text messages, confirms the mobile with the texted code and sees the next reminder', async ({
  browser,
}) => {
  // The form needs no JavaScript.
  const plain = await browser.newContext({ storageState: state, javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await noScript.goto('/en/account/reminders/');
  await noScript.getByLabel('By email', { exact: true }).check();
  await noScript.getByRole('button', { name: 'Save' }).click();
  await expect(noScript.getByRole('alert')).toContainText('We will remind you in the way you chose.');
  await plain.close();

  const context = await browser.newContext({ storageState: state });
  const page = await context.newPage();
  await page.goto('/en/account/');
  await page.getByRole('link', { name: /Reminders: how we remind you/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How do you want to be reminded?');
  await expect(page.getByRole('heading', { name: 'What will we send you next?' })).toBeVisible();
  await expectNoViolations(page, 'Reminders');

  // A landline is refused, with the GOV.UK error summary, and what was typed is kept.
  await page.getByLabel('By text message', { exact: true }).check();
  await page.getByLabel('UK mobile number').fill('020 7946 0018');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText('Enter a UK mobile number, like 07123 456789');
  await expect(page.getByLabel('UK mobile number')).toHaveValue('020 7946 0018');
  await expect(page.getByLabel('By text message', { exact: true })).toBeChecked();
  await expectNoViolations(page, 'Reminders with an error');

  const before = textsTo('+447123456789').length;
  await page.getByLabel('UK mobile number').fill('07123 456789');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/en\/account\/reminders\/confirm-mobile\/?$/);
  await expect(page.getByText('ending 789')).toBeVisible();
  await expectNoViolations(page, 'Confirm your mobile');
  const code = await textedCode('+447123456789', before);

  // Not used before it is confirmed.
  expect(serverDb((db) => db.prepare('select mobile from parents where email = ?').get(PARENT))).toEqual({
    mobile: null,
  });

  await page.getByLabel('Code', { exact: true }).fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('That code is not right');
  await expectNoViolations(page, 'Confirm your mobile, wrong code');

  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/en\/account\/reminders\/?\?saved=mobile$/);
  await expect(page.getByRole('alert')).toContainText('Your mobile number is confirmed');
  const next = page.getByRole('list', { name: 'What will we send you next?' });
  await expect(next.getByRole('listitem').first()).toContainText('(by text message)');
  expect(serverDb((db) => db.prepare('select mobile from parents where email = ?').get(PARENT))).toEqual({
    mobile: '+447123456789',
  });
  await context.close();
});

test('a mail program’s one-click unsubscribe stops reminders with a POST and no page', async ({ request }) => {
  const parent = serverDb((db) => db.prepare('select id from parents where email = ?').get(PARENT) as { id: string });
  // From the provider's servers: no Origin, no cookies.
  const refused = await request.post(`/stop/${stopToken('not our secret, at least 32 characters', parent.id)}`, {
    form: { 'List-Unsubscribe': 'One-Click' },
  });
  expect(refused.status()).toBe(404);
  const response = await request.post(`/stop/${stopToken(SECRET, parent.id)}`, {
    form: { 'List-Unsubscribe': 'One-Click' },
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe('');
  const after = serverDb(
    (db) =>
      db.prepare('select reminders_stopped_at as at from parents where id = ?').get(parent.id) as { at: string | null },
  );
  expect(after.at).not.toBeNull();
});

test('staff see each reminder’s state per parent, and the inbox warns of a failed text message', async ({
  browser,
}) => {
  // A family of its own: other specs change the demo family's conferences meanwhile.
  const family = seedFreshFamilies(['en']).en;
  if (!family) throw new Error('no fresh family');
  const conferenceId = family.conferenceId;
  const { parentId } = serverDb(
    (db) => db.prepare('select id as parentId from parents where email = ?').get(family.email) as { parentId: string },
  );
  const id = randomUUID();
  const at = new Date().toISOString();
  serverDb((db) =>
    db
      .prepare(
        `insert into email_outbox (id, to_address, template, locale, payload, status, attempts, next_attempt_at,
          last_error, created_at, given_up_at, channel, reminder_key, parent_id, conference_id)
         values (?, '+447123456789', 'meeting-tomorrow', 'en', '{}', 'failed', 8, ?, ?, ?, ?, 'sms', ?, ?, ?)`,
      )
      .run(
        id,
        at,
        'GOV.UK Notify did not accept the text message: 400 BadRequestError',
        at,
        at,
        `e2e:${id}`,
        parentId,
        conferenceId,
      ),
  );
  const context = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.officer) });
  const page = await context.newPage();
  try {
    await page.goto('/staff/inbox/');
    await expect(page.locator('#failed-deliveries')).toContainText('could not be delivered');
    await expect(page.locator('#failed-deliveries').getByRole('link', { name: 'See Email problems' })).toBeVisible();
    await expectNoViolations(page, 'Inbox with a failed delivery');

    await page.goto(`/staff/conferences/${conferenceId}/`);
    await expect(page.getByRole('heading', { name: 'Reminders to parents' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Jo Journey' });
    await expect(table.getByRole('row', { name: /Meeting tomorrow\s+Text message\s+Failed/ })).toBeVisible();
    await expectNoViolations(page, 'Conference page with reminder states');
  } finally {
    serverDb((db) => db.prepare('delete from email_outbox where id = ?').run(id));
    await context.close();
  }
});
