import { readFileSync, readdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { LANGUAGES, uiString } from './support';

// Pagefind search, per language, and the A to Z list that stands in for it
// without JavaScript.

test('searching the English guide for "complain" finds the complaints page, and says how many results', async ({
  page,
}) => {
  await page.goto('/en/search/');
  await page.getByLabel('Search', { exact: true }).fill('complain');
  await page.getByRole('button', { name: 'Search' }).click();
  const status = page.locator('#search-status');
  await expect(status).toHaveText(/^\d+ results? for “complain”$/);
  await expect(page.locator('#search-results a').first()).toHaveAttribute('href', '/en/how-to-complain/');
  await expect(page.locator('#search-results mark').first()).toBeVisible();
});

test('searching for "solicitor" finds the page about bringing someone with you', async ({ page }) => {
  await page.goto('/en/search/?q=solicitor');
  await expect(page.locator('#search-status')).toContainText('for “solicitor”');
  await expect(page.locator('#search-results a[href="/en/bringing-a-supporter/"]')).toBeVisible();
});

test('a word that is nowhere says so, and points to the list', async ({ page }) => {
  await page.goto('/en/search/?q=xylophone');
  await expect(page.locator('#search-status')).toHaveText(
    'No results for “xylophone”. Try a different word, or look in the list of pages below.',
  );
  await expect(page.locator('#search-results li')).toHaveCount(0);
});

test('the Arabic search page is right to left and speaks Arabic', async ({ page }) => {
  await page.goto(`/ar/search/?q=${encodeURIComponent('شكوى')}`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(uiString('ar', 'search.title'));
  await expect(page.locator('#search-status')).toContainText('شكوى');
  await expect(page.locator('#search-results a').first()).toHaveAttribute('href', /^\/ar\//);
});

test('without JavaScript, the search box is hidden and the A to Z list links to every guidance page', async ({
  browser,
}) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto('/en/search/');
  await expect(page.locator('#portal-search')).toBeHidden();
  const links = page.locator('#search-a-to-z a');
  const home = await (await browser.newContext()).newPage();
  await home.goto('/en/');
  const guide = await home
    .locator('main a[href^="/en/"]')
    .evaluateAll((as) =>
      [...new Set(as.map((a) => a.getAttribute('href') ?? ''))].filter(
        (h) => !/\/(timeline|glossary|account|search)\//.test(h) && h !== '/en/',
      ),
    );
  expect(guide.length).toBeGreaterThanOrEqual(12);
  const listed = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of guide) expect(listed).toContain(href);
  const titles = await links.allTextContents();
  expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en')));
});

test('every page links to search', async ({ page }) => {
  await page.goto('/pl/how-to-complain/');
  await page.getByRole('link', { name: 'Szukaj' }).click();
  await expect(page).toHaveURL(/\/pl\/search\/$/);
});

/** The words of a page's title, in its own script (letters and marks, 4 or more). */
const titleWords = (mdx: string) => (/^title:\s*"?(.*?)"?\s*$/m.exec(mdx)?.[1] ?? '').match(/[\p{L}\p{M}]{4,}/gu) ?? [];

for (const { code } of LANGUAGES) {
  test(`searching in ${code} for a word from its own complaints page finds that page`, async ({ page }) => {
    const dir = `content/guidance/${code}`;
    const pages = readdirSync(dir).map((f) => readFileSync(`${dir}/${f}`, 'utf8').toLowerCase());
    // The title word of the complaints page that the fewest other pages use.
    const words = titleWords(readFileSync(`${dir}/how-to-complain.mdx`, 'utf8')).map((w) => w.toLowerCase());
    expect(words.length, `a word in the title of ${dir}/how-to-complain.mdx`).toBeGreaterThan(0);
    const word =
      words.sort((a, b) => pages.filter((p) => p.includes(a)).length - pages.filter((p) => p.includes(b)).length)[0] ??
      '';
    await page.goto(`/${code}/search/?q=${encodeURIComponent(word)}`);
    await expect(page.locator('#search-status')).toContainText(word);
    await expect(page.locator(`#search-results a[href="/${code}/how-to-complain/"]`).first()).toBeVisible();
  });
}
