import { test, expect, type Page } from '@playwright/test';
import { builtPages } from '../support/built-pages';
import { LANGUAGES } from './support';

// A parent on a cheap phone (320 × 640) sees what the page is about on the
// first screen: the header, language menu and translation notice leave room
// for the page's heading, in every language.

/** The H1's box, measured at the top of the page. */
const h1Box = (page: Page) =>
  page.evaluate(() => {
    const r = document.querySelector('h1')?.getBoundingClientRect();
    return r ? { top: r.top, bottom: r.bottom } : null;
  });

test.describe('the first screen at 320 × 640', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const { code } of LANGUAGES) {
    test(`every /${code}/ page shows its heading on the first screen`, async ({ page }) => {
      test.setTimeout(90_000);
      const pages = builtPages().filter((p) => p.startsWith(`/${code}/`));
      expect(pages.length).toBeGreaterThan(10);
      const problems: string[] = [];
      let lowest = 0;
      for (const path of pages) {
        await page.goto(path);
        const box = await h1Box(page);
        if (!box) problems.push(`${path}: no H1`);
        else if (box.bottom > 640) problems.push(`${path}: the H1 ends at ${Math.round(box.bottom)} px`);
        else lowest = Math.max(lowest, box.bottom);
      }
      console.log(`/${code}/: lowest H1 ends at ${Math.round(lowest)} px of 640`);
      expect(problems).toEqual([]);
    });
  }
});

// Nothing to scroll sideways at 320 px, at normal and at 200% text size:
// tables, long addresses and links fit the screen.
const overflow = (page: Page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });

test.describe('no sideways scrolling at 320 px', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const { code } of LANGUAGES) {
    test(`every /${code}/ page, at 100% and 200% text`, async ({ page }) => {
      test.setTimeout(120_000);
      const pages = builtPages().filter((p) => p.startsWith(`/${code}/`));
      const problems: string[] = [];
      for (const path of pages) {
        await page.goto(path);
        const normal = await overflow(page);
        if (normal > 0) problems.push(`${path}: ${normal} px too wide`);
        // Text zoomed to 200% (the sizes are in rem).
        await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
        const zoomed = await overflow(page);
        if (zoomed > 0) problems.push(`${path} at 200% text: ${zoomed} px too wide`);
      }
      expect(problems).toEqual([]);
    });
  }
});
