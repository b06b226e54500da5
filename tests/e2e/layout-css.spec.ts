import { test, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce, type SessionState } from '../support/parent-session';
import { textEdges } from './support';

// Layout on a cheap phone (320 px wide), at normal and at 200% text size, and
// in right-to-left pages: the reports table reflows into stacked rows, long
// web addresses wrap, contact labels are in the page's font, and a value in
// Latin letters on an Arabic page sits beside its label.

// One worker signs the demo parent in once (the sign-in limits); the tests share the session.
test.describe.configure({ mode: 'serial' });

const [PARENT_ONE] = DEMO_PARENTS;
let session: SessionState;

test.beforeAll(async ({ browser }) => {
  session = await signInOnce(browser, PARENT_ONE);
});

async function signedIn(browser: Browser, width: number): Promise<Page> {
  const context = await browser.newContext({ storageState: session, viewport: { width, height: 800 } });
  return context.newPage();
}

/** Text zoomed to 200% (every size is in rem), as a browser's text-size setting does. */
const bigText = (page: Page) => page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The box of an element, relative to the window. */
const box = (locator: Locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });

/** The first upcoming conference's page, from the parent's list. */
async function conferencePath(page: Page, lang: string): Promise<string> {
  await page.goto('/en/account/');
  const href = await page
    .locator('section.portal-conference-card')
    .first()
    .getByRole('link')
    .last()
    .getAttribute('href');
  expect(href).toMatch(/^\/en\/account\/conferences\/[^/]+\/$/);
  return (href ?? '').replace(/^\/en\//, `/${lang}/`);
}

test('the reports table reflows at 320 px: each report a block, its download link on screen, at 100% and 200% text', async ({
  browser,
}) => {
  const page = await signedIn(browser, 320);
  for (const lang of ['en', 'ar']) {
    await page.goto(`${await conferencePath(page, lang)}reports/`);
    const rows = page.locator('table tbody tr');
    await expect(rows).toHaveCount(2);
    for (const zoom of ['100%', '200%']) {
      if (zoom === '200%') await bigText(page);
      expect(await overflow(page), `/${lang}/ reports at ${zoom}: nothing to scroll sideways`).toBeLessThanOrEqual(0);
      const links = page.locator('table tbody a[download]');
      for (let i = 0; i < (await links.count()); i++) {
        const b = await box(links.nth(i));
        expect(b.left, `/${lang}/ download link ${i + 1} at ${zoom} starts on screen`).toBeGreaterThanOrEqual(0);
        expect(b.right, `/${lang}/ download link ${i + 1} at ${zoom} ends on screen`).toBeLessThanOrEqual(320);
      }
      // Stacked: the file cell sits below the report's name, not beside it.
      const first = rows.first();
      const name = await box(first.locator('th'));
      const file = await box(first.locator('td').last());
      expect(file.top, `/${lang}/ at ${zoom}: the download is under the report's name`).toBeGreaterThanOrEqual(
        name.bottom - 1,
      );
      // The caption keeps the table's width (a block, not a column one letter wide).
      const caption = await box(page.locator('table caption'));
      expect(caption.right - caption.left, `/${lang}/ at ${zoom}: the caption spans the screen`).toBeGreaterThan(200);
      // Each stacked cell says which column it is.
      await expect(first.locator('td').last()).toHaveAttribute('data-label', /.+/);
    }
  }
  await page.context().close();
});

test('long web addresses and email addresses wrap at 320 px with 200% text', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/en/', '/ar/', '/pl/how-to-complain/', '/en/independent-help/']) {
    await page.goto(path);
    await bigText(page);
    const addresses = page.locator(
      ':is(main, footer) :is(a.portal-ltr, a[href^="mailto:"], a[href^="http"]):not(.govuk-visually-hidden *)',
    );
    const count = await addresses.count();
    expect(count, `${path} shows web or email addresses`).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const link = addresses.nth(i);
      if (!(await link.isVisible())) continue;
      const b = await box(link);
      expect(b.right, `${path}: "${await link.textContent()}" fits the screen`).toBeLessThanOrEqual(320);
      expect(b.left, `${path}: "${await link.textContent()}" fits the screen`).toBeGreaterThanOrEqual(0);
    }
    await expect(page.getByRole('link', { name: 'www.kingston.gov.uk' }).first()).toBeVisible();
    expect(await overflow(page), `${path} at 200% text`).toBeLessThanOrEqual(0);
  }
});

const FONTS: Record<string, string> = {
  en: 'Portal Latin',
  pl: 'Portal Latin',
  ar: 'Portal Arabic',
  ur: 'Portal Urdu',
  bn: 'Portal Bengali',
  pa: 'Portal Gurmukhi',
  gu: 'Portal Gujarati',
  ta: 'Portal Tamil',
};

test("contact labels (Ask for, Phone, Website) use their language's font, never the browser's serif", async ({
  page,
}) => {
  for (const lang of Object.keys(FONTS)) {
    await page.goto(`/${lang}/`);
    const labels = page.locator('.portal-contacts dt');
    expect(await labels.count(), `/${lang}/ has contact labels`).toBeGreaterThan(2);
    // Each label's own language: the page's, or English where a label (a
    // service's name) is given in English.
    const found = await labels.evaluateAll((els) =>
      els.map((el) => ({
        text: el.textContent?.trim() ?? '',
        lang: el.closest('[lang]')?.getAttribute('lang') ?? '',
        family: getComputedStyle(el).fontFamily,
      })),
    );
    expect(found.filter((l) => l.lang === lang).length, `/${lang}/ has labels in its own language`).toBeGreaterThan(1);
    for (const { text, lang: own, family } of found) {
      const font = FONTS[own] ?? 'Portal Latin';
      expect(family, `/${lang}/ contact label "${text}" (${own})`).toMatch(new RegExp(`^"?${font}"?,`));
    }
  }
});

test('in an Arabic summary list, a name in Latin letters sits beside its label, not at the far edge', async ({
  browser,
}) => {
  const page = await signedIn(browser, 1280);
  const gap = async (lang: string) => {
    await page.goto(await conferencePath(page, lang));
    // The chair's name is in Latin letters in every language (the demo's "Priya Shah").
    const row = page.locator('.govuk-summary-list__row').filter({ hasText: 'Priya Shah' }).first();
    const key = await box(row.locator('.govuk-summary-list__key'));
    const value = await textEdges(row.locator('.govuk-summary-list__value'));
    return lang === 'ar' ? key.left - value.right : value.left - key.right;
  };
  const en = await gap('en');
  const ar = await gap('ar');
  console.log(`gap between the chair's label and name: en ${Math.round(en)} px, ar ${Math.round(ar)} px`);
  expect(ar, 'the Latin name starts where an Arabic value would, beside its label').toBeLessThan(en + 40);
  await page.context().close();
});
