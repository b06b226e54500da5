import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '~/config/locales';

// `npm run i18n:status` writes the translators' page into the build
// (dist/client/translation-status/), run in a copy of the project in which
// the English has moved on: one English page changed, a Polish page and a
// Romanian string missing, one Polish string reviewed and one reviewed
// before its English changed.
const ROOT = `.builds/status-${process.pid}`;
const PAGE = join(ROOT, 'dist/client/translation-status/index.html');
let html = '';
let stdout = '';

/** The summary table's row for a language, cells by column name. */
function summaryRow(code: string): Record<string, string> {
  const head = [
    ...(/<caption id="summary">[\s\S]*?<\/thead>/.exec(html)?.[0] ?? '').matchAll(/<th[^>]*>([^<]*)<\/th>/g),
  ];
  const row = new RegExp(`<tr><th scope="row"><a href="#${code}">.*?</tr>`).exec(html)?.[0] ?? '';
  const cells = [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]?.replace(/<[^>]+>/g, '') ?? '');
  return Object.fromEntries(head.map((h, i) => [h[1] ?? '', cells[i] ?? '']));
}
/** A language's section of the page. */
const section = (code: string) =>
  new RegExp(`<section aria-labelledby="${code}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';

beforeAll(() => {
  rmSync(ROOT, { recursive: true, force: true });
  for (const item of ['content', 'locales', 'scripts', 'src', 'package.json', '.prettierrc.json'])
    cpSync(item, join(ROOT, item), { recursive: true });
  mkdirSync(join(ROOT, 'dist/client'), { recursive: true });
  appendFileSync(join(ROOT, 'content/guidance/en/can-my-child-come.mdx'), '\nAsk the chair if you are not sure.\n');
  rmSync(join(ROOT, 'content/pages/pl/privacy.mdx'));
  const ro = join(ROOT, 'locales/ro/common.json');
  const strings = JSON.parse(readFileSync(ro, 'utf8')) as Record<string, string>;
  delete strings['footer.phone'];
  writeFileSync(ro, JSON.stringify(strings, null, 2));
  // Review records as an XLIFF import writes them: one still matching, one whose English changed since.
  const script = `
    import { readFileSync, writeFileSync } from 'node:fs';
    import { reviewHash } from './scripts/i18n-xliff.mjs';
    const en = JSON.parse(readFileSync('locales/en/common.json', 'utf8'));
    const pl = JSON.parse(readFileSync('locales/pl/common.json', 'utf8'));
    const meta = JSON.parse(readFileSync('locales/pl/meta.json', 'utf8'));
    meta.reviewedSegments = {
      'strings.common/exit.button': reviewHash(en['exit.button'], pl['exit.button']),
      'strings.common/site.skipLink': reviewHash('an older English', pl['site.skipLink']),
    };
    writeFileSync('locales/pl/meta.json', JSON.stringify(meta, null, 2));`;
  spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
  const run = spawnSync(process.execPath, ['scripts/i18n.mjs', 'status'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  stdout = run.stdout;
  html = readFileSync(PAGE, 'utf8');
}, 120_000);

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('the translators’ status page', () => {
  it('is written into the build by npm run i18n:status, for search engines to leave alone', () => {
    expect(stdout.split('\n')[0]).toMatch(/^language\s+strings\s+pages\s+out of date\s+review/);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<html lang="en" dir="ltr">');
    expect(html).toContain('<h1>Translation status</h1>');
    expect(readFileSync(join(ROOT, 'dist/client/translation-status/status.css'), 'utf8')).toContain('table');
  });

  it('lists every language with its strings and pages done, out of date and reviewed', () => {
    for (const l of LOCALES.filter((x) => x.code !== 'en')) {
      const row = summaryRow(l.code);
      expect(row['Pages out of date'], l.code).toBe('1');
      expect(row['Review'], l.code).toBe('Not reviewed yet');
    }
    const pages = 20;
    expect(summaryRow('pl')['Pages done']).toBe(`${pages - 2} of ${pages} (90%)`);
    expect(summaryRow('es')['Pages done']).toBe(`${pages - 1} of ${pages} (95%)`);
    expect(summaryRow('ro')['Strings done']).toMatch(/^(\d+) of (\d+) \(99%\)$/);
    const [, done, total] = /^(\d+) of (\d+)/.exec(summaryRow('ro')['Strings done'] ?? '') ?? [];
    expect(Number(done)).toBe(Number(total) - 1);
    expect(summaryRow('pl')['Strings reviewed']).toMatch(/^1 of \d+$/);
    expect(summaryRow('pl')['Strings out of date']).toBe('1');
    expect(summaryRow('es')['Strings reviewed']).toMatch(/^0 of \d+$/);
  });

  it('says page by page which are out of date or missing, linking to the English source', () => {
    const pl = section('pl');
    expect(pl).toMatch(
      /<tr><th scope="row"><a href="\/en\/privacy\/">[^<]+<\/a><br><code>content\/pages\/en\/privacy.mdx<\/code><\/th><td class="state-missing">Not translated<\/td>/,
    );
    expect(pl).toMatch(
      /<a href="\/en\/can-my-child-come\/">[^<]+<\/a>.*?<td class="state-out-of-date">Out of date<\/td>/,
    );
    expect(pl).toMatch(
      /<a href="\/en\/how-to-complain\/">[^<]+<\/a>.*?<td class="state-done">Done<\/td>.*?<a href="\/pl\/how-to-complain\/" hreflang="pl">/,
    );
    expect(section('ro')).toContain('<li><code>common:footer.phone</code>');
    expect(section('pl')).toContain('None: every string is translated.');
  });
});
