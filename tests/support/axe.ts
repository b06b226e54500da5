// Axe, as every accessibility spec runs it: every rule for WCAG 2.0, 2.1 and
// 2.2 at A and AA, and axe's best practices. No rule is switched off.
//
// Until 3 December 2026 the specs asked @axe-core/playwright for the WCAG tags
// and then set resultTypes with .options(), which replaced the tags: axe ran
// its default rules, so WCAG 2.2's target size (2.5.8), off by default, never
// ran. It runs now.
//
// Axe runs in the page itself, loaded once per document. @axe-core/playwright's
// AxeBuilder loaded axe's 550 KB source twice on every check (once to look
// for runPartial, once per frame) and configured it for frames the portal does
// not have: about half of every page's check. The accessibility specs load axe
// with each new document instead (preloadAxe, through tests/support/a11y-test.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type BrowserContext, type Page } from '@playwright/test';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** What axe runs: the WCAG rules, and the best practices it runs by default (landmarks, heading order, one main). */
const AXE_TAGS = [...WCAG_TAGS, 'best-practice'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every page this context opens has axe loaded before its own scripts (for walks that check every page they visit). */
export async function preloadAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: AXE_SOURCE });
}

/** Each violation as one line: the rule, what it asks, and the elements it found. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no eval) does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    // The page as a reader sees it once it has settled: its fonts in, and
    // whatever its scripts did on load (focusing an error summary scrolls the page) laid out.
    await document.fonts.ready;
    // Checked with the page at the top. Exit this page is fixed to the top of
    // the window, with its space reserved there; scrolled (as focusing an
    // error summary scrolls the page), it covers whatever passes under it,
    // and axe would judge a link half under it too small to tap.
    const { scrollX, scrollY } = window;
    window.scrollTo(0, 0);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    try {
      // Only violations are asked for: axe skips collecting passes and incomplete results (about 15% faster a page).
      const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    } finally {
      window.scrollTo(scrollX, scrollY);
    }
  }, AXE_TAGS);
}

/**
 * Fails, naming each rule and the elements it found, when axe finds any violation on the page as it is now.
 * With `soft`, the failure is recorded and the test goes on (a walk over many pages reports every page that fails).
 */
export async function expectNoViolations(page: Page, what: string, { soft = false } = {}): Promise<void> {
  const summary = await axeViolations(page);
  (soft ? expect.soft : expect)(summary, `violations on ${what}`).toEqual([]);
}
