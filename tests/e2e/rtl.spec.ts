import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { textEdges, uiString } from './support';

// Arabic, Urdu, Persian and Pashto read right to left: the page must mirror, not just its text.
// Each check measures the English page first and expects the mirror image.

const WIDTH = 1280;
const TOLERANCE = 24;
test.use({ viewport: { width: WIDTH, height: 800 } });

/** The council's name, the first line of the header's home page link. */
const councilName = (page: Page) => page.getByRole('banner').getByRole('link').first().locator('span').first();
const skipLink = (page: Page, lang: string) => page.getByRole('link', { name: uiString(lang, 'site.skipLink') });
const middle = ({ left, right }: { left: number; right: number }) => (left + right) / 2;

const FONTS = { ar: 'Portal Arabic', ur: 'Portal Urdu', fa: 'Portal Arabic', ps: 'Portal Arabic' } as const;

for (const lang of ['ar', 'ur', 'fa', 'ps'] as const) {
  test.describe(`/${lang}/ reads right to left`, () => {
    test('the page is rtl and the council name sits on the right', async ({ page }) => {
      await page.goto('/en/');
      const en = await textEdges(councilName(page));
      expect(en.left, 'English council name starts on the left').toBeLessThan(WIDTH / 4);

      await page.goto(`/${lang}/`);
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      const own = await textEdges(councilName(page));
      expect(middle(own), 'council name lies in the right half').toBeGreaterThan(WIDTH / 2);
      expect(Math.abs(WIDTH - own.right - en.left), 'council name mirrors the English one').toBeLessThan(TOLERANCE);
    });

    test('the skip link appears on the right when focused', async ({ page }) => {
      await page.goto('/en/');
      await page.keyboard.press('Tab');
      const en = await textEdges(skipLink(page, 'en'));
      expect(en.left, 'English skip link starts on the left').toBeLessThan(WIDTH / 4);

      await page.goto(`/${lang}/`);
      await page.keyboard.press('Tab');
      await expect(skipLink(page, lang)).toBeFocused();
      await expect(skipLink(page, lang)).toBeVisible();
      const own = await textEdges(skipLink(page, lang));
      expect(own.left, 'skip link text lies in the right half').toBeGreaterThan(WIDTH / 2);
      expect(Math.abs(WIDTH - own.right - en.left), 'skip link mirrors the English one').toBeLessThan(TOLERANCE);
    });

    test('a form mirrors: the error summary, the label and the box start on the right; screenshots for review', async ({
      page,
    }) => {
      const edges = async (path: string) => {
        await page.goto(path);
        await page.locator('main form button[type=submit]').first().click();
        await expect(page.locator('.govuk-error-summary')).toBeVisible();
        const box = (await page.locator('#email').boundingBox()) ?? { x: 0, width: 0 };
        return {
          summary: await textEdges(page.locator('.govuk-error-summary__title')),
          label: await textEdges(page.locator('label[for=email]')),
          input: { left: box.x, right: box.x + box.width },
        };
      };
      const en = await edges('/en/account/sign-in/');
      const own = await edges(`/${lang}/account/sign-in/`);
      for (const part of ['summary', 'label', 'input'] as const) {
        expect(Math.abs(WIDTH - own[part].right - en[part].left), `${part} mirrors the English one`).toBeLessThan(
          TOLERANCE,
        );
      }
      await page.screenshot({
        path: fileURLToPath(new URL(`../../test-results/screenshots/rtl-${lang}-form-error.png`, import.meta.url)),
        fullPage: true,
      });
      await page.goto(`/${lang}/how-to-complain/`);
      await page.screenshot({
        path: fileURLToPath(new URL(`../../test-results/screenshots/rtl-${lang}-complaints.png`, import.meta.url)),
        fullPage: true,
      });
    });

    test('its own font loads; full-page screenshot for review', async ({ page }) => {
      await page.goto(`/${lang}/`);
      const loaded = await page.evaluate(async (family) => {
        await document.fonts.ready;
        return [...document.fonts].some((f) => f.family.replace(/"/g, '') === family && f.status === 'loaded');
      }, FONTS[lang]);
      expect(loaded, `${FONTS[lang]} is used`).toBe(true);

      const path = fileURLToPath(new URL(`../../test-results/screenshots/rtl-${lang}.png`, import.meta.url));
      await page.screenshot({ path, fullPage: true });
    });
  });
}

test('breadcrumbs on /ar/privacy/ start from the right', async ({ page }) => {
  await page.goto('/en/privacy/');
  const enItems = page.getByRole('navigation', { name: uiString('en', 'breadcrumbs.label') }).getByRole('listitem');
  const enHome = await textEdges(enItems.first());

  await page.goto('/ar/privacy/');
  const items = page.getByRole('navigation', { name: uiString('ar', 'breadcrumbs.label') }).getByRole('listitem');
  await expect(items.first()).toHaveText(uiString('ar', 'breadcrumbs.home'));
  const home = await textEdges(items.first());
  const current = await textEdges(items.last());

  expect(home.left, 'Home is right of the current page').toBeGreaterThan(current.right);
  expect(home.left, 'Home lies in the right half').toBeGreaterThan(WIDTH / 2);
  expect(Math.abs(WIDTH - home.right - enHome.left), 'Home mirrors its English place').toBeLessThan(TOLERANCE);
});
