import { test, expect } from '@playwright/test';
import { uiString } from './support';

test.describe('on a 320 px wide phone', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const lang of ['en', 'ar']) {
    test(`/${lang}/ needs no sideways scrolling`, async ({ page }) => {
      await page.goto(`/${lang}/`);
      await page.evaluate(() => document.fonts.ready);

      const widest = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(widest).toBeLessThanOrEqual(320);
    });
  }
});

for (const lang of ['en', 'ar']) {
  test(`on /${lang}/ the skip link comes first and leads into the main content`, async ({ page }) => {
    await page.goto(`/${lang}/`);

    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: uiString(lang, 'site.skipLink') });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeVisible();

    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/${lang}/#main-content`);
    // Whether focus lands on <main> or just starts from there, the next Tab stays inside main.
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest('main')), { message: 'focus is inside <main>' })
      .toBe(true);
  });
}

test('the footer gives the council contacts and links to the site information pages', async ({ page }) => {
  await page.goto('/en/');
  const footer = page.getByRole('contentinfo');

  await expect(footer.getByRole('heading', { name: /^Contact / })).toBeVisible();
  const phones = footer.locator('a[href^="tel:"]');
  expect(await phones.count(), 'at least one phone link').toBeGreaterThan(0);
  for (const phone of await phones.all()) {
    const digits = ((await phone.textContent()) ?? '').replace(/\D/g, '');
    const dialled = ((await phone.getAttribute('href')) ?? '').replace(/\D/g, '');
    expect(digits.length, 'a phone number is shown').toBeGreaterThan(6);
    expect(dialled, 'the link dials the number shown').toBe(digits);
  }

  const pages = [
    { name: uiString('en', 'footer.accessibility'), path: '/en/accessibility/' },
    { name: uiString('en', 'footer.privacy'), path: '/en/privacy/' },
    { name: uiString('en', 'footer.cookies'), path: '/en/cookies/' },
  ];
  for (const { name, path } of pages) {
    await expect(footer.getByRole('link', { name, exact: true })).toHaveAttribute('href', path);
  }
  for (const { path } of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
});

test('printing leaves out Exit this page and the language menu', async ({ page }) => {
  await page.goto('/en/');
  const exit = page.getByRole('button', { name: uiString('en', 'exit.button') });
  const languages = page.getByRole('navigation', { name: uiString('en', 'nav.languageLabel') });
  await expect(exit).toBeVisible();
  await expect(languages).toBeVisible();

  await page.emulateMedia({ media: 'print' });

  await expect(exit).toBeHidden();
  await expect(languages).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
