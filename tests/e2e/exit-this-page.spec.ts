import { test, expect, type Page } from '@playwright/test';
import { EXIT_URL, fakeExitSite, uiString } from './support';

// "Exit this page" must get a parent off the site at once: by mouse, by
// pressing Shift three times, and with JavaScript switched off.

const exitButton = (page: Page, lang: string) => page.getByRole('button', { name: uiString(lang, 'exit.button') });
const exitStatus = (page: Page) => page.locator('.govuk-exit-this-page [role="status"]');
/** The enhancement script has run: the button carries the Shift-key indicator. */
const enhanced = (page: Page) => expect(page.locator('.govuk-exit-this-page__indicator')).toBeAttached();

for (const lang of ['en', 'ar']) {
  test.describe(`Exit this page on /${lang}/`, () => {
    test('clicking the button goes to the neutral site', async ({ page }) => {
      await fakeExitSite(page);
      await page.goto(`/${lang}/`);
      await enhanced(page);

      await exitButton(page, lang).click();

      await expect(page).toHaveURL(EXIT_URL);
      await expect(page).toHaveTitle('Weather');
    });

    test('pressing Shift 3 times goes to the neutral site', async ({ page }) => {
      await fakeExitSite(page);
      await page.goto(`/${lang}/privacy/`);
      await enhanced(page);

      await page.keyboard.press('Shift');
      await expect(exitStatus(page)).toHaveText(uiString(lang, 'exit.pressTwoMoreTimes'));
      await page.keyboard.press('Shift');
      await expect(exitStatus(page)).toHaveText(uiString(lang, 'exit.pressOneMoreTime'));
      await page.keyboard.press('Shift');

      await expect(page).toHaveURL(EXIT_URL);
    });

    test('pressing Shift once does not leave the page', async ({ page }) => {
      const visitedExitSite = await fakeExitSite(page);
      await page.goto(`/${lang}/privacy/`);
      await enhanced(page);

      await page.keyboard.press('Shift');
      await expect(exitStatus(page)).toHaveText(uiString(lang, 'exit.pressTwoMoreTimes'));
      // The component forgets a lone press after 5 seconds and says so.
      await expect(exitStatus(page)).toHaveText(uiString(lang, 'exit.timedOut'), { timeout: 10_000 });

      await expect(page).toHaveURL(`/${lang}/privacy/`);
      expect(visitedExitSite()).toBe(false);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });
  });

  test.describe(`Exit this page on /${lang}/ without JavaScript`, () => {
    test.use({ javaScriptEnabled: false });

    test('the button is a plain link to the neutral site', async ({ page }) => {
      await fakeExitSite(page);
      await page.goto(`/${lang}/`);
      await expect(page.locator('.govuk-exit-this-page__indicator')).toHaveCount(0);

      const button = exitButton(page, lang);
      await expect(button).toHaveAttribute('href', EXIT_URL);
      await button.click();

      await expect(page).toHaveURL(EXIT_URL);
      await expect(page).toHaveTitle('Weather');
    });
  });
}
