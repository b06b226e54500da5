// Sideways scrolling at a small screen, as WCAG 1.4.10 (reflow) asks: a page
// must not be wider than a 320 px screen, at normal and at 200% text size.
import type { Page } from '@playwright/test';

/** Adds to `problems` how many pixels the page is wider than the screen, at the text size it has now and at 200%. */
export async function sidewaysScroll(page: Page, what: string, problems: string[]): Promise<void> {
  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const normal = await overflow();
  if (normal > 0) problems.push(`${what}: ${normal} px too wide`);
  // Text zoomed to 200% (the sizes are in rem); back to normal for whatever the walk does next.
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
  const zoomed = await overflow();
  if (zoomed > 0) problems.push(`${what} at 200% text: ${zoomed} px too wide`);
  await page.evaluate(() => document.documentElement.style.removeProperty('font-size'));
}
