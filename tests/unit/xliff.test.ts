import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCALES } from '~/config/locales';
import { englishVersion } from '~/i18n/translation-state';

// The translators' XLIFF round trip, run as a translator runs it
// (`npm run i18n:export` / `npm run i18n:import`) in a copy of the project,
// so the worktree itself is never changed.
const ROOT = `.builds/xliff-${process.pid}`;
const COPY = ['content', 'locales', 'scripts', 'src', 'package.json', '.prettierrc.json'];
const others = LOCALES.filter((l) => l.code !== 'en').map((l) => l.code);

function freshCopy() {
  rmSync(ROOT, { recursive: true, force: true });
  for (const item of COPY) cpSync(item, join(ROOT, item), { recursive: true });
}

/** Every file a translator's import may write, with its text. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(join(ROOT, dir))) {
      const path = join(dir, name);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else out.set(path, readFileSync(join(ROOT, path), 'utf8'));
    }
  };
  walk('locales');
  walk('content');
  return out;
}

const i18n = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/i18n.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
function exportLang(lang: string): string {
  execFileSync(process.execPath, ['scripts/i18n.mjs', 'export', '--lang', lang, '--out', `${lang}.xlf`], {
    cwd: ROOT,
  });
  return readFileSync(join(ROOT, `${lang}.xlf`), 'utf8');
}
function importText(xml: string, ...args: string[]) {
  writeFileSync(join(ROOT, 'edited.xlf'), xml);
  return i18n('import', 'edited.xlf', ...args);
}
/** Changes one unit of one <file> in an XLIFF text. */
function editUnit(xml: string, file: string, unit: string, edit: (u: string) => string): string {
  const f = xml.indexOf(`<file id="${file}"`);
  const start = xml.indexOf(`<unit id="${unit}">`, f);
  const end = xml.indexOf('</unit>', start);
  expect(f >= 0 && start >= 0, `${file}/${unit} in the export`).toBe(true);
  return xml.slice(0, start) + edit(xml.slice(start, end)) + xml.slice(end);
}
const diff = (a: Map<string, string>, b: Map<string, string>) =>
  [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));

afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

describe('XLIFF export and import', { timeout: 120_000 }, () => {
  let pl = '';
  beforeAll(() => {
    freshCopy();
    pl = exportLang('pl');
  });
  beforeEach(freshCopy);

  it('exports and imports every language without changing a thing', () => {
    const before = snapshot();
    // One process for all languages (the CLI is a thin wrapper, tested below): export, then import that file.
    const script = `
      import { exportXliff, importXliff } from './scripts/i18n-xliff.mjs';
      for (const lang of ${JSON.stringify(others)}) {
        const xml = exportXliff(lang);
        const { written, warnings } = await importXliff(xml);
        console.log(JSON.stringify({ lang, head: xml.split('\\n')[1], units: xml.split('<unit ').length - 1, written, warnings }));
      }`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    const results = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(results.map((r) => r.lang)).toEqual(others);
    for (const r of results) {
      expect(r.head).toBe(
        `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="${String(r.lang)}">`,
      );
      expect(r.units, String(r.lang)).toBeGreaterThan(1000);
      expect(r.written, String(r.lang)).toEqual([]);
      expect(r.warnings, String(r.lang)).toEqual([]);
    }
    expect(diff(before, snapshot())).toEqual([]);
  });

  it('holds every UI string, page segment and glossary term, with code protected and notes', () => {
    const xml = pl;
    const en = JSON.parse(readFileSync('locales/en/common.json', 'utf8')) as Record<string, string>;
    for (const key of Object.keys(en).filter((k) => !/_(one|other)$/.test(k)))
      expect(xml, key).toContain(`<unit id="${key}">`);
    for (const dir of ['guidance', 'pages'])
      for (const page of readdirSync(`content/${dir}/en`))
        expect(xml).toContain(`<file id="${dir}.${page.replace(/\.mdx$/, '')}" original="content/${dir}/pl/${page}">`);
    // Polish needs four plural forms where English has two.
    for (const cat of ['one', 'few', 'many', 'other']) expect(xml).toContain(`<unit id="conference.reports_${cat}">`);
    // Placeholders, components and council facts are inline codes with their original data.
    expect(xml).toContain('<data id="d1">{{council}}</data>');
    expect(xml).toMatch(/<pc id="1" dataRefStart="d1" dataRefEnd="d2"[^>]*>chair<\/pc>/);
    // No code is left as text a translator could break.
    const texts = xml
      .split('\n')
      .filter((l) => /<(source|target)>/.test(l))
      .map((l) => l.replace(/<[^>]*>/g, ''));
    expect(texts.filter((t) => /&lt;[A-Za-z/]|\{\{|\]\(/.test(t))).toEqual([]);
    expect(xml).toContain('<note category="englishVersion">');
    expect(xml).toContain('Key term "advocate"');
  });

  it('writes a changed translation back, and only that', () => {
    const before = snapshot();
    const xml = editUnit(pl, 'strings.common', 'footer.contactHeading', (u) =>
      u.replace('<target>Kontakt: ', '<target>Kontakt z urzędem: '),
    );
    const result = importText(xml);
    expect(result.status, result.stderr).toBe(0);
    const after = snapshot();
    expect(diff(before, after)).toEqual(['locales/pl/common.json']);
    const polish = JSON.parse(after.get('locales/pl/common.json') ?? '{}') as Record<string, string>;
    expect(polish['footer.contactHeading']).toBe('Kontakt z urzędem: {{council}}');
  });

  it('refuses a broken placeholder, naming the segment, and writes nothing', () => {
    const before = snapshot();
    const xml = editUnit(pl, 'strings.common', 'footer.contactHeading', (u) =>
      u.replace(/<target>Kontakt: <ph[^>]*\/><\/target>/, '<target>Kontakt: {council}</target>'),
    );
    const result = importText(xml);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'strings.common/footer.contactHeading: placeholders differ from the English: missing {{council}}',
    );
    expect(diff(before, snapshot())).toEqual([]);
  });

  it('refuses a missing plural form, naming the segment', () => {
    const before = snapshot();
    const xml = editUnit(pl, 'strings.account', 'conference.reports_few', (u) =>
      u.replace(/\s*<target>[\s\S]*?<\/target>/, ''),
    );
    const result = importText(xml);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'strings.account/conference.reports_few: plural form "few" is missing (pl needs "one", "few", "many", "other")',
    );
    expect(diff(before, snapshot())).toEqual([]);
  });

  it('refuses a page segment whose component was lost, or English left where there was a translation', () => {
    const xml = pl;
    const lost = editUnit(xml, 'guidance.how-to-complain', 'p1', (u) =>
      u.replace(/(<target>[\s\S]*?)<pc[^>]*>(przewodniczącym)<\/pc>/, '$1$2'),
    );
    const r1 = importText(lost);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain(
      'guidance.how-to-complain/p1: inline codes differ from the English: missing <Term id="chair">…</Term>',
    );
    const english = editUnit(xml, 'strings.common', 'exit.button', (u) =>
      u.replace(/<target>[\s\S]*?<\/target>/, `<target>${/<source>([\s\S]*?)<\/source>/.exec(u)?.[1]}</target>`),
    );
    const r2 = importText(english);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain('strings.common/exit.button: the target is the English text');
  });

  it('marks segments reviewed when the file says final, and the language reviewed when all are', () => {
    const xml = exportLang('ro');
    const oneFinal = editUnit(xml, 'strings.common', 'exit.button', (u) =>
      u.replace('state="translated"', 'state="final"'),
    );
    expect(importText(oneFinal).status).toBe(0);
    let meta = JSON.parse(readFileSync(join(ROOT, 'locales/ro/meta.json'), 'utf8')) as {
      status: string;
      reviewedSegments: Record<string, unknown>;
    };
    expect(Object.keys(meta.reviewedSegments)).toEqual(['strings.common/exit.button']);
    expect(meta.status).toBe('unreviewed');
    expect(editUnit(exportLang('ro'), 'strings.common', 'exit.button', (u) => u)).toMatch(
      /<unit id="exit.button">\s*<segment state="final">/,
    );

    const allFinal = exportLang('ro').replace(/state="(translated|initial)"/g, 'state="final"');
    const refused = importText(allFinal);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('name the reviewer with --reviewer');
    const done = importText(allFinal, '--reviewer', 'A. Translator, MCIL');
    expect(done.status, done.stderr).toBe(0);
    meta = JSON.parse(readFileSync(join(ROOT, 'locales/ro/meta.json'), 'utf8')) as typeof meta;
    expect(meta).toMatchObject({ status: 'reviewed', reviewer: 'A. Translator, MCIL' });
    // Exported again, a reviewed language round-trips unchanged too.
    const before = snapshot();
    exportLang('ro');
    expect(i18n('import', 'ro.xlf').stdout).toContain('No changes');
    expect(diff(before, snapshot())).toEqual([]);
  });

  it('brings an out-of-date page up to date when the translator updates it', () => {
    const en = join(ROOT, 'content/guidance/en/can-my-child-come.mdx');
    appendFileSync(en, '\nAsk the chair if you are not sure what is best for your child.\n');
    const wanted = englishVersion(/^---\n[\s\S]*?\n---\n?([\s\S]*)$/.exec(readFileSync(en, 'utf8'))?.[1] ?? '');
    const xml = exportLang('pl');
    // The English has a paragraph more, so the page is one segment, marked out of date.
    expect(xml).toMatch(/<file id="guidance.can-my-child-come"[^>]*>\s*<notes>[\s\S]*?Out of date/);
    const unchanged = snapshot();
    expect(importText(xml).stdout).toContain('No changes');
    expect(diff(unchanged, snapshot())).toEqual([]);

    const updated = ['title', 'description', 'shortTitle', 'body'].reduce(
      (x, unit) =>
        editUnit(x, 'guidance.can-my-child-come', unit, (u) => u.replace('state="initial"', 'state="translated"')),
      editUnit(xml, 'guidance.can-my-child-come', 'body', (u) =>
        u.replace(
          '</target>',
          '\n\nZapytaj przewodniczącego, jeśli nie wiesz, co jest najlepsze dla dziecka.</target>',
        ),
      ),
    );
    const result = importText(updated);
    expect(result.status, result.stderr).toBe(0);
    const page = readFileSync(join(ROOT, 'content/guidance/pl/can-my-child-come.mdx'), 'utf8');
    expect(page).toContain(`englishVersion: ${wanted}`);
    expect(page).toMatch(/\n\nZapytaj przewodniczącego, jeśli nie wiesz, co jest najlepsze dla dziecka.\n$/);
    const status = i18n('status');
    expect(status.stdout).toMatch(/\npl Polish\s+\S+ \S+\s+20\/20 100%\s+0\s/);
  });

  it('writes a page the language did not have, following the current English', () => {
    const original = readFileSync('content/guidance/pl/how-to-complain.mdx', 'utf8');
    const xml = pl;
    rmSync(join(ROOT, 'content/guidance/pl/how-to-complain.mdx'));
    const result = importText(xml);
    expect(result.status, result.stderr).toBe(0);
    const page = join(ROOT, 'content/guidance/pl/how-to-complain.mdx');
    expect(existsSync(page)).toBe(true);
    const body = (s: string) => s.replace(/^---\n[\s\S]*?\n---\n/, '');
    expect(body(readFileSync(page, 'utf8'))).toBe(body(original));
    const version = /englishVersion: (\w+)/.exec(original)?.[1];
    expect(readFileSync(page, 'utf8')).toContain(`englishVersion: ${version}`);
    expect(readFileSync(page, 'utf8')).toContain('title: "Jak złożyć skargę na konferencję?"');
  });
});
