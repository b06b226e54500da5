import { test, expect, type Page } from '@playwright/test';
import { freshParent } from '../support/fresh-family';
import { signInOnce } from '../support/parent-session';
import { DESKTOP_WALK_LANGS, demoConferencePaths, walkParentForms, walkParentPages } from '../support/parent-area-walk';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';
import { staffRouteUrls } from '../support/staff-routes';
import { sidewaysScroll } from '../support/sideways';

// Nothing to scroll sideways at 320 px, at normal and at 200% text size, on
// the pages rendered on demand (tests/a11y/built-pages.spec.ts walks the built pages):
// signing in in English, Arabic and Urdu; every page of the parent area and
// each form with its errors in English and Arabic; and every staff page. The
// other languages' parent areas (Urdu's among them) are walked at 320 px,
// with this check and axe on each page and form, by
// tests/a11y/account-languages.spec.ts. On the staff pages, each stacked table
// cell also names its column.
test.use({ viewport: { width: 320, height: 640 } });

/** The languages whose parent area account-languages.spec.ts does not walk at 320 px. */
const WALKED_HERE = new Set<string>(DESKTOP_WALK_LANGS);

for (const lang of ['en', 'ar', 'ur']) {
  const walk = WALKED_HERE.has(lang);
  test(`signing in${walk ? ' and the parent area' : ''} in ${lang}, at 100% and 200% text`, async ({
    browser,
    page,
  }) => {
    test.setTimeout(180_000);
    const problems: string[] = [];
    let checked = 0;
    const check = async (p: Page, what: string) => {
      checked++;
      await sidewaysScroll(p, what, problems);
    };

    await page.goto(`/${lang}/account/sign-in/`);
    await check(page, `/${lang}/account/sign-in/`);
    await page.locator('#email').fill('not-an-address');
    await page.locator('form button[type=submit]').click();
    await expect(page.locator('.govuk-error-summary')).toBeVisible();
    await check(page, `/${lang}/account/sign-in/ with an error`);
    // An address nobody has: the same pages, and no parent's codes are used up.
    await page.locator('#email').fill(`narrow.${lang}@example.test`);
    await page.locator('form button[type=submit]').click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/account/sign-in/code/$`));
    await check(page, `/${lang}/account/sign-in/code/`);
    if (!walk) {
      expect(problems).toEqual([]);
      return;
    }

    // A family of its own: the demo family's forms are being sent by other specs meanwhile.
    const state = await signInOnce(browser, freshParent(lang));
    const paths = await demoConferencePaths(browser, state);
    const parent = await (
      await browser.newContext({ storageState: state, viewport: { width: 320, height: 640 } })
    ).newPage();
    await walkParentPages(parent, lang, paths, check);
    await walkParentForms(parent, lang, paths, check);
    expect(checked).toBeGreaterThan(12);
    expect(problems).toEqual([]);
  });
}

test('every staff page, at 100% and 200% text, each stacked table cell naming its column', async ({
  browser,
  page: visitor,
}) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  await visitor.goto('/staff/sign-in/');
  await visitor.getByRole('button', { name: 'Send me a code' }).click();
  await expect(visitor.locator('.govuk-error-summary')).toBeVisible();
  await sidewaysScroll(visitor, '/staff/sign-in/ with an error', problems);
  const state = await signInStaff(browser, DEMO_STAFF.admin);
  const page = await (
    await browser.newContext({ storageState: state, viewport: { width: 320, height: 640 } })
  ).newPage();
  const urls = staffRouteUrls().filter((u) => !u.endsWith('.csv'));
  expect(urls.length).toBeGreaterThan(3);
  let labelled = 0;
  for (const url of urls) {
    await page.goto(url);
    await sidewaysScroll(page, url, problems);
    const cells = await unlabelledCells(page, url);
    labelled += cells.checked;
    problems.push(...cells.problems);
  }
  expect(labelled, 'stacked table cells checked').toBeGreaterThan(10);
  expect(problems).toEqual([]);
});

/**
 * On each stacking table, the data cells of columns with a shown heading:
 * how many, and those that do not name their column (data-label, shown
 * before the stacked cell). A column of buttons or links, headed for screen
 * readers only, needs none.
 */
function unlabelledCells(page: Page, url: string): Promise<{ checked: number; problems: string[] }> {
  return page.evaluate((url) => {
    const problems: string[] = [];
    let checked = 0;
    for (const table of document.querySelectorAll('table.portal-table-reflow')) {
      const heads = [...table.querySelectorAll('thead th')].map((th) =>
        th.querySelector('.govuk-visually-hidden') ? null : (th.textContent ?? '').trim(),
      );
      for (const row of table.querySelectorAll('tbody tr')) {
        [...row.children].forEach((cell, i) => {
          const head = heads[i];
          if (cell.tagName !== 'TD' || !head) return;
          checked++;
          if (cell.getAttribute('data-label') !== head)
            problems.push(`${url}: a "${head}" cell is labelled "${cell.getAttribute('data-label') ?? ''}"`);
        });
      }
    }
    return { checked, problems };
  }, url);
}
