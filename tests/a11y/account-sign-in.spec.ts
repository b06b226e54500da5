import { test, expect } from '../support/a11y-test';
import { expectNoViolations } from '../support/axe';
import { LOCALE_CODES } from '~/config/locales';

// Every language: the sign-in page, the first a parent sees, with its error and
// its timeout message. The code and sign-out pages (the same components, other
// words) in one language of each direction and kind of script, so the suite
// keeps within its time with 21 languages. One test a language, in one browser page.
const EVERY_STEP = new Set(['en', 'ar', 'ur', 'ta', 'zh-Hans']);
for (const lang of LOCALE_CODES) {
  test(`signing in, in ${lang}: ${EVERY_STEP.has(lang) ? 'every page and error' : 'the sign-in page and its errors'}`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await test.step('the sign-in page, its error and its timeout message', async () => {
      await page.goto(`/${lang}/account/sign-in/`);
      await expectNoViolations(page, 'sign-in');
      await page.locator('#email').fill('not-an-address');
      await page.locator('form button[type=submit]').click();
      await expect(page.locator('.govuk-error-summary')).toBeVisible();
      await expectNoViolations(page, 'sign-in with an error');
      await page.goto(`/${lang}/account/sign-in/?reason=timeout`);
      await expectNoViolations(page, 'sign-in after a timeout');
    });

    if (!EVERY_STEP.has(lang)) return;
    await test.step('the code page and its error', async () => {
      await page.goto(`/${lang}/account/sign-in/`);
      // An address nobody has: the pages are the same, and no parent's codes are used up.
      await page.locator('#email').fill(`axe.${lang}@example.test`);
      await page.locator('form button[type=submit]').click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/account/sign-in/code/$`));
      await expectNoViolations(page, 'code');
      await page.locator('#code').fill('12');
      await page.locator('form button[type=submit]').click();
      await expect(page.locator('.govuk-error-summary')).toBeVisible();
      await expectNoViolations(page, 'code with a format error');
      await page.locator('#code').fill('123456');
      await page.locator('form button[type=submit]').click();
      await expect(page.locator('.govuk-error-summary')).toBeVisible();
      await expectNoViolations(page, 'code with a wrong code');
    });

    await test.step('the sign-out and signed-out pages', async () => {
      await page.goto(`/${lang}/account/sign-out/`);
      await expectNoViolations(page, 'sign-out');
      await page.goto(`/${lang}/account/signed-out/?everywhere=1`);
      await expectNoViolations(page, 'signed-out');
    });
  });
}

test('a signed-in page with the timeout warning open', async ({ page }) => {
  const { latestCode, emailsTo, DEMO_PARENTS } = await import('../support/outbox');
  const email = DEMO_PARENTS[0];
  await page.clock.install();
  const before = emailsTo(email, 'sign-in-code').length;
  await page.goto('/en/account/sign-in/');
  await page.locator('#email').fill(email);
  await page.locator('form button[type=submit]').click();
  await page.locator('#code').fill(await latestCode(email, before));
  await page.locator('form button[type=submit]').click();
  await expect(page).toHaveURL(/\/en\/account\/$/);
  await expectNoViolations(page, 'account home');
  await page.clock.fastForward('28:05');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoViolations(page, 'the timeout warning');
});
