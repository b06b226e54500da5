import { test, expect } from '../support/a11y-test';
import { DEMO_STAFF, enterEmailedCode, signInStaff } from '../support/staff-session';
import { staffRouteUrls } from '../support/staff-routes';
import { expectNoViolations } from '../support/axe';

// WCAG 2.2 A and AA on every staff page (found from src/pages/staff, not
// listed by hand) and on each form's error state. No rule is switched off.

// The sign-in steps and the refusal page, in turn: both sign the read-only
// member in, and the first leaves their app half set up.
test.describe('signing in, and a page refused', () => {
  test.describe.configure({ mode: 'serial' });

  test('the sign-in pages and their errors', async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await (await browser.newContext()).newPage();
    await page.goto('/staff/sign-in/');
    await expectNoViolations(page, 'sign-in');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await expect(page.locator('.govuk-error-summary')).toBeVisible();
    await expectNoViolations(page, 'sign-in with an error');
    await enterEmailedCode(page, DEMO_STAFF.readonly);
    await expectNoViolations(page, 'set up the app');
    await page.getByRole('button', { name: 'Start setting up' }).click();
    await expectNoViolations(page, 'set up the app: key and recovery codes');
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await expect(page.locator('.govuk-error-summary')).toBeVisible();
    await expectNoViolations(page, 'set up the app with an error');
    for (const path of ['/staff/sign-in/two-factor/', '/staff/sign-in/recovery/', '/staff/signed-out/']) {
      const fresh = await (await browser.newContext()).newPage();
      await fresh.goto(path);
      await expectNoViolations(fresh, path);
      const submit = fresh.getByRole('button', { name: 'Sign in' });
      if (await submit.count()) {
        await submit.click();
        await expect(fresh.locator('.govuk-error-summary')).toBeVisible();
        await expectNoViolations(fresh, `${path} with an error`);
      }
    }
  });

  test('the refusal page', async ({ browser }) => {
    const state = await signInStaff(browser, DEMO_STAFF.readonly);
    const page = await (await browser.newContext({ storageState: state })).newPage();
    const response = await page.goto('/staff/team/');
    expect(response?.status()).toBe(403);
    await expectNoViolations(page, 'refused');
  });
});

// Every staff page as an administrator, in two halves side by side (one sign-in: signInStaff).
for (const half of [0, 1]) {
  test(`every staff page, as an administrator, and each form with its errors (half ${half + 1} of 2)`, async ({
    browser,
  }) => {
    test.setTimeout(300_000);
    const state = await signInStaff(browser, DEMO_STAFF.admin);
    const page = await (await browser.newContext({ storageState: state })).newPage();
    // Downloads (the CSV for the chair's pack) are files, not pages.
    const urls = staffRouteUrls().filter((u) => !u.endsWith('.csv'));
    expect(urls.length).toBeGreaterThan(3);
    for (const url of urls.filter((_, i) => i % 2 === half)) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBeLessThan(400);
      await expectNoViolations(page, url);
      // Send each form empty: its error state must be accessible too.
      const forms = page.locator('main form[method=post][novalidate]');
      if ((await forms.count()) > 0) {
        await forms.first().locator('button[type=submit]').first().click();
        if (await page.locator('.govuk-error-summary').count()) await expectNoViolations(page, `${url} with errors`);
      }
    }
  });
}
