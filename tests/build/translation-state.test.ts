import { readFileSync, readdirSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { LOCALES } from '~/config/locales';
import { CHANGED, changedStatus } from './changed-copy';
import { site as built, text } from './site';

// What readers and translators see when the English moves on (changed-copy.ts
// made and built the copy): exactly the changed page goes out of date in every
// language and shows the English page with a notice in the reader language;
// a page a language lacks, or a string, is shown in English and says so.
const strings = (lang: string, ns = 'common') =>
  JSON.parse(readFileSync(`locales/${lang}/${ns}.json`, 'utf8')) as Record<string, string>;
const site = built('changed-english', `${CHANGED.root}/dist/client`);
const others = LOCALES.filter((l) => l.code !== 'en');
const slugs = readdirSync('content/guidance/en').map((f) => f.replace(/\.mdx$/, ''));
/** The language of a built page's article (its body). */
const bodyLang = (html: string) => /<article lang="([^"]+)"/.exec(html)?.[1];

describe('when one English page changes', () => {
  const status = changedStatus();

  it('npm run i18n:status counts exactly that page out of date, in every language', () => {
    for (const { code } of others) {
      expect(status[code]?.['out of date'], `${code}: ${JSON.stringify(status[code])}`).toBe('1');
    }
    const pages = readdirSync('content/guidance/en').length + readdirSync('content/pages/en').length;
    expect(status.pl?.pages).toBe(`${pages - 2}/${pages} ${Math.floor((100 * (pages - 2)) / pages)}%`);
  });

  it('shows the English page, marked English, with the "being updated" notice in the reader language', () => {
    for (const { code } of others) {
      const html = site.html(`/${code}/${CHANGED.page}/`);
      expect(bodyLang(html), code).toBe('en');
      expect(text(html), code).toContain(strings(code)['notice.outdated']);
      expect(text(html), code).toContain('Ask the chair if you are not sure what is best for your child.');
    }
  });

  it('leaves every other guidance page in its translation', () => {
    for (const { code } of others) {
      for (const slug of slugs.filter((s) => s !== CHANGED.page)) {
        const html = site.html(`/${code}/${slug}/`);
        expect(bodyLang(html), `/${code}/${slug}/`).toBe(code);
        expect(text(html)).not.toContain(strings(code)['notice.outdated']);
      }
    }
  });
});

describe('a page or a string a language does not have', () => {
  it('shows the English page in the reader language chrome, saying it is not translated yet', () => {
    const { lang, slug } = CHANGED.missingPage;
    const html = site.html(`/${lang}/${slug}/`);
    expect(bodyLang(html)).toBe('en');
    expect(html).toMatch(/<article lang="en" dir="ltr"/);
    expect(text(html)).toContain(strings(lang)['notice.untranslated']);
    // The page chrome (everything before the body) stays in the reader language.
    const chrome = text(html.slice(0, html.indexOf('<article')));
    expect(chrome).toContain(strings(lang)['site.skipLink']);
    expect(chrome).toContain(strings(lang)['exit.button']);
    expect(chrome).not.toContain(strings('en')['exit.button']);
    expect(chrome).not.toContain(strings('en')['site.skipLink']);
  });

  it('shows a missing string in English, marked lang="en", and says some words are in English', () => {
    const { lang, ns, key } = CHANGED.missingString;
    const html = site.html(`/${lang}/`);
    expect(text(html)).toContain(strings(lang)['notice.partlyTranslated']);
    expect(html).toContain(`<dt lang="en">${strings('en', ns)[key]}</dt>`);
  });

  it('keeps English free of every notice', () => {
    expect(site.html(`/en/${CHANGED.page}/`)).not.toContain('data-notice="language"');
  });
});

describe("the translators' status page", () => {
  const kingston = built('kingston');

  it('is in every build, kept out of search engines and the search index', () => {
    const html = kingston.html('/translation-status/');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).not.toContain('data-pagefind-body');
    // The changed copy's status page shows what changed: one page out of date in each language.
    const changed = site.html('/translation-status/');
    expect(changed).toMatch(/<a href="\/en\/can-my-child-come\/">[^<]+<\/a>.*?<td class="state-out-of-date">/);
  });

  it('is not linked from any parent page', () => {
    const linking = kingston
      .pages()
      .filter((p) => p !== '/translation-status/' && kingston.html(p).includes('/translation-status'));
    expect(linking).toEqual([]);
  });
});
