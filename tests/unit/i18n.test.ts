import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { LOCALES, LOCALE_CODES } from '~/config/locales';
import { ISOLATE, getT, isTranslated, missingKeys, resources } from '~/i18n';
import { localeMeta } from '~/i18n/meta';
import { dataKey } from '~/i18n/keys';

const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  it('every shipped language has a folder of strings and a review state', () => {
    const folders = readdirSync('locales', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual([...LOCALE_CODES].sort());
    for (const code of LOCALE_CODES) {
      expect(existsSync(`locales/${code}/meta.json`), `locales/${code}/meta.json`).toBe(true);
      expect(() => localeMeta(code)).not.toThrow();
    }
  });

  it('declares each language once, with its own name and direction', () => {
    expect(new Set(LOCALE_CODES).size).toBe(LOCALES.length);
    expect(
      LOCALES.filter((l) => l.dir === 'rtl')
        .map((l) => l.code)
        .sort(),
    ).toEqual(['ar', 'fa', 'ps', 'ur']);
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
    const words = { pl: 'Wyjdź z tej strony', ar: 'اخرج من هذه الصفحة' } as const;
    for (const code of ['pl', 'ar'] as const) {
      expect(resources[code]?.common?.['exit.button']).toBe(words[code]);
      expect(getT(code)('exit.button')).toBe(words[code]);
    }
    expect(missingKeys('pl').filter((k) => k.startsWith('common:'))).toEqual([]);
    expect(missingKeys('ar').filter((k) => k.startsWith('common:'))).toEqual([]);
  });

  it('falls back to English key by key, and knows which strings fell back', () => {
    // The staff area is English only: its strings reach any other language in English.
    const [key, english] = Object.entries(resources.en?.staff ?? {})[0] ?? [];
    expect(getT('ro')(dataKey(`staff:${key}`))).toBe(english);
    expect(isTranslated('ro', `staff:${key}`)).toBe(false);
    // A string a translator has not done yet: take one out of Romanian for the length of the test.
    const romanian = resources.ro?.common ?? {};
    const saved = romanian['footer.phone'];
    delete romanian['footer.phone'];
    try {
      expect(isTranslated('ro', 'footer.phone')).toBe(false);
      expect(missingKeys('ro')).toContain('common:footer.phone');
      expect(missingKeys('ro')).not.toContain('common:notice.untranslated');
    } finally {
      if (saved !== undefined) romanian['footer.phone'] = saved;
    }
    expect(isTranslated('ro', 'notice.untranslated')).toBe(true);
  });

  it('has every plural form each language needs (Polish 4, Arabic 6), for every plural string it translates', () => {
    const pluralBases = (strings: Record<string, string>) => [
      ...new Set(
        Object.keys(strings)
          .filter((k) => /_(one|other)$/.test(k))
          .map((k) => k.replace(/_(one|other)$/, '')),
      ),
    ];
    const missing: string[] = [];
    for (const code of LOCALE_CODES.filter((c) => c !== 'en')) {
      const forms = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      for (const [ns, english] of Object.entries(resources.en ?? {})) {
        const own = resources[code]?.[ns] ?? {};
        for (const base of pluralBases(english)) {
          if (!Object.keys(own).some((k) => k.startsWith(`${base}_`))) continue; // not translated yet: English stands in
          for (const form of forms) if (!(`${base}_${form}` in own)) missing.push(`${code}/${ns}.json ${base}_${form}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(new Intl.PluralRules('ar').resolvedOptions().pluralCategories).toHaveLength(6);
    expect(new Intl.PluralRules('pl').resolvedOptions().pluralCategories).toHaveLength(4);
  });

  it('picks the right plural form: Polish 2, 5 and 22; Arabic 0, 1, 2, 3 and 11', () => {
    const pl = getT('pl');
    const ar = getT('ar');
    const key = 'search.results';
    const own = (code: string, form: string) =>
      (resources[code]?.common?.[`${key}_${form}`] ?? '').replace('{{count}}', '').replace('{{query}}', '').trim();
    const say = (t: typeof pl, n: number) =>
      t(key, { count: n, query: '' })
        .replace(String(n), '')
        .replace(/[\u2068\u2069]/g, '')
        .trim();
    expect(say(pl, 2)).toBe(own('pl', 'few'));
    expect(say(pl, 5)).toBe(own('pl', 'many'));
    expect(say(pl, 22)).toBe(own('pl', 'few'));
    expect(say(ar, 0)).toBe(own('ar', 'zero'));
    expect(say(ar, 1)).toBe(own('ar', 'one'));
    expect(say(ar, 2)).toBe(own('ar', 'two'));
    expect(say(ar, 3)).toBe(own('ar', 'few'));
    expect(say(ar, 11)).toBe(own('ar', 'many'));
  });

  it('isolates each value put into a right-to-left sentence, so numbers and addresses keep their direction', () => {
    const ar = getT('ar')('account:complaint.made', { reference: 'CPC-2026-000123', date: '1 December' });
    expect(ar).toContain(`${ISOLATE.start}CPC-2026-000123${ISOLATE.end}`);
    expect(ar).toContain(`${ISOLATE.start}1 December${ISOLATE.end}`);
    expect(getT('ur')('footer.hoursRow', { days: 'x', opens: '09:00', closes: '17:00' })).toContain(
      `${ISOLATE.start}09:00${ISOLATE.end}`,
    );
    // Left-to-right languages need none; counts stay numbers, so plural forms still work.
    expect(getT('pl')('account:complaint.made', { reference: 'CPC-1', date: 'd' })).not.toContain(ISOLATE.start);
    expect(getT('ar')('auth:timeout.title', { count: 2 })).toBe(resources.ar?.auth?.['timeout.title_two']);
  });

  it('writes numbers put into a sentence in the reader language digits, as its dates are', () => {
    const five = (code: 'bn' | 'ar' | 'pl' | 'gu' | 'ta') => getT(code)('auth:timeout.title', { count: 5 });
    expect(five('bn')).toContain('৫');
    expect(five('bn')).not.toContain('5');
    expect(five('ar')).toContain(new Intl.NumberFormat('ar').format(5));
    expect(five('pl')).toContain('5');
    // Gujarati readers in England read 0–9 (phones, letters, phone numbers), not ૦–૯.
    expect(five('gu')).toContain('5');
    expect(five('gu')).not.toContain('૫');
    expect(new Intl.DateTimeFormat('gu', { day: 'numeric' }).format(new Date(2026, 0, 5))).toBe('5');
    // So do Tamil readers: 0–9, not ௦–௯.
    expect(five('ta')).toContain('5');
    expect(five('ta')).not.toContain('௫');
    expect(new Intl.DateTimeFormat('ta', { day: 'numeric' }).format(new Date(2026, 0, 5))).toBe('5');
    // The digits match those of a date in the same language.
    expect(new Intl.DateTimeFormat('bn', { day: 'numeric' }).format(new Date(2026, 0, 5))).toBe('৫');
  });

  it('every language can tell its readers, in their language, that a page is not translated', () => {
    for (const code of LOCALE_CODES.filter((c) => c !== 'en')) {
      for (const key of [
        'notice.untranslated',
        'notice.outdated',
        'notice.partlyTranslated',
        'notice.unreviewed',
        'notice.readEnglish',
        'chooser.prompt',
      ]) {
        expect(isTranslated(code, key), `${code} ${key}`).toBe(true);
      }
    }
  });

  it('every JSON file is valid and flat', () => {
    for (const code of LOCALE_CODES) {
      for (const file of readdirSync(`locales/${code}`)) {
        const data = JSON.parse(readFileSync(`locales/${code}/${file}`, 'utf8')) as Record<string, unknown>;
        if (file === 'meta.json') continue;
        for (const value of Object.values(data)) expect(typeof value).toBe('string');
      }
    }
  });
});
