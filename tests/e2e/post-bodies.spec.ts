import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, expect, type APIRequestContext } from '@playwright/test';
import { DEMO_PARENTS, SERVER_DATA_DIR } from '../support/outbox';
import { signInOnce } from '../support/parent-session';
import { DEMO_STAFF, signInStaff } from '../support/staff-session';

// Every route that takes a POST (found from the files in src/pages, never
// listed by hand), sent a JSON body and two broken multipart bodies by a
// signed-in parent and a signed-in administrator: each is answered with the
// 400 error page where the page reads a form, and never with a 5xx.
test.describe.configure({ mode: 'serial' });

const PAGES = 'src/pages';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(astro|ts)$/.test(name) ? [path] : [];
  });
}

/** Routes rendered on demand that take a POST: a page that reads a form, or an endpoint with POST or ALL. */
function postRoutes(): { pattern: string; readsForm: boolean }[] {
  return files(PAGES).flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    if (!/prerender = false/.test(source)) return [];
    const readsForm = /formData|readMultipart|staffForm\(|secondFactorForm/.test(source);
    const endpoint = file.endsWith('.ts') && /export const (POST|ALL)\b/.test(source);
    if (!readsForm && !endpoint && !/method === 'POST'/.test(source)) return [];
    const pattern = relative(PAGES, file)
      .replace(/\.(astro|ts)$/, '')
      .replace(/(^|\/)index$/, '');
    return [{ pattern, readsForm }];
  });
}

/** A real id (from the test server's demo data) for each kind of route parameter. */
function ids(): Record<string, string> {
  const db = new DatabaseSync(join(SERVER_DATA_DIR, 'portal.sqlite'), { readOnly: true });
  const one = (sql: string) => String((db.prepare(sql).get() as { id?: string | number } | undefined)?.id ?? 'none');
  const found = {
    lang: 'en',
    all: 'sign-out',
    caseId: one("select id from cases where reference = 'DEMO-0001'"),
    conferenceId: one(
      "select c.id from conferences c join cases k on k.id = c.case_id where k.reference = 'DEMO-0001' order by c.starts_at desc",
    ),
    id: '',
    parentId: one("select p.id from parents p join cases k on k.id = p.case_id where k.reference = 'DEMO-0001'"),
    childId: one("select ch.id from children ch join cases k on k.id = ch.case_id where k.reference = 'DEMO-0001'"),
    reportId: one('select id from reports order by uploaded_at'),
    complaintId: one('select id from complaints'),
  };
  db.close();
  return found;
}

function urlOf(pattern: string, values: Record<string, string>): string {
  const parts = pattern.split('/').map((part, i, all) => {
    const param = /^\[(?:\.\.\.)?(.+)\]$/.exec(part)?.[1];
    if (!param) return part;
    // [id] under conferences/ or team/: a conference or a member of staff.
    if (param === 'id') return all[i - 1] === 'team' ? values.staffId : values.conferenceId;
    return values[param] ?? 'none';
  });
  return `/${parts.join('/')}/`.replace(/\/\/+/g, '/');
}

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
    storageState: await signInOnce(browser, DEMO_PARENTS[0], 'test-results/post-bodies-parent.json'),
  });
  expect(await walk(parentContext.request, parent, values), 'parent forms answered 400').toBeGreaterThanOrEqual(
    3 * BODIES.length,
  );

  const admin = await browser.newContext({ storageState: await signInStaff(browser, DEMO_STAFF.admin) });
  const db = new DatabaseSync(join(SERVER_DATA_DIR, 'portal.sqlite'), { readOnly: true });
  values.staffId = String(
    (db.prepare("select id from staff where email = 'officer@example.test'").get() as { id: string }).id,
  );
  db.close();
  expect(await walk(admin.request, staff, values), 'staff forms answered 400').toBeGreaterThanOrEqual(
    8 * BODIES.length,
  );
});
