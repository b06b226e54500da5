// Playwright's `test` for the accessibility specs: every browser context a
// worker opens (the `page` fixture's, and those a spec or a sign-in helper
// opens with browser.newContext) has axe preloaded into each page it loads
// (preloadAxe). Loaded on demand instead, axe's 550 KB source crosses from
// the test to the page and is compiled again for every check: about 100 ms
// more a check than loading it with the page, and these specs check nearly
// every page they load.
import { test as base } from '@playwright/test';
import { preloadAxe } from './axe';

export { expect, type Browser, type Page } from '@playwright/test';

export const test = base.extend<object, { axePreloaded: void }>({
  axePreloaded: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const context = await newContext(options);
        await preloadAxe(context);
        return context;
      };
      await use();
      browser.newContext = newContext;
    },
    { scope: 'worker', auto: true },
  ],
});
