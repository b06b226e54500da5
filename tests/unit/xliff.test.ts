import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ROOT, describeXliff, diff, editUnit, importText, others, snapshot } from '../support/xliff-project';

// The translators' XLIFF round trip (tests/support/xliff-project.ts): every
// language unchanged, what a file holds, and what an import refuses. Marking
// reviews and updating pages are in xliff-review.test.ts (the two files run at once).

describeXliff('XLIFF export and import', (polish) => {
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
    const xml = polish();
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
    const xml = editUnit(polish(), 'strings.common', 'footer.contactHeading', (u) =>
      u.replace('<target>Kontakt: ', '<target>Kontakt z urzędem: '),
    );
    const result = importText(xml);
    expect(result.status, result.stderr).toBe(0);
    const after = snapshot();
    expect(diff(before, after)).toEqual(['locales/pl/common.json']);
    const written = JSON.parse(after.get('locales/pl/common.json') ?? '{}') as Record<string, string>;
    expect(written['footer.contactHeading']).toBe('Kontakt z urzędem: {{council}}');
  });

  it('refuses a broken placeholder, naming the segment, and writes nothing', () => {
    const before = snapshot();
    const xml = editUnit(polish(), 'strings.common', 'footer.contactHeading', (u) =>
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
    const xml = editUnit(polish(), 'strings.account', 'conference.reports_few', (u) =>
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
    const xml = polish();
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
});
