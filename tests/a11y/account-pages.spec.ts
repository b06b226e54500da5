import { test, expect, type Browser, type Page } from '../support/a11y-test';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce, type SessionState } from '../support/parent-session';
import { DESKTOP_WALK_LANGS, demoConferencePaths, walkParentForms, walkParentPages } from '../support/parent-area-walk';
import { expectNoViolations } from '../support/axe';
import { freshParent } from '../support/fresh-family';

// WCAG 2.2 A and AA on every signed-in page of the parent area and on each
// form's error state, in English and in Arabic (right to left). No rule is
// switched off. The walks share one sign-in (the sign-in limits: signInOnce)
// and send no form successfully; the pages after a form is sent are reached
// by a family of their own, so the tests run side by side.

let state: SessionState;
let upcoming: string;
let past: string;

async function signedIn(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: state })).newPage();
}

test.beforeAll(async ({ browser }) => {
  state = await signInOnce(browser, DEMO_PARENTS[0]);
  ({ upcoming, past } = await demoConferencePaths(browser, state));
});

// English and Arabic here; the other languages in account-languages.spec.ts.
for (const lang of DESKTOP_WALK_LANGS) {
  test.describe(`the parent area in ${lang}`, () => {
    // Each walk runs axe over a dozen pages and form states: as account-languages.spec.ts allows.
    test.describe.configure({ timeout: 120_000 });
    test('the list of conferences, a conference, and its reports', async ({ browser }) => {
      await walkParentPages(await signedIn(browser), lang, { upcoming, past });
    });

    test('each form, empty and with its errors', async ({ browser }) => {
      await walkParentForms(await signedIn(browser), lang, { upcoming, past });
    });
  });
}

test('the pages after a form is sent: success banner, what was sent, the complaint acknowledgement', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const own = await signInOnce(browser, freshParent('en'));
  const { upcoming, past } = await demoConferencePaths(browser, own);
  const page = await (await browser.newContext({ storageState: own })).newPage();
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
