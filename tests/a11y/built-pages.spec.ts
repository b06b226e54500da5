import { test, expect } from '@playwright/test';
import { builtPages } from '../support/built-pages';
import { expectNoViolations } from '../support/axe';

// The web server builds the site before the tests run; the page list comes from that build.
const pages = builtPages();

/** The pages grouped by their first path segment (a language, or the site's root pages): one test each. */
const groups = new Map<string, string[]>();
for (const path of pages) {
  const segment = path.split('/')[1] ?? '';
  const key = /^[a-z]{2}(-[A-Za-z]+)?$/.test(segment) ? `/${segment}/` : 'the root pages';
  groups.set(key, [...(groups.get(key) ?? []), path]);
}

test('the build has pages in every language', () => {
  expect(pages.length).toBeGreaterThan(9);
  expect(groups.size).toBeGreaterThan(9);
});

for (const [group, paths] of groups) {
  // One browser page visits every page of the group: a fresh browser context
  // per page cost three times the check itself. Each page is checked on its
  // own (expect.soft), so one failure names its page and the rest still run.
  test(`axe finds no WCAG 2.2 AA violation on any page in ${group} (${paths.length} pages)`, async ({ page }) => {
    test.setTimeout(10_000 + paths.length * 5_000);
    for (const path of paths) {
      await test.step(path, async () => {
        const response = await page.goto(path);
        expect.soft(response?.status(), `${path} answers`).toBeLessThan(400);
        await expectNoViolations(page, path, { soft: true });
      });
    }
  });
}
