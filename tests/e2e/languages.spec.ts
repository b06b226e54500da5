import { test, expect } from '@playwright/test';
import { LANGUAGES, uiString } from './support';

test.describe('language navigation', () => {
  test('links to the same page in every other language', async ({ page }) => {
    await page.goto('/en/privacy/');
    const nav = page.getByRole('navigation', { name: 'Language' });
    // One control, closed at first: the page's heading stays on a phone's first screen.
    await expect(nav.getByRole('link')).toHaveCount(0);
    await nav.locator('summary').click();

    await expect(nav.locator('[aria-current="true"]')).toHaveText('English');
    await expect(nav.getByRole('link')).toHaveCount(LANGUAGES.length - 1);
    for (const { code, label, dir } of LANGUAGES.filter((l) => l.code !== 'en')) {
      const link = nav.getByRole('link', { name: label, exact: true });
      await expect(link).toHaveAttribute('href', `/${code}/privacy/`);
      await expect(link).toHaveAttribute('hreflang', code);
      await expect(link).toHaveAttribute('lang', code);
      await expect(link).toHaveAttribute('dir', dir);
    }
  });

  test('choosing Polski opens the same page in Polish', async ({ page }) => {
    await page.goto('/en/privacy/');
    await page.getByRole('navigation', { name: 'Language' }).locator('summary').click();
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Polski' }).click();

    await expect(page).toHaveURL('/pl/privacy/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.getByRole('navigation', { name: uiString('pl', 'nav.languageLabel') })).toBeVisible();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('"Language: English" opens the list of links, and Polski opens the page in Polish', async ({ page }) => {
      await page.goto('/en/privacy/');
      const nav = page.getByRole('navigation', { name: 'Language' });
      await nav.getByText('Language', { exact: true }).click();
      await nav.getByRole('link', { name: 'Polski' }).click();

      await expect(page).toHaveURL('/pl/privacy/');
    });
  });

  test('<head> names the page in every language and a default', async ({ page }) => {
    await page.goto('/en/privacy/');
    const alternates = await page
      .locator('head link[rel="alternate"][hreflang]')
      .evaluateAll((links) =>
        links.map((l) => [l.getAttribute('hreflang'), new URL(l.getAttribute('href') ?? '').pathname]),
      );

    expect(Object.fromEntries(alternates)).toEqual({
      ...Object.fromEntries(LANGUAGES.map(({ code }) => [code, `/${code}/privacy/`])),
      'x-default': '/',
    });
    expect(alternates).toHaveLength(LANGUAGES.length + 1);
  });
});

test('every language name is drawn from a font the site serves, on a page in any script', async ({ page }) => {
  // A phone may have no Bengali or Gurmukhi font: the names must not turn into boxes.
  for (const path of ['/en/', '/ur/', '/?choose']) {
    await page.goto(path);
    // Pages name the languages in their language menu, once it is open.
    const menu = page.getByRole('navigation', { name: /./ }).locator('summary');
    if (await menu.count()) await menu.click();
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts]
        .filter((f) => f.family.replace(/"/g, '').startsWith('Portal Names'))
        .map((f) => `${f.family}: ${f.status}`);
    });
    expect(faces.length, path).toBeGreaterThan(0);
    for (const face of faces) expect(face, path).toMatch(/: loaded$/);
  }
});

test.describe('the language chooser at /', () => {
  test('lists every language by its own name and works without JavaScript', async ({ browser }) => {
    // A Polish browser with JavaScript off must stay on the chooser.
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'pl-PL' });
    const page = await context.newPage();
    const response = await page.goto('/');

    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL('/');
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(main.getByRole('link')).toHaveCount(LANGUAGES.length);
    for (const { code, label, dir } of LANGUAGES) {
      const link = main.getByRole('link', { name: label });
      await expect(link).toHaveAttribute('href', `/${code}/`);
      await expect(link).toHaveAttribute('hreflang', code);
      const item = main.getByRole('listitem').filter({ has: page.getByRole('link', { name: label }) });
      await expect(item).toHaveAttribute('lang', code);
      await expect(item).toHaveAttribute('dir', dir);
    }

    await main.getByRole('link', { name: 'Español' }).click();
    await expect(page).toHaveURL('/es/');
    await context.close();
  });

  test.describe('with JavaScript and a Polish browser', () => {
    test.use({ locale: 'pl-PL' });

    test('goes straight to the Polish site', async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL('/pl/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
    });

    test('/?choose keeps the reader on the chooser', async ({ page }) => {
      await page.goto('/?choose');
      // Any redirect would be a request in flight; let the page settle first.
      await page.waitForLoadState('networkidle');

      await expect(page).toHaveURL('/?choose');
      await expect(page.getByRole('main').getByRole('link', { name: 'Polski' })).toBeVisible();
    });
  });

  // Chinese browsers say zh-CN (or zh, zh-SG); our code is zh-Hans, Chinese in simplified characters.
  test.describe('with JavaScript and a Chinese browser (zh-CN)', () => {
    test.use({ locale: 'zh-CN' });

    test('goes straight to the Chinese (Simplified) site', async ({ page }) => {
      await page.goto('/');
      await expect(page).toHaveURL('/zh-Hans/');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    });
  });

  test.describe('with JavaScript and a traditional Chinese browser (zh-TW)', () => {
    test.use({ locale: 'zh-TW' });

    test('stays on the chooser: the Chinese pages are in simplified characters', async ({ page }) => {
      await page.goto('/');
      await page.waitForLoadState('networkidle');
      await expect(page).toHaveURL('/');
      await expect(page.getByRole('main').getByRole('link', { name: '简体中文' })).toBeVisible();
    });
  });
});

// Pages and strings not translated yet (or out of date): tests/build/translation-state.test.ts.
test.describe('translation notices', () => {
  test('/en/ shows no translation notice', async ({ page }) => {
    await page.goto('/en/');

    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: uiString('en', 'notice.title') })).toHaveCount(0);
    await expect(page.getByText(uiString('en', 'notice.partlyTranslated'))).toHaveCount(0);
    await expect(page.getByText(uiString('en', 'notice.untranslated'))).toHaveCount(0);
  });
});

test('a language code typed in the wrong case leads to the page, not "page not found"', async ({ request }) => {
  for (const [asked, page] of [
    ['/zh-hans/what-is-a-conference/', '/zh-Hans/what-is-a-conference/'],
    ['/PL/', '/pl/'],
    ['/zh-hans/account/sign-in/?reason=timeout', '/zh-Hans/account/sign-in/?reason=timeout'],
  ] as const) {
    const response = await request.get(asked, { maxRedirects: 0 });
    expect(response.status(), asked).toBe(301);
    expect(response.headers()['location'], asked).toBe(page);
  }
  expect((await request.get('/xx/', { maxRedirects: 0 })).status()).toBe(404);
});
