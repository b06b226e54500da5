import { test, expect, type Browser } from '@playwright/test';

// A phone downloads only the fonts its page's language needs (src/styles/_fonts.scss):
// an English page the Latin file, never latin-ext (56 KB for the "ă" in "Română"
// in the language menu) nor Cyrillic (for "Русский": a small file of its letters
// instead); a Russian or Bulgarian page the Cyrillic file, never latin-ext; an Urdu page one
// Nastaliq file of ~160 KB, not two.
// Each page is opened in a new browser context, so nothing comes from the cache.

/** The font files a page asks for, with the language menu open (every language's name shows). */
async function fontsFor(browser: Browser, path: string, width: number, openMenu = true): Promise<string[]> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'font') fonts.push(new URL(r.url()).pathname.replace(/^\/_astro\//, ''));
  });
  await page.goto(path);
  const menu = page.locator('details.portal-lang__details');
  if (openMenu && (await menu.count())) await menu.locator('summary').click();
  await page.evaluate(() => document.fonts.ready);
  await context.close();
  return fonts.sort();
}

for (const width of [320, 1280]) {
  test(`an English page loads no latin-ext font file, at ${width} px`, async ({ browser }) => {
    for (const path of ['/en/', '/en/what-is-a-conference/', '/en/timeline/', '/en/glossary/']) {
      const fonts = await fontsFor(browser, path, width);
      console.log(`${path} at ${width} px: ${fonts.join(', ')}`);
      expect(
        fonts.filter((f) => /^noto-sans-latin-ext-/.test(f)),
        path,
      ).toEqual([]);
      expect(fonts.filter((f) => /^noto-sans-latin-\d/.test(f)).length, path).toBeGreaterThan(0);
      // No other script's whole font: language names come from small files of just their letters.
      expect(
        fonts.filter((f) =>
          /^noto-(naskh|nastaliq|sans-bengali|sans-gurmukhi|sans-cyrillic|sans-gujarati|sans-tamil)/.test(f),
        ),
        path,
      ).toEqual([]);
      // "Русский" in the open menu comes from the small Cyrillic names file.
      expect(fonts.filter((f) => /^names-cyrillic\./.test(f)).length, path).toBe(1);
    }
  });
}

test('a Russian or Bulgarian page loads the Cyrillic file and no latin-ext font file', async ({ browser }) => {
  for (const path of ['/ru/', '/ru/what-is-a-conference/', '/bg/', '/bg/what-is-a-conference/']) {
    const fonts = await fontsFor(browser, path, 1280);
    console.log(`${path}: ${fonts.join(', ')}`);
    expect(fonts.filter((f) => /^noto-sans-cyrillic-400-/.test(f)).length, path).toBe(1);
    expect(
      fonts.filter((f) => /^noto-sans-latin-ext-/.test(f)),
      path,
    ).toEqual([]);
  }
});

// Somali is written in basic Latin letters (its glottal stop is the ASCII apostrophe: su'aal, da'da),
// so its pages, like English ones, need the Latin file and never latin-ext; "Soomaali" in the
// language menu needs no names font either.
test('a Somali page loads the Latin font file and no latin-ext font file', async ({ browser }) => {
  for (const path of ['/so/', '/so/what-is-a-conference/', '/so/glossary/']) {
    const fonts = await fontsFor(browser, path, 320);
    console.log(`${path}: ${fonts.join(', ')}`);
    expect(
      fonts.filter((f) => /^noto-sans-latin-ext-/.test(f)),
      path,
    ).toEqual([]);
    expect(fonts.filter((f) => /^noto-sans-latin-\d/.test(f)).length, path).toBeGreaterThan(0);
  }
});

// Lithuanian (ą č ę ė į š ų ū ž) and Turkish (ğ ı ş İ) are written with letters of the latin-ext
// range: their pages need that file for their text, as well as the basic Latin one.
for (const lang of ['lt', 'tr']) {
  test(`a ${lang} page loads the latin-ext font file for its letters`, async ({ browser }) => {
    for (const path of [`/${lang}/`, `/${lang}/what-is-a-conference/`]) {
      const fonts = await fontsFor(browser, path, 320);
      console.log(`${path}: ${fonts.join(', ')}`);
      expect(fonts.filter((f) => /^noto-sans-latin-ext-/.test(f)).length, path).toBeGreaterThan(0);
      expect(fonts.filter((f) => /^noto-sans-latin-\d/.test(f)).length, path).toBeGreaterThan(0);
    }
  });
}

// Chinese pages: one font per weight cut at build time to the characters of the
// translation (src/integrations/page-subset-fonts.ts), never Noto Sans SC's
// 1.1 MB a weight nor its hundred-file split; English pages never load it.
test('a Chinese page loads the Han font cut to its translation, and an English page does not', async ({ browser }) => {
  for (const path of ['/zh-Hans/', '/zh-Hans/what-is-a-conference/', '/zh-Hans/glossary/']) {
    const fonts = await fontsFor(browser, path, 320, false);
    console.log(`${path}: ${fonts.join(', ')}`);
    expect(fonts.filter((f) => /^page-han-400\./.test(f)).length, path).toBe(1);
    expect(
      fonts.filter((f) => /^noto-sans-sc-/.test(f)),
      path,
    ).toEqual([]);
  }
  const sizes = await Promise.all(
    [400, 700].map(async (weight) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto('/zh-Hans/what-is-a-conference/');
      const href = await page.evaluate(
        (w) =>
          [...document.styleSheets]
            .flatMap((s) => [...s.cssRules])
            .filter((r): r is CSSFontFaceRule => r instanceof CSSFontFaceRule)
            .filter((r) => r.style.getPropertyValue('font-family').includes('Portal Han'))
            .find((r) => r.style.getPropertyValue('font-weight') === String(w))
            ?.style.getPropertyValue('src')
            .match(/url\("?([^")]+)"?\)/)?.[1],
        weight,
      );
      const bytes = href ? (await (await page.request.get(href)).body()).length : 0;
      await context.close();
      return bytes;
    }),
  );
  console.log(`Han page fonts: ${sizes.map((b) => `${(b / 1024).toFixed(1)} KB`).join(' (400), ')} (700)`);
  for (const bytes of sizes) expect(bytes).toBeGreaterThan(0);
  const english = await fontsFor(browser, '/en/what-is-a-conference/', 320, false);
  expect(english.filter((f) => /^page-han-/.test(f))).toEqual([]);
});

test('a Tamil page loads the Tamil file of Noto Sans Tamil and no latin-ext font file', async ({ browser }) => {
  for (const path of ['/ta/', '/ta/what-is-a-conference/']) {
    const fonts = await fontsFor(browser, path, 320);
    console.log(`${path}: ${fonts.join(', ')}`);
    expect(fonts.filter((f) => /^noto-sans-tamil-tamil-400-/.test(f)).length, path).toBe(1);
    expect(
      fonts.filter((f) => /^noto-sans-latin-ext-/.test(f)),
      path,
    ).toEqual([]);
  }
});

test('an Urdu page loads one Nastaliq file (its bold is the same face made bolder)', async ({ browser }) => {
  for (const path of ['/ur/', '/ur/what-is-a-conference/']) {
    const fonts = await fontsFor(browser, path, 1280);
    console.log(`${path}: ${fonts.join(', ')}`);
    expect(fonts.filter((f) => f.startsWith('noto-nastaliq-urdu')).length, path).toBe(1);
  }
});

test("printed, a page keeps its language's font (a printed Urdu page is still Nastaliq)", async ({ page }) => {
  await page.emulateMedia({ media: 'print' });
  for (const [path, font] of [
    ['/ur/what-is-a-conference/', 'Portal Urdu'],
    ['/ar/what-is-a-conference/', 'Portal Arabic'],
    ['/en/what-is-a-conference/', 'Portal Latin'],
  ] as const) {
    await page.goto(path);
    for (const selector of ['h1', 'main p', '.govuk-footer']) {
      const family = await page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).fontFamily);
      expect(family, `${path} ${selector} in print`).toMatch(new RegExp(`^"?${font}"?,`));
    }
  }
});

// Each writing system's faces are in a stylesheet of their own, linked only by
// pages in a language of that script (src/styles/script-*.scss), so they add
// nothing to other pages' first round trip; and with the language menu closed
// no page fetches a language-name font (its own language's name is in its own font).
test("a page links only its own script's font stylesheet, and fetches no name font until the menu opens", async ({
  browser,
  page,
}) => {
  // Ten pages, each opened twice (once in a fresh context): near the 30 s default on a loaded machine.
  test.setTimeout(90_000);
  for (const [path, sheet] of [
    ['/en/what-is-a-conference/', null],
    ['/pl/', null],
    ['/so/', null],
    ['/pa/what-is-a-conference/', 'gurmukhi'],
    ['/ur/', 'nastaliq'],
    ['/fa/what-is-a-conference/', 'arabic'],
    ['/bn/', 'bengali'],
    ['/gu/', 'gujarati'],
    ['/ta/what-is-a-conference/', 'tamil'],
    ['/ru/', 'cyrillic'],
    ['/zh-Hans/what-is-a-conference/', 'han'],
  ] as const) {
    await page.goto(path);
    const sheets = await page
      .locator('link[rel="stylesheet"]')
      .evaluateAll((links) =>
        links.map((l) => /\/script-([a-z]+)\./.exec(l.getAttribute('href') ?? '')?.[1]).filter(Boolean),
      );
    expect(sheets, path).toEqual(sheet ? [sheet] : []);
    const fonts = await fontsFor(browser, path, 320, false);
    expect(
      fonts.filter((f) => f.startsWith('names-')),
      path,
    ).toEqual([]);
  }
});
