import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Browser, type Page } from '../support/a11y-test';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce, type SessionState } from '../support/parent-session';
import { demoConferencePaths } from '../support/parent-area-walk';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';
import { expectNoViolations } from '../support/axe';
import { LANGUAGES } from '../e2e/support';

// WCAG 2.2 A and AA on the error pages, reached as a visitor reaches them:
// a mistyped address (404) in every language; a form whose body arrived
// broken (400) or too big (413), signed in as a parent and as staff; and the
// page a parent sees while the database cannot be reached (503, from a server
// of its own). The browser shows what the server sent: the form is really
// submitted, only its body is replaced on the way (as a broken connection or
// a pasted book would). No rule is switched off.

/** The heading of each error page in English (locales/en/errors.json). */
const EN_TITLE = {
  400: 'Sorry, we could not read what you sent',
  404: 'Page not found',
  413: 'What you sent is too big',
} as const;

/** Sends the page's first form (not sign-out) with `body` of `type` in place of what the browser would send. */
async function sendReplaced(page: Page, type: string, body: string | Buffer): Promise<number> {
  await page.route(
    (url) => url.pathname === new URL(page.url()).pathname,
    (route) =>
      route.request().method() === 'POST'
        ? route.continue({ postData: body, headers: { ...route.request().headers(), 'content-type': type } })
        : route.continue(),
  );
  const answer = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.locator('main form:not([data-sign-out]) button[type=submit]').first().click();
  const status = (await answer).status();
  await page.waitForLoadState();
  await page.unrouteAll({ behavior: 'wait' });
  return status;
}

/** A broken multipart body: the boundary it announces never comes. */
const BROKEN = ['multipart/form-data; boundary=portal', 'not multipart at all'] as const;
/** A form body four times the 64 KB a form may send. */
const OVERSIZED = ['application/x-www-form-urlencoded', `details=${'a'.repeat(256 * 1024)}`] as const;

async function checkBrokenAndOversized(page: Page, formPath: string, who: string): Promise<void> {
  for (const [what, status, [type, body]] of [
    ['broken', 400, BROKEN],
    ['oversized', 413, OVERSIZED],
  ] as const) {
    await page.goto(formPath);
    expect(await sendReplaced(page, type, body), `${who}: ${what} body to ${formPath}`).toBe(status);
    if (formPath.startsWith('/ar/')) await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    else await expect(page.locator('main h1')).toHaveText(EN_TITLE[status]);
    await expect(page.locator('main')).toContainText(/[0-9A-Z]{4}-[0-9A-Z]{4}/);
    await expectNoViolations(page, `${who}: ${status} after a ${what} body to ${formPath}`);
  }
}

test.describe('signed out, a mistyped address', () => {
  // One browser page visits them all (a fresh browser context per language
  // cost more than the check); each language is checked on its own (soft), so
  // one failure names its language and the rest still run.
  test('404 in every language', async ({ page }) => {
    test.setTimeout(30_000 + LANGUAGES.length * 10_000);
    for (const { code } of LANGUAGES) {
      await test.step(code, async () => {
        const response = await page.goto(`/${code}/no-such-page/`);
        expect.soft(response?.status(), `404 in ${code}`).toBe(404);
        await expect.soft(page.locator('html')).toHaveAttribute('lang', code);
        if (code === 'en') await expect.soft(page.locator('main h1')).toHaveText(EN_TITLE[404]);
        await expectNoViolations(page, `404 in ${code}`, { soft: true });
      });
    }
  });

  test('404 in the staff area', async ({ page }) => {
    test.setTimeout(90_000);
    const response = await page.goto('/staff/no-such-page/');
    expect([404, 200]).toContain(response?.status());
    await expectNoViolations(page, `staff area: ${page.url()}`);
  });
});

test.describe('signed in', () => {
  test.describe.configure({ mode: 'serial' });

  async function parentPage(browser: Browser): Promise<{ page: Page; state: SessionState }> {
    const state = await signInOnce(browser, DEMO_PARENTS[1]);
    return { page: await (await browser.newContext({ storageState: state })).newPage(), state };
  }

  test('as a parent: 404, and a form sent broken (400) or too big (413)', async ({ browser }) => {
    test.setTimeout(240_000);
    const { page, state } = await parentPage(browser);
    for (const path of ['/en/account/no-such-page/', '/ar/account/conferences/no-such-conference/']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expectNoViolations(page, `parent: 404 at ${path}`);
    }
    const { upcoming } = await demoConferencePaths(browser, state);
    await checkBrokenAndOversized(page, `/en/${upcoming}interpreter/`, 'parent');
    await checkBrokenAndOversized(page, `/ar/${upcoming}supporter/`, 'parent, Arabic');
  });

  test('as staff: 404, and a form sent broken (400) or too big (413)', async ({ browser }) => {
    test.setTimeout(240_000);
    const state = await signInStaff(browser, DEMO_STAFF.admin);
    const page = await (await browser.newContext({ storageState: state })).newPage();
    for (const path of ['/staff/no-such-page/', '/staff/cases/no-such-case/']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator('main h1')).toHaveText(EN_TITLE[404]);
      await expectNoViolations(page, `staff: 404 at ${path}`);
    }
    await checkBrokenAndOversized(page, '/staff/cases/new/', 'staff');
  });
});

test.describe('while the database cannot be reached', () => {
  // A server of its own, on a port derived from PW_PORT, whose database is nowhere.
  const port = Number(process.env.PW_PORT || 4322) + 40;
  let server: ChildProcess;
  let exited: Promise<unknown>;

  test.beforeAll(async () => {
    const data = mkdtempSync(join(tmpdir(), 'portal-a11y-503-'));
    server = spawn(process.execPath, ['scripts/serve.mjs'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        SITE_URL: `http://127.0.0.1:${port}`,
        DATABASE_URL: 'postgres://portal@127.0.0.1:1/portal',
        REPORTS_DIR: join(data, 'reports'),
        OUTBOX_DIR: join(data, 'outbox'),
        DEMO_DATA: '0',
      },
      stdio: 'ignore',
    });
    exited = new Promise((resolve) => server.on('exit', resolve));
    for (let i = 0; i < 300; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the server on ${port} did not start`);
  });

  test.afterAll(async () => {
    server?.kill('SIGTERM');
    await exited;
  });

  for (const path of ['/en/account/', '/ar/account/', '/staff/']) {
    test(`503 at ${path}`, async ({ page }) => {
      test.setTimeout(90_000);
      const response = await page.goto(`http://127.0.0.1:${port}${path}`);
      expect(response?.status()).toBe(503);
      // The council's contacts, under their heading, as on every 5xx page.
      await expect(page.locator('main h2.govuk-heading-m')).toBeVisible();
      await expectNoViolations(page, `503 at ${path}`);
    });
  }
});
