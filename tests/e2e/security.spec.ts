import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type APIResponse } from '@playwright/test';
import { DEMO_PARENTS, SERVER_DATA_DIR } from '../support/outbox';
import { signInOnce } from '../support/parent-session';
import { demoRouteValues, postRoutes, urlOf } from '../support/post-routes';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, `${what}: Content-Security-Policy`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: no inline script or style allowed`).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options'], `${what}: X-Content-Type-Options`).toBe('nosniff');
  expect(headers['referrer-policy'], `${what}: Referrer-Policy`).toBe('same-origin');
  expect(headers['permissions-policy'], `${what}: Permissions-Policy`).toMatch(/camera=\(\)/);
}

test.describe('security headers', () => {
  test('are sent with a page', async ({ request }) => {
    const response = await request.get('/en/');
    expect(response.status()).toBe(200);
    expectSecurityHeaders(response, '/en/');
  });

  test('are sent with a stylesheet', async ({ request }) => {
    const html = await (await request.get('/en/')).text();
    const css = /<link[^>]+rel="stylesheet"[^>]+href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css, 'the page links a stylesheet under /_astro/').toBeDefined();

    const response = await request.get(css ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/css');
    expectSecurityHeaders(response, css ?? 'stylesheet');
  });

  test('are sent with a 404 page', async ({ request }) => {
    const response = await request.get('/en/no-such-page/');
    expect(response.status()).toBe(404);
    expectSecurityHeaders(response, '404 page');
  });
});

for (const lang of ['en', 'ar']) {
  test(`/${lang}/ asks no other site for anything and logs no errors`, async ({ page, baseURL }) => {
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).origin !== new URL(baseURL ?? '').origin) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`/${lang}/`);
    // Fonts are fetched only once text needs them; wait until they have been.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForLoadState('networkidle');

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test('a form sent from another site is refused on every POST route, in each encoding a browser can send, and changes nothing', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const routes = postRoutes();
  const values = demoRouteValues();
  // Every text field the forms have, holding a marker: afterwards the database file must not hold it
  // (other tests run at the same time, so counting audit rows would not do).
  const marker = `xsite${randomUUID().replace(/-/g, '')}`;
  const fields = ['name', 'relationship', 'details', 'views', 'other', 'reference', 'firstName', 'email'];
  const storedAnywhere = () =>
    ['portal.sqlite', 'portal.sqlite-wal'].some((file) => {
      const path = join(SERVER_DATA_DIR, file);
      return existsSync(path) && readFileSync(path).includes(marker);
    });
  const parent = await browser.newContext({
    storageState: await signInOnce(browser, DEMO_PARENTS[0]),
  });
  const admin = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.admin) });
  // The three encodings an HTML form on another site can send without asking the browser's permission.
  const encodings = [
    { type: 'application/x-www-form-urlencoded', data: fields.map((f) => `${f}=${marker}`).join('&') },
    {
      type: 'multipart/form-data; boundary=b',
      data:
        fields.map((f) => `--b\r\nContent-Disposition: form-data; name="${f}"\r\n\r\n${marker}\r\n`).join('') +
        '--b--\r\n',
    },
    { type: 'text/plain', data: fields.map((f) => `${f}=${marker}`).join('\r\n') },
  ];
  let sent = 0;
  for (const route of routes) {
    const { request } = route.pattern.startsWith('staff') ? admin : parent;
    const url = urlOf(route.pattern, values);
    for (const { type, data } of encodings) {
      const response = await request.post(url, {
        headers: { 'Content-Type': type, Origin: 'https://attacker.example' },
        data,
        maxRedirects: 0,
      });
      // The one-click unsubscribe link (RFC 8058) is posted by mail providers' servers, not from this site:
      // it needs a signed token, and without one (here) nothing is done.
      if (route.pattern.startsWith('stop/'))
        expect([400, 403, 404], `${type} from another site to ${url}`).toContain(response.status());
      else expect(response.status(), `${type} from another site to ${url}`).toBe(403);
      sent++;
    }
  }
  expect(sent, 'routes × encodings sent').toBeGreaterThanOrEqual(18 * encodings.length);
  expect(storedAnywhere(), 'nothing sent from another site was stored').toBe(false);
});

test('a signed-in page, the staff sign-in page and a not-found page carry the same security headers; the signed-in page is never cached', async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: await signInOnce(browser, DEMO_PARENTS[0]),
  });
  const account = await context.request.get('/en/account/');
  expect(account.status()).toBe(200);
  expectSecurityHeaders(account, '/en/account/');
  expect(account.headers()['cache-control']).toBe('no-store');

  const staffSignIn = await context.request.get('/staff/sign-in/');
  expectSecurityHeaders(staffSignIn, '/staff/sign-in/');

  const missing = await context.request.get('/en/account/conferences/no-such-conference/');
  expect(missing.status()).toBe(404);
  expectSecurityHeaders(missing, 'a conference that is not theirs');
});
