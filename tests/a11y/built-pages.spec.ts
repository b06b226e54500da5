import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { builtPages } from '../support/built-pages';

// WCAG 2.2 A and AA, and the 2.0/2.1 rules they include. No rule is switched off.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

// The web server builds the site before the tests run; the page list comes from that build.
const pages = builtPages();

test('the build has pages in every language', () => {
  expect(pages.length).toBeGreaterThan(9);
});

for (const path of pages) {
  test(`axe finds no WCAG 2.2 AA violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(summary, `violations on ${path}`).toEqual([]);
  });
}
