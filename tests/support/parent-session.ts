// Signing the demo parents in once for a whole spec file, so the sign-in
// limits (3 codes per address, 10 per network address, per 15 minutes) are
// not used up: the session is kept in memory and reused by every test.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext } from '@playwright/test';
import { withFileLock } from './file-lock';
import { emailsTo, latestCode, SERVER_DATA_DIR } from './outbox';
import { LANGUAGE_SEGMENT } from '~/config/locales';

/** A signed-in browser's cookies and storage, for `browser.newContext({ storageState })`. */
export type SessionState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * Signs `email` in through the real sign-in pages and answers the session, in
 * memory. A session another spec made for the same parent in this run is
 * reused while it still works (a parent may ask for only 3 codes in 15
 * minutes): the specs run in separate worker processes, so that one copy per
 * parent is kept with the run's server data (emptied when a run starts).
 */
export function signInOnce(browser: Browser, email: string): Promise<SessionState> {
  return withFileLock(`parent-${email}`, () => signInOnceNow(browser, email));
}

async function signInOnceNow(browser: Browser, email: string): Promise<SessionState> {
  const shared = join(SERVER_DATA_DIR, `parent-session-${email}.json`);
  if (existsSync(shared)) {
    const reuse = await browser.newContext({ storageState: shared });
    const page = await reuse.newPage();
    await page.goto('/en/account/');
    const state = /\/account\/$/.test(page.url()) ? await reuse.storageState() : null;
    await reuse.close();
    if (state) return state;
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
  const state = await context.storageState();
  writeFileSync(shared, JSON.stringify(state));
  await context.close();
  return state;
}
