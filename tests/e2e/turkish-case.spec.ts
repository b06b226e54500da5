import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';

// Turkish has two letters i: dotted (i, capital İ) and dotless (ı, capital I). Changing the
// case of Turkish text with English rules turns "i" into "I" and "İ" into "i̇", and the word
// changes or breaks. So the portal never changes the case of a reader's text: a Turkish page
// shows its words exactly as its translator wrote them, and no style re-cases them.

/** A page's title as written in its MDX file. */
const titleOf = (file: string) =>
  /^title: "(.*)"$/m.exec(readFileSync(new URL(`../../content/${file}`, import.meta.url), 'utf8'))?.[1];

test('a Turkish page shows its words in the case they were written, İ and ı included', async ({ page }) => {
  const title = titleOf('guidance/tr/initial-and-review-conferences.mdx');
  expect(title).toMatch(/^İ.*ı/);
  for (const path of ['/tr/', '/tr/initial-and-review-conferences/', '/tr/timeline/']) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
    // Nothing on the page is re-cased by a style (innerText below is what the reader sees).
    const recased = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => getComputedStyle(el).textTransform !== 'none' && el.textContent?.trim())
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    expect(recased, path).toEqual([]);
  }
  await page.goto('/tr/initial-and-review-conferences/');
  expect(await page.locator('h1').innerText()).toBe(title);
});
