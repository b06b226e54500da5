import { test, expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce } from '../support/parent-session';

// WCAG 2.2 A and AA on every signed-in page of the parent area and on each
// form's error state, in English and in Arabic (right to left). No rule is
// switched off. One sign-in for the whole file (the sign-in limits).
test.describe.configure({ mode: 'serial' });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
let state: string;
let upcoming: string;
let past: string;

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `violations on ${what}`).toEqual([]);
}

async function signedIn(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: state })).newPage();
}

test.beforeAll(async ({ browser }) => {
  state = await signInOnce(browser, DEMO_PARENTS[0], 'test-results/a11y-parent-one.json');
  const page = await signedIn(browser);
  await page.goto('/en/account/');
  const links = page.locator('section.portal-conference-card').getByRole('link', { name: /See this conference/ });
  const path = async (i: number) => new URL((await links.nth(i).getAttribute('href')) ?? '', page.url()).pathname.replace(/^\/en\//, '');
  upcoming = await path(0);
  past = await path(1);
  await page.context().close();
});

for (const lang of ['en', 'ar']) {
  test.describe(`the parent area in ${lang}`, () => {
    test('the list of conferences, a conference, and its reports', async ({ browser }) => {
      const page = await signedIn(browser);
      for (const path of ['account/', upcoming, `${upcoming}reports/`, past, `${past}reports/`]) {
        await page.goto(`/${lang}/${path}`);
        await expect(page.locator('main h1')).toBeVisible();
        await expectNoViolations(page, path);
      }
    });

    test('each form, empty and with its errors', async ({ browser }) => {
      const page = await signedIn(browser);
      for (const form of ['supporter', 'interpreter', 'attendance']) {
        await page.goto(`/${lang}/${upcoming}${form}/`);
        await expectNoViolations(page, form);
        // Too long a text shows the length error as well as the others.
        const textarea = page.locator('textarea').last();
        if (await textarea.count()) await textarea.fill('a'.repeat(5001));
        if (form === 'interpreter') await page.locator('input[name=forWhom][value=other]').check();
        await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
        await expect(page.locator('.govuk-error-summary')).toBeVisible();
        await expectNoViolations(page, `${form} with errors`);
      }
      await page.goto(`/${lang}/${upcoming}complaint/`);
      await expectNoViolations(page, 'complaint before the conference');
      await page.goto(`/${lang}/${past}complaint/`);
      await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
      await expect(page.locator('.govuk-error-summary')).toBeVisible();
      await expectNoViolations(page, 'complaint with errors');
    });
  });
}

test('the pages after a form is sent: success banner, what was sent, the complaint acknowledgement', async ({ browser }) => {
  const page = await signedIn(browser);
  await page.goto(`/en/${upcoming}supporter/`);
  await page.locator('#name').fill('Jo Bloggs');
  await page.locator('#relationship').fill('my sister');
  await page.locator('#isSolicitor-2').check();
  await page.locator('#email').fill('jo@example.test');
  await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
  await expect(page.locator('.govuk-notification-banner--success')).toBeVisible();
  await expectNoViolations(page, 'conference with a success banner');
  await page.goto(`/en/${upcoming}supporter/`);
  await expectNoViolations(page, 'supporter named, with change and withdraw');

  await page.goto(`/en/${past}complaint/`);
  await page.locator('#about').check();
  await page.locator('#details').fill('The meeting started late.');
  await page.locator('form:not([data-sign-out]) button[type=submit]').first().click();
  await expect(page.locator('.govuk-panel')).toBeVisible();
  await expectNoViolations(page, 'complaint acknowledgement');
  await page.goto(`/ar/${past}complaint/`);
  await expectNoViolations(page, 'complaint page with a complaint made, in Arabic');
  await page.goto(`/en/${past}supporter/`);
  await expectNoViolations(page, 'supporter after the notice period');
});
