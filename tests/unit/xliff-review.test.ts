import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { englishVersion } from '~/i18n/translation-state';
import { ROOT, describeXliff, diff, editUnit, exportLang, i18n, importText, snapshot } from '../support/xliff-project';

// The translators' XLIFF round trip (tests/support/xliff-project.ts): a
// reviewer's final segments, an out-of-date page brought up to date, and a
// page the language did not have.
describeXliff('XLIFF import of reviews and pages', (polish) => {
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
    const xml = polish();
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
