import { test, expect, type Page } from '@playwright/test';
import { minimalPdf } from '~/server/demo/parent-area';
import { readdirSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { SERVER_DATA_DIR, emailsTo, latestCode } from '../support/outbox';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';

// The conference officer's day, end to end and without JavaScript: a new
// case with two parents, invitations, an initial conference, a report shared
// with one parent only; then that parent (driven in the same test) names a
// supporter and asks for an interpreter, and both arrive in the inbox.
test.describe.configure({ mode: 'serial' });
const stamp = Date.now().toString(36);
const REFERENCE = `E2E-${stamp}`.toUpperCase();
const MUM = `mum.${stamp}@example.test`;
const DAD = `dad.${stamp}@example.test`;

async function officerPage(browser: import('@playwright/test').Browser): Promise<Page> {
  const state = await signInStaff(browser, DEMO_STAFF.officer);
  return (await browser.newContext({ storageState: state, javaScriptEnabled: false })).newPage();
}
/** Every file in the server's report folder. */
/** The report files on the test server's disk, by key (files still being written, *.part, left out). */
const storedFiles = (): Set<string> =>
  new Set(
    readdirSync(join(SERVER_DATA_DIR, 'reports'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => !f.endsWith('.part') && statSync(join(SERVER_DATA_DIR, 'reports', f)).isFile(),
    ),
  );
/** Stored files that no report in the database points at. Other specs upload at the same time, so only files new since `before` count. */
const filesWithoutReport = (before: Set<string>): string[] => {
  const db = new DatabaseSync(join(SERVER_DATA_DIR, 'portal.sqlite'), { readOnly: true });
  const keys = new Set(
    (db.prepare('select file_key from reports').all() as { file_key: string }[]).map((r) => r.file_key),
  );
  db.close();
  return [...storedFiles()].filter((f) => !before.has(f) && !keys.has(f));
};
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test('an officer creates a case, invites two parents, schedules a conference and shares a report with one parent', async ({
  browser,
}) => {
  const page = await officerPage(browser);
  await page.goto('/staff/');
  await page.getByRole('link', { name: 'Create a case' }).click();
  await page.getByRole('button', { name: 'Create the case' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter the case reference');
  await page.getByLabel('Create a case').fill(REFERENCE);
  await page.getByRole('button', { name: 'Create the case' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(REFERENCE);

  await page.getByRole('link', { name: 'Add a child' }).click();
  await page.getByLabel('First name').fill('Robin');
  await page.getByLabel('Date of birth').fill('2013-05-01');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('cell', { name: 'Robin', exact: true })).toBeVisible();

  for (const [name, email, language] of [
    ['Morgan Ellis', MUM, 'pl'],
    ['Chris Ellis', DAD, 'en'],
  ] as const) {
    await page.getByRole('link', { name: 'Add a parent or carer' }).click();
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email address').fill(email);
    await page.locator(`input[name=preferredLanguage][value=${language}]`).check();
    await page.locator('input[name=sharesHousehold][value=no]').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
    await page.getByRole('button', { name: `Invite ${name}` }).click();
    await expect(page.locator('.govuk-notification-banner')).toContainText('Invitation sent');
  }
  await expect(page.getByText('Invited, not signed in yet')).toHaveCount(2);
  const invitation = emailsTo(MUM, 'new-message').at(-1) ?? '';
  expect(invitation).not.toMatch(/Robin|Ellis|E2E|child protection/i);

  await page.getByRole('link', { name: 'Schedule a conference' }).click();
  await page.locator('input[name=type][value=initial]').check();
  await page.getByLabel('Date', { exact: true }).fill(inDays(10));
  await page.getByLabel('Start time').fill('10:30');
  await page.getByLabel('Place').fill('Civic Centre, Room 4');
  await page.getByLabel('Chair', { exact: true }).fill('Dana Chair');
  await page.getByRole('button', { name: 'Schedule it' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Initial conference');
  // Each deadline names the rule behind it and where it comes from: Kingston's complaint window is its
  // leaflet's own words; it sets no supporter notice, so nothing is held to a date there.
  const complaint = page.locator('tr[data-deadline=complaint]');
  await expect(complaint).toContainText("Kingston's leaflet: “you should write within 28 days of the conference");
  await expect(page.locator('tr[data-deadline=supporter]')).toHaveCount(0);
  await expect(page.locator('[data-undated]')).toContainText(
    'Kingston has not set a date for: reports to reach parents by; last day to tell the social worker about a supporter',
  );

  await page.getByRole('link', { name: 'Upload a report' }).click();
  await page.getByLabel('Title').fill('Social work report');
  await page.getByLabel('Who wrote it').fill('Children’s social care');
  await page.getByLabel('Morgan Ellis').check();
  await page.getByLabel('The report file').setInputFiles({
    name: 'report.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(minimalPdf(['Social work report'])),
  });
  await page.getByRole('button', { name: 'Upload and share' }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('Report uploaded');
  const row = page.getByRole('row', { name: /Social work report/ });
  await expect(row).toContainText('Morgan Ellis');
  await expect(row).not.toContainText('Chris Ellis');
  await expect(row.getByText('In time')).toBeVisible();
});

test('refuses an executable called .pdf, an oversized file and an empty file, each with a clear message, keeping what was typed', async ({
  browser,
}) => {
  // Sends a file over the 20 MB limit: slow on a busy 2-core machine.
  test.setTimeout(90_000);
  const page = await officerPage(browser);
  await page.goto(`/staff/?q=${REFERENCE}`);
  await page.getByRole('link', { name: REFERENCE }).click();
  await page.getByRole('link', { name: /Initial conference/ }).click();
  const reportsBefore = await page.locator('a[href^="/staff/reports/"]').count();
  const filesBefore = storedFiles();
  const tries = [
    {
      name: 'report.pdf',
      buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000)]),
      message: 'This file is something else, whatever its name says',
    },
    {
      name: 'huge.pdf',
      buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024)]),
      message: 'The file must be 20 MB or smaller',
    },
    { name: 'empty.pdf', buffer: Buffer.alloc(0), message: 'The file you chose is empty' },
  ];
  for (const t of tries) {
    await page.getByRole('link', { name: 'Upload a report' }).click();
    await page.getByLabel('Title').fill(`Try ${t.name}`);
    await page.getByLabel('Who wrote it').fill('School');
    await page
      .getByLabel('The report file')
      .setInputFiles({ name: t.name, mimeType: 'application/pdf', buffer: t.buffer });
    await page.getByRole('button', { name: 'Upload and share' }).click();
    await expect(page.locator('.govuk-error-summary')).toContainText(t.message);
    await expect(page.getByLabel('Title')).toHaveValue(`Try ${t.name}`);
    await page.getByRole('link', { name: 'Back to the conference' }).click();
  }
  await expect(page.locator('a[href^="/staff/reports/"]')).toHaveCount(reportsBefore);
  // Nothing refused was kept on disk. (Another spec's upload is on disk a moment before its report is saved: wait for it.)
  await expect.poll(() => filesWithoutReport(filesBefore), { timeout: 5_000 }).toEqual([]);
});

test('the parent sends a supporter and an interpreter request, and the officer sees both arrive', async ({
  browser,
}) => {
  // The parent signs in (in Polish: their chosen language) and uses the parent area.
  const parent = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const before = emailsTo(MUM, 'sign-in-code').length;
  await parent.goto('/en/account/sign-in/');
  await parent.locator('#email').fill(MUM);
  await parent.locator('form button[type=submit]').click();
  await parent.locator('#code').fill(await latestCode(MUM, before));
  await parent.locator('form button[type=submit]').click();
  await expect(parent).toHaveURL(/\/pl\/account\/$/);
  await parent.goto(parent.url().replace('/pl/', '/en/'));
  await parent
    .getByRole('link', { name: /See this conference/ })
    .first()
    .click();
  const conference = parent.url();
  await parent.goto(`${conference}reports/`);
  await expect(parent.getByText('Social work report').first()).toBeVisible();

  await parent.goto(`${conference}supporter/`);
  await parent.locator('#name').fill('Pat Friend');
  await parent.locator('#relationship').fill('Friend');
  await parent.locator('input[name=isSolicitor][value=no]').check();
  await parent.locator('#email').fill('pat@example.test');
  await parent.locator('form:not([data-sign-out]) button[type=submit]').first().click();
  await expect(parent.locator('.govuk-notification-banner')).toBeVisible();

  await parent.goto(`${conference}interpreter/`);
  await parent.locator('#language').fill('Polish');
  await parent.locator('input[name=forWhom][value=me]').check();
  await parent.locator('input[name=preferredGender][value=any]').check();
  await parent.locator('input[name=when][value=conference]').check();
  await parent.locator('form:not([data-sign-out]) button[type=submit]').first().click();
  await expect(parent.locator('.govuk-notification-banner')).toBeVisible();

  // Each thing sent brings a confirmation email, which says nothing about the family.
  await expect.poll(() => emailsTo(MUM, 'received').length).toBe(2);
  expect(emailsTo(MUM, 'received').join('\n')).not.toMatch(/Pat Friend|Polish|Ellis|Robin|child protection/i);

  const page = await officerPage(browser);
  await page.goto('/staff/inbox/');
  const supporter = page.getByRole('row', { name: /Supporter/ }).filter({ hasText: 'Pat Friend' });
  await expect(supporter).toContainText('Morgan Ellis');
  await expect(page.getByRole('row', { name: /Interpreter/ }).filter({ hasText: 'Morgan Ellis' })).toContainText(
    'Polish',
  );
  await supporter.getByRole('button', { name: /Mark done/ }).click();
  await expect(page.locator('.govuk-notification-banner')).toContainText('Saved');
  await page.goto('/staff/inbox/?status=done');
  await expect(page.getByRole('row', { name: /Supporter/ }).filter({ hasText: 'Pat Friend' })).toContainText(
    'Olu Officer',
  );
});

test('a parent who reads Arabic does the same in Arabic, right to left', async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  const before = emailsTo(DAD, 'sign-in-code').length;
  await page.goto('/ar/account/sign-in/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('#email').fill(DAD);
  await page.locator('form button[type=submit]').click();
  await page.locator('#code').fill(await latestCode(DAD, before));
  await page.locator('form button[type=submit]').click();
  // Chris chose English at the council; the Arabic pages still work for him.
  await page.goto('/ar/account/');
  await page.locator('section.portal-conference-card a').first().click();
  await expect(page).toHaveURL(/\/ar\/account\/conferences\//);
  await page.goto(`${page.url()}supporter/`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('#name').fill('سامي');
  await page.locator('#relationship').fill('أخ');
  await page.locator('input[name=isSolicitor][value=no]').check();
  await page.locator('#email').fill('sami@example.test');
  await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
  await expect(page).toHaveURL(/\/ar\/account\/conferences\/[^/]+\/\?saved=supporter$/);
  await expect.poll(() => emailsTo(DAD, 'received').length).toBe(1);
});
