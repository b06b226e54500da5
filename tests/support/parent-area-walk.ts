// The walk through the parent area as a signed-in parent sees it: every page,
// and each form empty and with its errors. The a11y specs run it in every
// language with axe on each page; other specs pass their own check (valid
// HTML, no sideways scrolling).
import { expect, type Browser, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import type { SessionState } from './parent-session';

/**
 * The languages whose parent area tests/a11y/account-pages.spec.ts walks at
 * desktop width (and small-screen-signed-in.spec.ts at 320 px); every other
 * language's is walked at 320 px by tests/a11y/account-languages.spec.ts.
 */
export const DESKTOP_WALK_LANGS = ['en', 'ar'] as const;

/** The demo family's upcoming and past conference, as paths after the language ("account/conferences/<id>/"). */
export async function demoConferencePaths(
  browser: Browser,
  state: SessionState,
): Promise<{ upcoming: string; past: string }> {
  const page = await (await browser.newContext({ storageState: state })).newPage();
  await page.goto('/en/account/');
  const links = page.locator('section.portal-conference-card a[href*="/account/conferences/"]');
  const path = async (i: number) =>
    new URL((await links.nth(i).getAttribute('href')) ?? '', page.url()).pathname.replace(/^\/en\//, '');
  const paths = { upcoming: await path(0), past: await path(1) };
  await page.context().close();
  return paths;
}

/** What is checked on each page or form state of a walk; `what` names it. */
export type PageCheck = (page: Page, what: string) => Promise<void>;

/** The list of conferences, a conference and its reports, upcoming and past. */
export async function walkParentPages(
  page: Page,
  lang: string,
  { upcoming, past }: { upcoming: string; past: string },
  check: PageCheck = expectNoViolations,
): Promise<void> {
  for (const path of [
    'account/',
    upcoming,
    `${upcoming}reports/`,
    past,
    `${past}reports/`,
    'account/reminders/',
    'account/reminders/confirm-mobile/',
  ]) {
    await page.goto(`/${lang}/${path}`);
    await expect(page.locator('main h1')).toBeVisible();
    await check(page, `/${lang}/${path}`);
  }
}

/** Each form, empty and sent with its errors (too long a text among them), and the complaint form before and after the conference. */
export async function walkParentForms(
  page: Page,
  lang: string,
  { upcoming, past }: { upcoming: string; past: string },
  check: PageCheck = expectNoViolations,
): Promise<void> {
  for (const form of ['supporter', 'interpreter', 'attendance']) {
    await page.goto(`/${lang}/${upcoming}${form}/`);
    await check(page, `${lang} ${form}`);
    const textarea = page.locator('textarea').last();
    if (await textarea.count()) await textarea.fill('a'.repeat(5001));
    if (form === 'interpreter') await page.locator('input[name=forWhom][value=other]').check();
    await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
    await expect(page.locator('.govuk-error-summary')).toBeVisible();
    await check(page, `${lang} ${form} with errors`);
  }
  // Reminders: text messages to a number that is not a UK mobile (nothing is saved).
  await page.goto(`/${lang}/account/reminders/`);
  await page.locator('input[name=channel][value=sms]').check();
  await page.locator('input[name=mobile]').fill('020 7946 0018');
  await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
  await expect(page.locator('.govuk-error-summary')).toBeVisible();
  await check(page, `${lang} reminders with errors`);
  await page.goto(`/${lang}/${upcoming}complaint/`);
  await check(page, `${lang} complaint before the conference`);
  await page.goto(`/${lang}/${past}complaint/`);
  await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
  await expect(page.locator('.govuk-error-summary')).toBeVisible();
  await check(page, `${lang} complaint with errors`);
}
