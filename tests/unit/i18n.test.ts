import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { LOCALES, LOCALE_CODES } from '../../src/config/locales';
import { getT, isTranslated, missingKeys, resources } from '../../src/i18n';
import { localeMeta } from '../../src/i18n/meta';

const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  it('every shipped language has a folder of strings and a review state', () => {
    const folders = readdirSync('locales', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual([...LOCALE_CODES].sort());
    for (const code of LOCALE_CODES) {
      expect(existsSync(`locales/${code}/meta.json`), `locales/${code}/meta.json`).toBe(true);
      expect(() => localeMeta(code)).not.toThrow();
    }
  });

  it('declares each language once, with its own name and direction', () => {
    expect(new Set(LOCALE_CODES).size).toBe(LOCALES.length);
    expect(LOCALES.filter((l) => l.dir === 'rtl').map((l) => l.code).sort()).toEqual(['ar', 'ur']);
    expect(LOCALES.find((l) => l.code === 'pa')?.label).toBe('ਪੰਜਾਬੀ');
  });

  it('has no key that English does not have, and keeps English placeholders', () => {
    const english = resources.en ?? {};
    for (const [lang, namespaces] of Object.entries(resources)) {
      for (const [ns, strings] of Object.entries(namespaces)) {
        for (const [key, text] of Object.entries(strings)) {
          // A plural form this language has and English does not (Arabic "zero", Polish "few") follows English's "other".
          const plural = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
          const source = english[ns]?.[key] ?? (plural ? english[ns]?.[`${plural[1]}_other`] : undefined);
          expect(source, `${lang}/${ns}.json has "${key}", which English does not`).toBeDefined();
          // A plural form may leave the number out ("one result"): every other placeholder must match.
          const withoutCount = (s: string) => placeholders(s).filter((p) => !plural || p !== 'count');
          expect(withoutCount(text), `${lang}/${ns}.json "${key}" placeholders`).toEqual(withoutCount(source ?? ''));
        }
      }
    }
  });

  it('shows Polish and Arabic readers their own language', () => {
    expect(getT('pl')('exit.button')).toBe('Zamknij tę stronę');
    expect(getT('ar')('exit.button')).toBe('اخرج من هذه الصفحة');
    // The page chrome (the common namespace) is complete in both; other namespaces follow in the translations issue.
    expect(missingKeys('pl').filter((k) => k.startsWith('common:'))).toEqual([]);
    expect(missingKeys('ar').filter((k) => k.startsWith('common:'))).toEqual([]);
  });

  it('falls back to English key by key, and knows which strings fell back', () => {
    const ro = getT('ro');
    // Romanian has its own notice but not yet the footer.
    expect(ro('notice.untranslated')).toMatch(/română/i);
    expect(ro('footer.phone')).toBe('Phone');
    expect(isTranslated('ro', 'notice.untranslated')).toBe(true);
    expect(isTranslated('ro', 'footer.phone')).toBe(false);
    expect(missingKeys('ro')).toContain('common:footer.phone');
    expect(missingKeys('ro')).not.toContain('common:notice.untranslated');
  });

  it('every language can tell its readers, in their language, that a page is not translated', () => {
    for (const code of LOCALE_CODES.filter((c) => c !== 'en')) {
      for (const key of ['notice.untranslated', 'notice.outdated', 'notice.partlyTranslated', 'notice.unreviewed', 'notice.readEnglish', 'chooser.prompt']) {
        expect(isTranslated(code, key), `${code} ${key}`).toBe(true);
      }
    }
  });

  it('every JSON file is valid and flat', () => {
    for (const code of LOCALE_CODES) {
      for (const file of readdirSync(`locales/${code}`)) {
        const data = JSON.parse(readFileSync(`locales/${code}/${file}`, 'utf8'));
        if (file === 'meta.json') continue;
        for (const value of Object.values(data)) expect(typeof value).toBe('string');
      }
    }
  });
});
