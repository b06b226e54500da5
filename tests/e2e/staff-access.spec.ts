import { test, expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PARENTS } from '../support/outbox';
import { signInOnce } from '../support/parent-session';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';
import { isOwnSignInUrl, staffRouteUrls } from '../support/staff-routes';

// Every staff page (found from src/pages/staff, not a sample), walked as a
// read-only member, as a parent and as nobody. A read-only member may read
// but is refused every change; a parent is refused everything.
test.describe.configure({ mode: 'serial' });

/** A POST as a browser form would send it (same origin), with an empty body. */
const post = (request: APIRequestContext, url: string) =>
  request.post(url, {
    form: { action: 'x' },
    headers: { Origin: new URL(String(test.info().project.use.baseURL)).origin },
    maxRedirects: 0,
  });

test('nobody signed in is sent to the staff sign-in page from every staff page', async ({ request }) => {
  for (const url of staffRouteUrls()) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(303);
    expect(response.headers().location, url).toBe('/staff/sign-in/');
  }
});

test('a read-only member can open what they may read, and is refused every change', async ({ browser }) => {
  const state = await signInStaff(browser, DEMO_STAFF.readonly);
  const context = await browser.newContext({ storageState: state });
  const urls = staffRouteUrls();
  let readable = 0;
  for (const url of urls) {
    const response = await context.request.get(url, { maxRedirects: 0 });
    const status = response.status();
    expect([200, 403], `GET ${url}`).toContain(status);
    if (isOwnSignInUrl(url)) {
      // Their own sign-in is theirs to look after; without a fresh app code, nothing changes (tests/e2e/security).
      expect(status, `GET ${url}`).toBe(200);
      expect((await post(context.request, url)).status(), `POST ${url}`).toBe(200);
      continue;
    }
    if (status === 200) {
      readable++;
      // Nothing on a page they may read lets them change anything.
      const body = await response.text();
      expect(body.match(/<form[^>]*method="post"/g) ?? [], `change forms on ${url}`).toEqual([]);
    }
    expect((await post(context.request, url)).status(), `POST ${url}`).toBe(403);
  }
  expect(readable, 'pages a read-only member can read').toBeGreaterThanOrEqual(5);
  // The refusals above are the role check, not a refused origin: an administrator's same POST gets through.
  const admin = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.admin) });
  expect((await post(admin.request, '/staff/inbox/')).status()).toBe(404);
});

test('a parent is refused every staff page and action', async ({ browser }) => {
  const state = await signInOnce(browser, DEMO_PARENTS[0]);
  const context = await browser.newContext({ storageState: state });
  for (const url of staffRouteUrls()) {
    expect((await context.request.get(url, { maxRedirects: 0 })).status(), `GET ${url}`).toBe(403);
    expect((await post(context.request, url)).status(), `POST ${url}`).toBe(403);
  }
});
