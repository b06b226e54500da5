import { test, expect } from '@playwright/test';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce } from '../support/parent-session';
import { enterEmailedCode } from '../support/staff-session';
import { unusedTotp } from '../support/totp';

// The staff sign-in: an emailed code, then a code from an authenticator app
// (set up at the first sign-in) or a recovery code. Uses the demo chair, whom
// no other spec signs in, so the app is set up here.
test.describe.configure({ mode: 'serial' });
const CHAIR = 'chair@example.test';
let key = '';
let recoveryCodes: string[] = [];

test('a new member sets up an authenticator app, and cannot reach anything else until then', async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await enterEmailedCode(page, CHAIR);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up your authenticator app');
  await page.goto('/staff/');
  await expect(page).toHaveURL(/\/staff\/two-factor\/set-up\/$/);
  await page.getByRole('button', { name: 'Start setting up' }).click();
  key = ((await page.locator('#setup-key').textContent()) ?? '').replace(/\s/g, '');
  recoveryCodes = (await page.locator('#recovery-codes li').allTextContents()).map((c) => c.trim());
  await page.locator('#code').fill('000000');
  await page.getByRole('button', { name: 'Finish setting up' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('This code is not right');
  // The same key is shown again, so the app already set up still works.
  await expect(page.locator('#setup-key')).toHaveText(key.match(/.{1,4}/g)?.join(' ') ?? '');
  await page.locator('#code').fill(await unusedTotp(key));
  await page.getByRole('button', { name: 'Finish setting up' }).click();
  await expect(page).toHaveURL(/\/staff\/(\?.*)?$/);
  expect(recoveryCodes).toHaveLength(10);
  await expect(page.getByText('Signed in as Priya Shah (Chair)')).toBeVisible();
});

test('then an emailed code alone is not enough: the app code is asked for', async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await enterEmailedCode(page, CHAIR);
  await expect(page).toHaveURL(/\/staff\/sign-in\/two-factor\/$/);
  await page.goto('/staff/');
  await expect(page).toHaveURL(/\/staff\/sign-in\/$/);
  await page.goBack();
  await page.locator('#code').fill('12345');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter the 6 numbers');
  await page.locator('#code').fill(await unusedTotp(key));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/staff\/$/);
  await page.goto('/staff/sign-out/');
  // The stronger choice says what it does, read with the button.
  await expect(page.getByRole('button', { name: 'Sign out on every device' })).toHaveAccessibleDescription(
    /shared computer.*signs you out on all of them/,
  );
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You have signed out');
  await page.goto('/staff/');
  await expect(page).toHaveURL(/\/staff\/sign-in\/$/);
});

test('a recovery code works instead of the app', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await enterEmailedCode(page, CHAIR);
  await page.getByRole('link', { name: /use a recovery code/ }).click();
  await page.locator('#code').fill(recoveryCodes[0] ?? '');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/staff\/$/);
});

test('a parent signed in to the parent area is refused the staff area', async ({ browser }) => {
  const state = await signInOnce(browser, DEMO_PARENTS[1]);
  const page = await (await browser.newContext({ storageState: state })).newPage();
  const response = await page.goto('/staff/');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You cannot open this page');
});
