import { test, expect, type APIResponse } from '@playwright/test';

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
