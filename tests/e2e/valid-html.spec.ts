import { test, expect, type Browser, type Page } from '@playwright/test';
import { freshParent } from '../support/fresh-family';
import { signInOnce, type SessionState } from '../support/parent-session';
import { demoConferencePaths, walkParentForms, walkParentPages } from '../support/parent-area-walk';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';
import { staffRouteUrls } from '../support/staff-routes';
import { recordSentHtml } from '../support/page-html';
import { describeErrors, htmlErrorsIn } from '../html/vnu.mjs';

// Valid HTML on the pages the server renders on demand, which the check of
// the build (tests/html/validate.mjs) cannot see: signing in, the parent area
// in a left-to-right and two right-to-left languages, each form with its
// errors, and the staff pages. The HTML as the server sent it goes through the
// Nu HTML Checker in one call (Java is slow to start).
const LANGS = ['en', 'ar', 'ur'];

async function tab(browser: Browser, storageState?: string | SessionState) {
  const page: Page = await (await browser.newContext(storageState ? { storageState } : {})).newPage();
  return { page, sent: recordSentHtml(page) };
}

/** Every page `recorders` saw goes through the checker in one call; `least` guards against pages lost unread. */
async function expectValid(recorders: ReturnType<typeof recordSentHtml>[], what: string, least: number) {
  const pages = (await Promise.all(recorders.map((r) => r.pages()))).flat();
  expect(pages.length).toBeGreaterThan(least);
  const errors = htmlErrorsIn(pages, `test-results/valid-html/${what}`);
  console.log(`Valid HTML, ${what}: ${pages.length} pages rendered on demand, ${errors.length} errors.`);
  expect(describeErrors(errors), `Nu HTML Checker errors (files in test-results/valid-html/${what})`).toEqual([]);
}

// Three walks side by side, each checked in one call.
test('signing in is valid HTML', async ({ browser }) => {
  test.setTimeout(180_000);
  const recorders: ReturnType<typeof recordSentHtml>[] = [];

  // Signing in, as anyone may: each page, its error, the code page, signing out.
  const visitor = await tab(browser);
  recorders.push(visitor.sent);
  for (const lang of LANGS) {
    const { page } = visitor;
    await page.goto(`/${lang}/account/sign-in/`);
    // The page a search engine or a shared link shows first says what it is for.
    await expect(page.locator('meta[name=description]')).toHaveAttribute('content', /\S{3}/);
    await page.locator('#email').fill('not-an-address');
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('.govuk-error-summary')).toBeVisible();
    await page.goto(`/${lang}/account/sign-in/?reason=timeout`);
    // An address nobody has: the same pages, and no parent's codes are used up.
    await page.locator('#email').fill(`html.${lang}@example.test`);
    await page.locator('form button[type=submit]').click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/account/sign-in/code/$`));
    await page.locator('#code').fill('12');
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('.govuk-error-summary')).toBeVisible();
    await page.goto(`/${lang}/account/sign-out/`);
    await page.goto(`/${lang}/account/signed-out/?everywhere=1`);
  }
  await expectValid(recorders, 'sign-in', LANGS.length * 6);
});

test('the parent area, each form with its errors, is valid HTML', async ({ browser }) => {
  test.setTimeout(180_000);
  const recorders: ReturnType<typeof recordSentHtml>[] = [];
  // The parent area: every page, and each form empty and with its errors.
  // A family of its own: the demo family's forms are being sent by other specs meanwhile.
  const state = await signInOnce(browser, freshParent('en'));
  const paths = await demoConferencePaths(browser, state);
  const parent = await tab(browser, state);
  recorders.push(parent.sent);
  for (const lang of LANGS) {
    await walkParentPages(parent.page, lang, paths, parent.sent.settle);
    await walkParentForms(parent.page, lang, paths, parent.sent.settle);
  }
  await parent.page.goto('/en/account/conferences/not-a-conference/');
  await expectValid(recorders, 'parent-area', LANGS.length * 14);
});

test('the staff pages are valid HTML', async ({ browser }) => {
  test.setTimeout(180_000);
  const recorders: ReturnType<typeof recordSentHtml>[] = [];
  // The staff area: the sign-in page and its error, then every page as an
  // administrator; the forms that add something are sent empty, for their
  // errors (the others would change the demo data other specs read).
  const staffVisitor = await tab(browser);
  recorders.push(staffVisitor.sent);
  await staffVisitor.page.goto('/staff/sign-in/');
  await staffVisitor.page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(staffVisitor.page.locator('.govuk-error-summary')).toBeVisible();
  await staffVisitor.page.goto('/staff/signed-out/');
  const staff = await tab(browser, await signInStaff(browser, DEMO_STAFF.admin));
  recorders.push(staff.sent);
  for (const url of staffRouteUrls().filter((u) => !u.endsWith('.csv'))) {
    await staff.page.goto(url);
    const forms = staff.page.locator('main form[method=post][novalidate]');
    if (/\/(new|team)\/$/.test(url) && (await forms.count()) > 0) {
      await forms.first().locator('button[type=submit]').first().click();
      await expect(staff.page.locator('.govuk-error-summary')).toBeVisible();
    }
    await staff.sent.settle();
  }
  await expectValid(recorders, 'staff', 10);
});
