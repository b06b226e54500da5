// The built server's data during Playwright runs, and reading its emails.
// (Playwright empties test-results/ before it starts the server, so each run
// begins with a new database: the demo family, nothing else.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_DATA_DIR = process.env.PORTAL_TEST_DATA_DIR || 'test-results/portal-server';
export const SERVER_OUTBOX_DIR = join(SERVER_DATA_DIR, 'outbox');
/** The test server's log (standard output: one JSON object a line). */
export const SERVER_LOG = join(SERVER_DATA_DIR, 'server.log');

/** Where the test server keeps its database, emails and report files (playwright.config.ts), for tools that open the same data. */
export const SERVER_DATA_ENV = {
  SQLITE_PATH: join(SERVER_DATA_DIR, 'portal.sqlite'),
  OUTBOX_DIR: SERVER_OUTBOX_DIR,
  REPORTS_DIR: join(SERVER_DATA_DIR, 'reports'),
} as const;

/** The demo parents (src/server/demo/seed.ts). */
export const DEMO_PARENTS = ['parent.one@example.test', 'parent.two@example.test'] as const;

/** The emails written to the outbox folder for `to`, newest last, as raw .eml text. */
export function emailsTo(to: string, template?: string): string[] {
  let files: string[];
  try {
    files = readdirSync(SERVER_OUTBOX_DIR).filter(
      (f) => f.endsWith('.eml') && (!template || f.includes(`-${template}-`)),
    );
  } catch {
    return [];
  }
  return files
    .sort()
    .map((f) => readFileSync(join(SERVER_OUTBOX_DIR, f), 'utf8'))
    .filter((eml) => new RegExp(`^To: ${to.replace(/[.+]/g, '\\$&')}\r?$`, 'm').test(eml));
}

/** The plain-text part of an .eml file. */
export function textPart(eml: string): string {
  const start = eml.indexOf('Content-Type: text/plain');
  const body = eml.slice(eml.indexOf('\r\n\r\n', start) + 4);
  return body.slice(0, body.indexOf('\r\n--portal-'));
}

/** The sign-in code in the newest code email to `to`, once one is there (polls for a few seconds). */
export async function latestCode(to: string, after = 0): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const emails = emailsTo(to, 'sign-in-code');
    if (emails.length > after) {
      const code = /\b(\d{6})\b/.exec(textPart(emails.at(-1) ?? ''))?.[1];
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No sign-in code email for ${to} in ${SERVER_OUTBOX_DIR}`);
}
