// Every route rendered on demand that takes a POST, found from the files in
// src/pages (never listed by hand), and a real URL for each from the test
// server's demo data. Used by the specs that send every form something it must refuse.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SERVER_DATA_DIR } from './outbox';

const PAGES = 'src/pages';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(astro|ts)$/.test(name) ? [path] : [];
  });
}

/** Routes rendered on demand that take a POST: a page that reads a form, or an endpoint with POST or ALL. */
export function postRoutes(): { pattern: string; readsForm: boolean }[] {
  return files(PAGES).flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    if (!/prerender = false/.test(source)) return [];
    const readsForm = /formData|readMultipart|formPage\(|staffForm\(|secondFactorForm/.test(source);
    const endpoint = file.endsWith('.ts') && /export const (POST|ALL)\b/.test(source);
    if (!readsForm && !endpoint && !/method === 'POST'/.test(source)) return [];
    const pattern = relative(PAGES, file)
      .replace(/\.(astro|ts)$/, '')
      .replace(/(^|\/)index$/, '');
    return [{ pattern, readsForm }];
  });
}

/** A real id (from the test server's demo data) for each kind of route parameter. */
export function demoRouteValues(): Record<string, string> {
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
    staffId: one("select id from staff where email = 'officer@example.test'"),
  };
  db.close();
  return found;
}

export function urlOf(pattern: string, values: Record<string, string>): string {
  const parts = pattern.split('/').map((part, i, all) => {
    const param = /^\[(?:\.\.\.)?(.+)\]$/.exec(part)?.[1];
    if (!param) return part;
    // [id] under conferences/ or team/: a conference or a member of staff.
    if (param === 'id') return all[i - 1] === 'team' ? values.staffId : values.conferenceId;
    return values[param] ?? 'none';
  });
  // A file-like route (requests.csv) has no trailing slash; pages do.
  const path = `/${parts.join('/')}`;
  return (/\.[a-z]+$/.test(path) ? path : `${path}/`).replace(/\/\/+/g, '/');
}
