import { test, expect, type Page } from '@playwright/test';
import { EXIT_URL, fakeExitSite, uiString } from './support';
import { builtPages } from '../support/built-pages';

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
      // The page's clock, moved on by the test: the 5 seconds pass at once.
      await page.clock.install();
      await page.goto(`/${lang}/privacy/`);
      await enhanced(page);

      await page.keyboard.press('Shift');
      await expect(exitStatus(page)).toHaveText(uiString(lang, 'exit.pressTwoMoreTimes'));
      // The component forgets a lone press after 5 seconds and says so; not before.
      await page.clock.runFor(4_900);
      await expect(exitStatus(page)).toHaveText(uiString(lang, 'exit.pressTwoMoreTimes'));
      await page.clock.runFor(200);
      await expect(exitStatus(page)).toHaveText(uiString(lang, 'exit.timedOut'));

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

// The button is for a parent whose abuser may walk in: it must be on screen
// wherever they are on a page, on a phone or a desktop, in any direction of
// writing, with or without JavaScript; and at the top it hides nothing.
/** Where the button is: fully in the window, and (at the top of a page) whether the header starts below it. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const button = document.querySelector('.govuk-exit-this-page__button')?.getBoundingClientRect();
    const bar = document.querySelector('.portal-exit')?.getBoundingClientRect();
    const header = document.querySelector('header')?.getBoundingClientRect();
    const inView =
      !!button &&
      button.height > 0 &&
      button.top >= 0 &&
      button.left >= 0 &&
      button.right <= innerWidth + 0.5 &&
      button.bottom <= innerHeight + 0.5;
    return { inView, headerBelow: !!bar && !!header && header.top >= bar.bottom - 0.5 };
  });

for (const lang of ['en', 'ar', 'ur']) {
  for (const javaScriptEnabled of [true, false]) {
    test.describe(`Exit this page stays in view on every /${lang}/ page, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ javaScriptEnabled });

      test('at 320 px and 1280 px, at the top and scrolled to the bottom', async ({ page }) => {
        test.setTimeout(120_000);
        const pages = builtPages().filter((p) => p.startsWith(`/${lang}/`));
        expect(pages.length).toBeGreaterThan(10);
        const problems: string[] = [];
        // One load per page, both widths: the suite stays quick.
        for (const path of pages) {
          await page.setViewportSize({ width: 320, height: 640 });
          await page.goto(path);
          for (const width of [320, 1280]) {
            await page.setViewportSize({ width, height: 640 });
            await page.evaluate(() => window.scrollTo(0, 0));
            const top = await measure(page);
            if (!top.inView) problems.push(`${path} at ${width} px: not in view at the top`);
            if (!top.headerBelow) problems.push(`${path} at ${width} px: the header is under the button`);
            await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
            await page.waitForFunction(
              () => window.scrollY > 0 || document.documentElement.scrollHeight <= innerHeight,
            );
            if (!(await measure(page)).inView) problems.push(`${path} at ${width} px: not in view at the bottom`);
          }
        }
        expect(problems).toEqual([]);
      });
    });
  }
}

test('Exit this page is the first thing Tab reaches after the skip link', async ({ page }) => {
  for (const path of ['/en/', '/ur/what-is-a-conference/', '/']) {
    await page.goto(path);
    await page.keyboard.press('Tab');
    await expect(page.locator('.govuk-skip-link')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator('.govuk-exit-this-page__button')).toBeFocused();
  }
});
