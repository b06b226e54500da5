// Signing the demo parents in once for a whole spec file, so the sign-in
// limits (3 codes per address, 10 per network address, per 15 minutes) are
// not used up: the session cookies are saved and reused by every test.
import { copyFileSync, existsSync } from 'node:fs';
import { expect, type Browser } from '@playwright/test';
import { withFileLock } from './file-lock';
import { emailsTo, latestCode } from './outbox';
import { LANGUAGE_SEGMENT } from '~/config/locales';

/**
 * Signs `email` in through the real sign-in pages and saves the session to
 * `path`. A session another spec saved for the same parent is reused while it
 * still works (a parent may ask for only 3 codes in 15 minutes).
 */
export function signInOnce(browser: Browser, email: string, path: string): Promise<string> {
  return withFileLock(`parent-${email}`, () => signInOnceNow(browser, email, path));
}

async function signInOnceNow(browser: Browser, email: string, path: string): Promise<string> {
  const shared = `test-results/parent-session-${email}.json`;
  if (existsSync(shared)) {
    const reuse = await browser.newContext({ storageState: shared });
    const page = await reuse.newPage();
    await page.goto('/en/account/');
    const stillSignedIn = /\/account\/$/.test(page.url());
    if (stillSignedIn) await reuse.storageState({ path });
    await reuse.close();
    if (stillSignedIn) return path;
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  const before = emailsTo(email, 'sign-in-code').length;
  await page.goto('/en/account/sign-in/');
  await page.locator('#email').fill(email);
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/en\/account\/sign-in\/code\/$/);
  await page.locator('#code').fill(await latestCode(email, before));
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(new RegExp(`/${LANGUAGE_SEGMENT}/account/$`));
  await context.storageState({ path });
  copyFileSync(path, shared);
  await context.close();
  return path;
}
