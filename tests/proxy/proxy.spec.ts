import { request as httpsRequest } from 'node:https';
import { test, expect } from '@playwright/test';
import { DEMO_PARENTS, latestCode } from '../support/outbox';
import { enterEmailedCode, setUpApp, DEMO_STAFF } from '../support/staff-session';
import { minimalPdf } from '../../src/server/demo/parent-area';

// Through Debian's nginx with TLS, NODE_ENV=production (playwright.proxy.config.ts):
// the parent area and the staff upload work over https://, a form from
// another site is still refused, and the sign-in limit counts each client
// address behind the proxy on its own.
test.describe.configure({ mode: 'serial' });

const base = () => String(test.info().project.use.baseURL);
const send = (page: import('@playwright/test').Page) =>
  page.locator('main form:not([data-sign-out]) button[type=submit]').first().click();

test('a parent signs in and sends forms through https, with secure cookies, in production', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const signIn = await page.goto('/en/account/sign-in/');
  expect(signIn?.headers()['strict-transport-security']).toContain('max-age=');
  expect(signIn?.headers()['content-encoding']).toMatch(/^(br|gzip)$/);
  await page.locator('#email').fill(DEMO_PARENTS[0]);
  await send(page);
  await page.locator('#code').fill(await latestCode(DEMO_PARENTS[0]));
  await send(page);
  await expect(page).toHaveURL(/\/en\/account\/$/);
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name.includes('session_token'))).toMatchObject({ secure: true, httpOnly: true });

  // Each of the parent's forms, sent through the proxy.
  const conference = await page.locator('a[href*="/account/conferences/"]').first().getAttribute('href');
  // A shared report downloads as an attachment that can run nothing, even opened in the browser.
  await page.goto(`${conference}reports/`);
  const report = await page.locator('a[href*="/account/reports/"][download]').first().getAttribute('href');
  const download = await context.request.get(report ?? '');
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toMatch(/^attachment/);
  expect(download.headers()['content-security-policy']).toMatch(/^sandbox(;|$)/);
  expect(download.headers()['cross-origin-resource-policy']).toBe('same-origin');

  await page.goto(`${conference}interpreter/`);
  await page.locator('#language').fill('Polish');
  await page.locator('input[name=forWhom][value=me]').check();
  await page.locator('input[name=preferredGender][value=any]').check();
  await page.locator('input[name=when][value=conference]').check();
  await send(page);
  await expect(page).toHaveURL(/\?saved=interpreter$/);
  await page.goto(`${conference}attendance/`);
  await page.locator('input[name=mode][value=in-person]').check();
  await send(page);
  await expect(page).toHaveURL(/\?saved=attendance$/);
  await page.goto(`${conference}supporter/`);
  await page.locator('#name').fill('Lee Helper');
  await page.locator('#relationship').fill('Friend');
  await page.locator('input[name=isSolicitor][value=no]').check();
  await page.locator('#email').fill('pat@example.test');
  await send(page);
  await expect(page).toHaveURL(/\?saved=supporter$/);
  // The complaint form, about the conference that has taken place.
  await page.goto('/en/account/');
  const past = await page
    .locator('section.portal-conference-card a[href*="/account/conferences/"]')
    .nth(1)
    .getAttribute('href');
  await page.goto(`${past}complaint/`);
  await page.locator('#about').check();
  await page.locator('#details').fill('Sent through the proxy: the meeting started late.');
  await send(page);
  await expect(page.locator('.govuk-panel')).toBeVisible();
  await page.goto(`${past}complaint/`);
  await expect(page.locator('main')).toContainText(/Your reference is CPC-\d{4}-\d{6}/);

  // The same form sent from another site is refused, with the error page.
  const forged = await context.request.post(`${conference}attendance/`, {
    form: { mode: 'not-coming' },
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain('This form came from another website');
  // And one that claims the right origin over plain http is not this site either.
  const downgraded = await context.request.post(`${conference}attendance/`, {
    form: { mode: 'not-coming' },
    headers: { Origin: base().replace('https:', 'http:') },
    maxRedirects: 0,
  });
  expect(downgraded.status()).toBe(403);

  await page.goto('/en/account/sign-out/');
  await page.locator('main form button[type=submit]').first().click();
  await expect(page).toHaveURL(/signed-out/);
});

test('a member of staff signs in and uploads a report through https', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await enterEmailedCode(page, DEMO_STAFF.officer);
  await setUpApp(page);
  await page.goto('/staff/?q=DEMO-0001');
  await page.getByRole('link', { name: 'DEMO-0001' }).click();
  await page.locator('a[href^="/staff/conferences/"]').first().click();
  await page.getByRole('link', { name: 'Upload a report' }).click();
  await page.getByLabel('Title').fill('Report through the proxy');
  await page.getByLabel('Who wrote it').fill('School');
  await page
    .getByLabel('The report file')
    .setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from(minimalPdf(['Proxy'])) });
  await page.getByRole('button', { name: 'Upload and share' }).click();
  await expect(page).toHaveURL(/\?done=uploaded$/);
  await expect(page.getByText('Report through the proxy')).toBeVisible();
});

/** Asks for a sign-in code from a client at `address` (one of 127.0.0.0/8), sending `forwardedFor` if given. */
function askForCode(address: string, email: string, forwardedFor?: string): Promise<{ status: number; body: string }> {
  const url = new URL('/en/account/sign-in/', base());
  const body = `email=${encodeURIComponent(email)}`;
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: address,
        rejectUnauthorized: false,
        headers: {
          Host: url.host,
          Origin: url.origin,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
          ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (c: Buffer) => (text += c.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

test('behind the proxy, each client address has its own sign-in limit, whatever it writes in X-Forwarded-For', async () => {
  const tooMany = 'You have asked for too many codes';
  // SIGN_IN_CODES_PER_IP is 4 for this server. Each ask uses a new address, so only the network limit counts.
  for (let i = 0; i < 4; i++) expect((await askForCode('127.0.0.2', `limit-a${i}@example.test`)).status).toBe(303);
  const fifth = await askForCode('127.0.0.2', 'limit-a4@example.test');
  expect(fifth.status).toBe(200);
  expect(fifth.body).toContain(tooMany);
  // Pretending to be someone else does not help: nginx appends the address it saw, and that one counts.
  const forged = await askForCode('127.0.0.2', 'limit-a5@example.test', '203.0.113.50');
  expect(forged.body).toContain(tooMany);
  // Another client behind the same proxy is not held up by the first.
  const other = await askForCode('127.0.0.3', 'limit-b0@example.test');
  expect(other.status).toBe(303);
});

test('the stylesheets and scripts under /_astro/ come back compressed through the proxy, cached for a year', async ({
  request,
}) => {
  // The home page, the search page and the sign-in page (rendered on demand) between them link them all.
  let html = '';
  for (const path of ['/en/', '/en/search/', '/en/account/sign-in/']) html += await (await request.get(path)).text();
  const assets = [...html.matchAll(/(?:href|src)="(\/_astro\/[^"]+\.(?:css|js))"/g)].map((m) => m[1] ?? '');
  expect(assets.filter((a) => a.endsWith('.css')).length, 'stylesheets linked').toBeGreaterThan(0);
  expect(assets.filter((a) => a.endsWith('.js')).length, 'scripts linked').toBeGreaterThan(0);
  const answers: string[] = [];
  for (const asset of new Set(assets)) {
    for (const accept of ['br, gzip', 'gzip']) {
      const response = await request.get(asset, { headers: { 'Accept-Encoding': accept } });
      expect(response.status(), asset).toBe(200);
      const encoding = response.headers()['content-encoding'] ?? 'none';
      const size = (await response.body()).length;
      answers.push(`${asset} (${accept}): ${encoding}, ${size} bytes`);
      expect(response.headers()['cache-control'], asset).toBe('public, max-age=31536000, immutable');
      // A file under 1 KB is not worth compressing; every other one is.
      if (size >= 1024 || encoding !== 'none') {
        expect(encoding, `${asset} asked with ${accept}`).toBe(accept === 'gzip' ? 'gzip' : 'br');
        expect(response.headers()['vary'] ?? '', asset).toMatch(/accept-encoding/i);
      }
    }
  }
  test.info().annotations.push({ type: 'assets', description: answers.join('\n') });
  // A stylesheet and a script, at least, were big enough to be compressed.
  for (const kind of ['css', 'js']) {
    const compressed = answers.filter((a) => a.includes(`.${kind} (br, gzip): br`));
    expect(compressed.length, `${kind} sent compressed:\n${answers.join('\n')}`).toBeGreaterThan(0);
  }
});

test('/.well-known/security.txt names the council’s SECURITY_CONTACT, with its own https:// address', async ({
  request,
}) => {
  const response = await request.get('/.well-known/security.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/plain/);
  const text = await response.text();
  expect(text).toContain('Contact: mailto:security@example.test\n');
  expect(text).toContain(`Canonical: ${base()}/.well-known/security.txt\n`);
  const expires = new Date(/^Expires: (.+)$/m.exec(text)?.[1] ?? '');
  expect(expires.getTime() - Date.now()).toBeGreaterThan(300 * 24 * 3600 * 1000);
  expect(expires.getTime() - Date.now()).toBeLessThan(365 * 24 * 3600 * 1000);
});
