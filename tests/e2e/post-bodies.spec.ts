import { test, expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PARENTS } from '../support/outbox';
import { demoRouteValues as ids, postRoutes, urlOf } from '../support/post-routes';
import { signInOnce } from '../support/parent-session';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';

// Every route that takes a POST (found from the files in src/pages, never
// listed by hand), sent a JSON body and two broken multipart bodies by a
// signed-in parent and a signed-in administrator: each is answered with the
// 400 error page where the page reads a form, and never with a 5xx.
test.describe.configure({ mode: 'serial' });

const BODIES = [
  { what: 'JSON', type: 'application/json', data: '{"email":"x@example.test"}' },
  { what: 'multipart with no parts', type: 'multipart/form-data; boundary=portal', data: 'not multipart at all' },
  { what: 'multipart without a boundary', type: 'multipart/form-data', data: '--x\r\n\r\nbroken' },
  {
    what: 'a truncated multipart',
    type: 'multipart/form-data; boundary=b',
    data: '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nhalf',
  },
];

async function walk(
  request: APIRequestContext,
  routes: { pattern: string; readsForm: boolean }[],
  values: Record<string, string>,
) {
  const origin = new URL(String(test.info().project.use.baseURL)).origin;
  const answers: string[] = [];
  let refused = 0;
  for (const route of routes) {
    const url = urlOf(route.pattern, values);
    for (const body of BODIES) {
      const response = await request.post(url, {
        headers: { 'Content-Type': body.type, Origin: origin },
        data: body.data,
        maxRedirects: 0,
      });
      const status = response.status();
      answers.push(`${status} ${body.what} → ${url}`);
      expect(status, `${body.what} to ${url}`).toBeLessThan(500);
      if (route.readsForm && !url.startsWith('/api/')) {
        // A page may decide before it reads the body (signed in already: on to the next step).
        expect([400, 303, 403, 404], `${body.what} to ${url}`).toContain(status);
        if (status === 400) {
          refused++;
          const html = await response.text();
          expect(html, `${body.what} to ${url}: the error page, with its reference`).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}/);
        }
      }
    }
  }
  test.info().annotations.push({ type: 'answers', description: answers.join('\n') });
  return refused;
}

test('every POST route answers a JSON or broken body with 400 (the error page), never a 5xx', async ({ browser }) => {
  test.setTimeout(180_000);
  const routes = postRoutes();
  const parent = routes.filter((r) => r.pattern.startsWith('[lang]') || r.pattern.startsWith('api/'));
  const staff = routes.filter((r) => r.pattern.startsWith('staff'));
  expect(parent.length, 'parent POST routes found').toBeGreaterThanOrEqual(8);
  expect(staff.length, 'staff POST routes found').toBeGreaterThanOrEqual(10);
  const values = ids();

  const parentContext = await browser.newContext({
    storageState: await signInOnce(browser, DEMO_PARENTS[0]),
  });
  expect(await walk(parentContext.request, parent, values), 'parent forms answered 400').toBeGreaterThanOrEqual(
    3 * BODIES.length,
  );

  const admin = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.admin) });
  expect(await walk(admin.request, staff, values), 'staff forms answered 400').toBeGreaterThanOrEqual(
    8 * BODIES.length,
  );
});
