// Axe, as every accessibility spec runs it: WCAG 2.2 A and AA, and the 2.0 and
// 2.1 rules they include. No rule is switched off.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Fails, naming each rule and the elements it found, when axe finds any violation on the page as it is now.
 * With `soft`, the failure is recorded and the test goes on (a walk over many pages reports every page that fails).
 */
export async function expectNoViolations(page: Page, what: string, { soft = false } = {}): Promise<void> {
  // Only violations are asserted: axe skips collecting passes and incomplete results (about 15% faster a page).
  // Legacy mode runs axe in the page itself. The default (partial) mode opens
  // a second, blank page per check to merge results across cross-origin
  // frames: the portal has no frames, and that page cost 0.5 s of every 0.8 s.
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  (soft ? expect.soft : expect)(summary, `violations on ${what}`).toEqual([]);
}
