// Signing the demo staff in through the real pages: emailed code, then the
// authenticator app (set up on first sign-in; its key is kept for later ones).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, type Browser, type Page } from '@playwright/test';
import { withFileLock } from './file-lock';
import { emailsTo, latestCode } from './outbox';
import { unusedTotp } from './totp';

/** The demo team (src/server/demo/seed.ts). */
export const DEMO_STAFF = {
  admin: 'admin@example.test',
  officer: 'officer@example.test',
  chair: 'chair@example.test',
  readonly: 'readonly@example.test',
} as const;

const keyFile = (email: string) => `test-results/staff-keys/${email}.txt`;

/** Types the emailed code for `email` on the staff sign-in pages; ends on the set-up or app-code page. */
export async function enterEmailedCode(page: Page, email: string): Promise<void> {
  const before = emailsTo(email, 'sign-in-code').length;
  await page.goto('/staff/sign-in/');
  await page.locator('#email').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\/code\/$/);
  await page.locator('#code').fill(await latestCode(email, before));
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** Sets up the app on the set-up page; returns the key and the recovery codes shown. */
export async function setUpApp(page: Page): Promise<{ key: string; recoveryCodes: string[] }> {
  await expect(page).toHaveURL(/\/staff\/two-factor\/set-up\/$/);
  await page.getByRole('button', { name: 'Start setting up' }).click();
  const key = ((await page.locator('#setup-key').textContent()) ?? '').replace(/\s/g, '');
  const recoveryCodes = (await page.locator('#recovery-codes li').allTextContents()).map((c) => c.trim());
  await page.locator('#code').fill(await unusedTotp(key));
  await page.getByRole('button', { name: 'Finish setting up' }).click();
  await expect(page).toHaveURL(/\/staff\/(\?.*)?$/);
  return { key, recoveryCodes };
}

/** Signs a demo staff member in (setting up the app the first time) and saves the session to a file for other tests. */
export function signInStaff(browser: Browser, email: string): Promise<string> {
  return withFileLock(`staff-${email}`, () => signInStaffNow(browser, email));
}

async function signInStaffNow(browser: Browser, email: string): Promise<string> {
  const path = `test-results/staff-session-${email}.json`;
  // Reuse a session saved earlier in the run while it still works (3 codes per address per 15 minutes).
  if (existsSync(path)) {
    const reuse = await browser.newContext({ storageState: path });
    const response = await (await reuse.newPage()).goto('/staff/');
    const works = response?.status() === 200 && /\/staff\/$/.test(response.url());
    await reuse.close();
    if (works) return path;
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await enterEmailedCode(page, email);
  if (existsSync(keyFile(email))) {
    await expect(page).toHaveURL(/\/staff\/sign-in\/two-factor\/$/);
    await page.locator('#code').fill(await unusedTotp(readFileSync(keyFile(email), 'utf8')));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/staff\/$/);
  } else {
    const { key } = await setUpApp(page);
    mkdirSync('test-results/staff-keys', { recursive: true });
    writeFileSync(keyFile(email), key);
  }
  await context.storageState({ path });
  await context.close();
  return path;
}
