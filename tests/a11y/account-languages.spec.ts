import { test, expect, type Page } from '../support/a11y-test';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce, type SessionState } from '../support/parent-session';
import { DESKTOP_WALK_LANGS, demoConferencePaths, walkParentForms, walkParentPages } from '../support/parent-area-walk';
import { expectNoViolations } from '../support/axe';
import { sidewaysScroll } from '../support/sideways';
import { LANGUAGES } from '../e2e/support';
import { getLocale } from '~/config/locales';

// The parent area's pages (and, in each language not in Latin script, its forms and their errors) in the languages that
// account-pages.spec.ts does not walk, as the demo's second parent, on a
// 320 px phone screen: axe on each page and form state, and nothing to scroll
// sideways at normal and at 200% text size (English, Arabic and Urdu are
// walked at 320 px by tests/e2e/small-screen-signed-in.spec.ts). Nothing here
// sends a form successfully, so the walks run side by side without disturbing
// each other; they share one sign-in (the sign-in limits: signInOnce).
/** Every language but the two account-pages.spec.ts walks (a new language is walked without being listed here). */
const LANGS = LANGUAGES.map((l) => l.code).filter((code) => !(DESKTOP_WALK_LANGS as readonly string[]).includes(code));
let state: SessionState;
let paths: { upcoming: string; past: string };

test.beforeAll(async ({ browser }) => {
  state = await signInOnce(browser, DEMO_PARENTS[1]);
  paths = await demoConferencePaths(browser, state);
});

for (const lang of LANGS) {
  test(`the parent area in ${lang} at 320 px: every page${getLocale(lang).script !== 'latin' ? ', and each form empty and with its errors' : ''}`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const page = await (
      await browser.newContext({ storageState: state, viewport: { width: 320, height: 640 } })
    ).newPage();
    const problems: string[] = [];
    const check = async (p: Page, what: string) => {
      await sidewaysScroll(p, what, problems);
      await expectNoViolations(p, what);
    };
    await walkParentPages(page, lang, paths, check);
    // The forms, empty and with their errors, where the script or direction
    // changes how they lay out; a Latin-script language's forms are English's
    // layout with other words (account-pages.spec.ts walks English's).
    if (getLocale(lang).script !== 'latin') await walkParentForms(page, lang, paths, check);
    expect(problems).toEqual([]);
  });
}
