// A copy of the project in which the English has moved on, as it does when
// someone edits a page: one English guidance page gains a sentence, one
// Polish page is taken away and one Romanian string is dropped. The copy is
// built, and its translators' status read, by translation-state.test.ts.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_AUTHORITY } from '~/config/authorities';
import { buildProject, copyProject } from './project-copy';

export const CHANGED = {
  root: '.builds/changed-english',
  /** The English page that changes: every translation of it goes out of date. */
  page: 'can-my-child-come',
  /** A page Polish no longer has: it is shown in English. */
  missingPage: { lang: 'pl', collection: 'pages', slug: 'privacy' },
  /** A string Romanian no longer has: it is shown in English, marked as such. */
  missingString: { lang: 'ro', ns: 'common', key: 'footer.phone' },
} as const;

/** Copies what a build reads into CHANGED.root, makes the three changes and builds it (node_modules is found further up). */
export async function buildChangedCopy(): Promise<void> {
  const root = CHANGED.root;
  copyProject(root);
  appendFileSync(
    join(root, `content/guidance/en/${CHANGED.page}.mdx`),
    '\nAsk the chair if you are not sure what is best for your child.\n',
  );
  const { lang, collection, slug } = CHANGED.missingPage;
  rmSync(join(root, `content/${collection}/${lang}/${slug}.mdx`));
  const { lang: sLang, ns, key } = CHANGED.missingString;
  const file = join(root, `locales/${sLang}/${ns}.json`);
  const strings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  delete strings[key];
  writeFileSync(file, JSON.stringify(strings, null, 2));
  await buildProject(root, DEFAULT_AUTHORITY);
}

/** `npm run i18n:status` in the changed copy: one row per language, cells by column name. */
export function changedStatus(): Record<string, Record<string, string>> {
  const out = execFileSync(process.execPath, ['scripts/i18n.mjs', 'status'], { cwd: CHANGED.root, encoding: 'utf8' });
  const [header, ...rows] = out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s{2,}/));
  return Object.fromEntries(
    rows.map((cells) => [
      cells[0]?.split(' ')[0] ?? '',
      Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ''])),
    ]),
  );
}
