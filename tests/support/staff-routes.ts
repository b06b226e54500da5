// Every staff page, found from the files in src/pages/staff (never listed by
// hand), with its [params] filled from the test server's database: the demo
// family's case, conference, parent and report, and a member of staff.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SERVER_DATA_DIR } from './outbox';

const PAGES = 'src/pages/staff';
/** The sign-in steps, signing out and the refusal page: open to anyone, checked elsewhere. */
const OPEN = /^(sign-in(\/.*)?|sign-out|signed-out|forbidden|two-factor\/set-up)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(astro|ts)$/.test(name) ? [path] : [];
  });
}

/** Route patterns like "cases/[caseId]/conferences/[conferenceId]" ('' for /staff/). */
export function staffRoutePatterns(): string[] {
  return files(PAGES)
    .map((f) =>
      relative(PAGES, f)
        .replace(/\.(astro|ts)$/, '')
        .replace(/(^|\/)index$/, ''),
    )
    .filter((r) => !OPEN.test(r))
    .sort();
}

/** A member's own sign-in page: every role may open it and send its forms (each needs a fresh app code). */
export const isOwnSignInUrl = (url: string) => /^\/staff\/account\/$/.test(url);

/** Ids of the demo data, by the kind of thing a route parameter names. */
function demoIds(): Record<string, string> {
  const db = new DatabaseSync(join(SERVER_DATA_DIR, 'portal.sqlite'), { readOnly: true });
  const one = (sql: string) => String((db.prepare(sql).get() as { id?: string | number } | undefined)?.id ?? '');
  const ids = {
    case: one("select id from cases where reference = 'DEMO-0001'"),
    conference: one(
      "select c.id from conferences c join cases k on k.id = c.case_id where k.reference = 'DEMO-0001' order by c.starts_at desc limit 1",
    ),
    parent: one(
      "select p.id from parents p join cases k on k.id = p.case_id where k.reference = 'DEMO-0001' order by p.name limit 1",
    ),
    report: one('select id from reports where withdrawn_at is null order by uploaded_at limit 1'),
    child: one(
      "select ch.id from children ch join cases k on k.id = ch.case_id where k.reference = 'DEMO-0001' limit 1",
    ),
    staff: one("select id from staff where email = 'officer@example.test'"),
  };
  db.close();
  return ids;
}

/** Which kind of id a parameter takes: from its name ("caseId") or the folder before it ("cases/[id]"). */
function kindOf(param: string, before: string | undefined): string {
  const named = /^(case|conference|parent|report|child|staff)Id$/.exec(param)?.[1];
  if (named) return named;
  const folder = (before ?? '').replace(/ren$/, '').replace(/s$/, '');
  return folder === 'team' ? 'staff' : folder;
}

/** The URL of every staff page, with real ids. */
export function staffRouteUrls(): string[] {
  const ids = demoIds();
  return staffRoutePatterns().map((pattern) => {
    const parts = pattern.split('/').filter(Boolean);
    const path = parts.map((part, i) => {
      const param = /^\[(.+)\]$/.exec(part)?.[1];
      if (!param) return part;
      const id = ids[kindOf(param, parts[i - 1])];
      if (!id) throw new Error(`No demo id for [${param}] in ${pattern}`);
      return id;
    });
    return `/staff/${path.join('/')}${path.length ? '/' : ''}`.replace(/\.csv\/$/, '.csv');
  });
}
