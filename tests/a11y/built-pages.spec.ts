import { test, expect, type Page } from '../support/a11y-test';
import { builtPages } from '../support/built-pages';
import { expectNoViolations } from '../support/axe';
import { LANGUAGE_SEGMENT } from '~/config/locales';
import { sidewaysScroll } from '../support/sideways';

// Every built page in every language, as a parent on a cheap phone sees it
// (320 × 640): axe finds no WCAG 2.2 A/AA violation; the header, language
// menu and translation notice leave room for the page's heading on the first
// screen; and nothing needs scrolling sideways at normal and at 200% text size
// (tables, long addresses and links fit the screen). One visit a page checks
// all three. The signed-in pages are checked at 320 px and at desktop width by
// account-pages.spec.ts and account-languages.spec.ts.

// The web server builds the site before the tests run; the page list comes from that build.
const pages = builtPages();

/** The pages grouped by their first path segment (a language, or the site's root pages): one test each. */
const groups = new Map<string, string[]>();
for (const path of pages) {
  const segment = path.split('/')[1] ?? '';
  const key = new RegExp(`^${LANGUAGE_SEGMENT}$`).test(segment) ? `/${segment}/` : 'the root pages';
  groups.set(key, [...(groups.get(key) ?? []), path]);
}

/** The H1's box, measured at the top of the page. */
const h1Box = (page: Page) =>
  page.evaluate(() => {
    const r = document.querySelector('h1')?.getBoundingClientRect();
    return r ? { top: r.top, bottom: r.bottom } : null;
  });

test('the build has pages in every language', () => {
  expect(pages.length).toBeGreaterThan(9);
  expect(groups.size).toBeGreaterThan(9);
});

test.describe('at 320 × 640', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  for (const [group, paths] of groups) {
    // One browser page visits every page of the group: a fresh browser context
    // per page cost three times the check itself. Each page is checked on its
    // own (expect.soft), so one failure names its page and the rest still run.
    test(`every page in ${group} (${paths.length}): no WCAG 2.2 AA violation, its heading on the first screen, nothing to scroll sideways at 100% and 200% text`, async ({
      page,
    }) => {
      test.setTimeout(10_000 + paths.length * 6_000);
      let lowest = 0;
      for (const path of paths) {
        await test.step(path, async () => {
          const response = await page.goto(path);
          expect.soft(response?.status(), `${path} answers`).toBeLessThan(400);
          await expectNoViolations(page, path, { soft: true });
          const box = await h1Box(page);
          expect.soft(box, `${path} has an H1`).not.toBeNull();
          if (box) {
            expect
              .soft(box.bottom, `${path}: the bottom of the H1 (px) within the first 640 px screen`)
              .toBeLessThanOrEqual(640);
            lowest = Math.max(lowest, box.bottom);
          }
          const sideways: string[] = [];
          await sidewaysScroll(page, path, sideways);
          expect.soft(sideways, `${path} is no wider than the screen`).toEqual([]);
        });
      }
      console.log(`${group}: lowest H1 ends at ${Math.round(lowest)} px of 640`);
    });
  }
});
