import { test } from '@playwright/test';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce } from '../support/parent-session';
import { demoConferencePaths, walkParentForms, walkParentPages } from '../support/parent-area-walk';

// The parent area's pages and form errors in the seven languages that
// account-pages.spec.ts does not walk, as the demo's second parent: nothing
// here sends a form successfully, so the walks do not disturb each other.
// One worker runs them in turn (one sign-in: the sign-in limits).
test.describe.configure({ mode: 'serial' });
const LANGS = ['pl', 'ro', 'pa', 'ur', 'pt', 'es', 'bn'];
let state: string;
let paths: { upcoming: string; past: string };

test.beforeAll(async ({ browser }) => {
  state = await signInOnce(browser, DEMO_PARENTS[1], 'test-results/a11y-parent-two.json');
  paths = await demoConferencePaths(browser, state);
});

for (const lang of LANGS) {
  test(`the parent area in ${lang}: every page, and each form empty and with its errors`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await (await browser.newContext({ storageState: state })).newPage();
    await walkParentPages(page, lang, paths);
    await walkParentForms(page, lang, paths);
  });
}
