import { test, expect, type Page } from '@playwright/test';
import { builtPages } from '../support/built-pages';
import { sidewaysScroll } from '../support/sideways';
import { LANGUAGES } from './support';

// A parent on a cheap phone (320 × 640), on every built page in every
// language: the header, language menu and translation notice leave room for
// the page's heading on the first screen; and nothing needs scrolling
// sideways at normal and at 200% text size (tables, long addresses and links
// fit the screen). One visit a page checks both.

/** The H1's box, measured at the top of the page. */
const h1Box = (page: Page) =>
  page.evaluate(() => {
    const r = document.querySelector('h1')?.getBoundingClientRect();
    return r ? { top: r.top, bottom: r.bottom } : null;
  });

test.describe('at 320 × 640', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const { code } of LANGUAGES) {
    test(`every /${code}/ page shows its heading on the first screen, and nothing to scroll sideways at 100% and 200% text`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const pages = builtPages().filter((p) => p.startsWith(`/${code}/`));
      expect(pages.length).toBeGreaterThan(10);
      const headings: string[] = [];
      const sideways: string[] = [];
      let lowest = 0;
      for (const path of pages) {
        await page.goto(path);
        const box = await h1Box(page);
        if (!box) headings.push(`${path}: no H1`);
        else if (box.bottom > 640) headings.push(`${path}: the H1 ends at ${Math.round(box.bottom)} px`);
        else lowest = Math.max(lowest, box.bottom);
        await sidewaysScroll(page, path, sideways);
      }
      console.log(`/${code}/: lowest H1 ends at ${Math.round(lowest)} px of 640`);
      expect(headings, 'headings below the first screen').toEqual([]);
      expect(sideways, 'pages wider than the screen').toEqual([]);
    });
  }
});
