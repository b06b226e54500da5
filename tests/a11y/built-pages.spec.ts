import { test, expect } from '@playwright/test';
import { builtPages } from '../support/built-pages';
import { expectNoViolations } from '../support/axe';

// The web server builds the site before the tests run; the page list comes from that build.
const pages = builtPages();

test('the build has pages in every language', () => {
  expect(pages.length).toBeGreaterThan(9);
});

for (const path of pages) {
  test(`axe finds no WCAG 2.2 AA violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectNoViolations(page, path);
  });
}
