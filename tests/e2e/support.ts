// Shared facts for the end-to-end tests. Not a spec file: Playwright runs only *.spec.ts.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';

/** Where "Exit this page" leads; the site reads the same variable at build time. */
export const EXIT_URL = process.env.EXIT_URL || 'https://www.bbc.co.uk/weather';

/** Every language the portal offers, named as its own readers write it (the spec, not the code). */
export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'pl', label: 'Polski', dir: 'ltr' },
  { code: 'ro', label: 'Română', dir: 'ltr' },
  { code: 'pa', label: 'ਪੰਜਾਬੀ', dir: 'ltr' },
  { code: 'ur', label: 'اردو', dir: 'rtl' },
  { code: 'pt', label: 'Português', dir: 'ltr' },
  { code: 'es', label: 'Español', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
  { code: 'bn', label: 'বাংলা', dir: 'ltr' },
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'ru', label: 'Русский', dir: 'ltr' },
  { code: 'lt', label: 'Lietuvių', dir: 'ltr' },
  { code: 'gu', label: 'ગુજરાતી', dir: 'ltr' },
  { code: 'fa', label: 'فارسی', dir: 'rtl' },
  { code: 'tr', label: 'Türkçe', dir: 'ltr' },
  { code: 'ps', label: 'پښتو', dir: 'rtl' },
  { code: 'it', label: 'Italiano', dir: 'ltr' },
  { code: 'bg', label: 'Български', dir: 'ltr' },
  { code: 'so', label: 'Soomaali', dir: 'ltr' },
  { code: 'zh-Hans', label: '简体中文', dir: 'ltr' },
  { code: 'ta', label: 'தமிழ்', dir: 'ltr' },
] as const;

/** A language's own UI strings of one namespace, exactly as its translators wrote them (no English fallback). */
export function ownStrings(lang: string, ns = 'common'): Record<string, string | undefined> {
  return JSON.parse(readFileSync(new URL(`../../locales/${lang}/${ns}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string | undefined
  >;
}

/** The UI string ("key" or "ns:key") a reader of `lang` should see: their own, or English when it is not translated yet. */
export function uiString(lang: string, nsKey: string): string {
  const [ns, key] = nsKey.includes(':') ? (nsKey.split(':') as [string, string]) : ['common', nsKey];
  const text = ownStrings(lang, ns)[key] ?? ownStrings('en', ns)[key];
  if (text === undefined) throw new Error(`No UI string "${key}" in English`);
  return text;
}

/**
 * Answers for the neutral exit site, which the test machine cannot reach.
 * Returns a function telling whether the browser asked for it.
 */
export async function fakeExitSite(page: Page): Promise<() => boolean> {
  let visited = false;
  await page.route(`${new URL(EXIT_URL).origin}/**`, (route) => {
    visited = true;
    return route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' });
  });
  return () => visited;
}

/** Left and right edges of the text an element shows (text only, not its boxes), in CSS pixels. */
export function textEdges(locator: Locator): Promise<{ left: number; right: number }> {
  return locator.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let left = Infinity;
    let right = -Infinity;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        left = Math.min(left, rect.left);
        right = Math.max(right, rect.right);
      }
    }
    return { left, right };
  });
}
