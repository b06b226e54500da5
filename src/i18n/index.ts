import i18next, { type TFunction } from 'i18next';
import type { Translator } from './keys';
import { DEFAULT_LOCALE, LOCALES, LOCALE_CODES, type LocaleCode } from '~/config/locales';
import { numberFormat, pluralRules } from './intl-cache';

type Strings = Record<string, string>;

const files = import.meta.glob<{ default: Strings }>('/locales/*/*.json', { eager: true });

/** All UI strings: language → namespace → flat dotted key → text. `meta.json` is not a namespace. */
export const resources: Record<string, Record<string, Strings>> = {};
for (const [path, mod] of Object.entries(files)) {
  const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (!match || match[2] === 'meta') continue;
  const [, lang, ns] = match as unknown as [string, string, string];
  (resources[lang] ??= {})[ns] = mod.default;
}

export const NAMESPACES = Object.keys(resources[DEFAULT_LOCALE] ?? {});
/** Namespaces only English has: the staff area is in English only (never translated). */
export const ENGLISH_ONLY_NAMESPACES: readonly string[] = ['staff'];

const instance = i18next.createInstance();
void instance.init({
  resources,
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALE_CODES,
  ns: NAMESPACES,
  defaultNS: 'common',
  // Keys are flat and dotted ("footer.phone"), not nested objects.
  keySeparator: false,
  nsSeparator: ':',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

const RIGHT_TO_LEFT = new Set<string>(LOCALES.filter((l) => l.dir === 'rtl').map((l) => l.code));
/** i18next's own options, never text put into a sentence ("count" is both: see below). */
const OPTIONS = new Set([
  'context',
  'defaultValue',
  'lng',
  'lngs',
  'ns',
  'ordinal',
  'returnObjects',
  'keyPrefix',
  'interpolation',
  'postProcess',
  'replace',
]);
/** Unicode's first-strong isolate and its end: the text between keeps its own direction. */
export const ISOLATE = { start: '\u2068', end: '\u2069' } as const;

type Translate = (key: unknown, options?: unknown) => string;

/**
 * Puts values into sentences the way the reader's language writes them:
 * numbers in its own digits (Bengali ৫, Arabic ٥), and, in a right-to-left
 * language, each value (a phone number, a reference, an email address, a
 * date, an English name) wrapped in Unicode isolates, so it reads in its own
 * direction and does not pull the words around it out of order. `count`
 * stays a number for choosing the plural form; only its text is formatted.
 */
function localised(t: TFunction, lang: LocaleCode): Translator {
  const digits = numberFormat(lang, { useGrouping: false });
  const rtl = RIGHT_TO_LEFT.has(lang);
  // A sentence without values is the same every time (the strings never change while the server
  // runs): looked up in i18next once. A page has dozens of them, and i18next's lookup is not cheap.
  const plain = new Map<unknown, string>();
  const translate: Translate = (key, options) => {
    if (options === undefined) {
      let text = plain.get(key);
      if (text === undefined) {
        text = (t as unknown as Translate)(key);
        plain.set(key, text);
      }
      return text;
    }
    if (!options || typeof options !== 'object') return (t as unknown as Translate)(key, options);
    const replace: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(options as Record<string, unknown>)) {
      if (OPTIONS.has(name)) continue;
      const text = typeof value === 'number' ? digits.format(value) : value;
      replace[name] = rtl && typeof text === 'string' ? `${ISOLATE.start}${text}${ISOLATE.end}` : text;
    }
    return (t as unknown as Translate)(key, { ...options, replace });
  };
  return translate;
}

const translators = new Map<LocaleCode, Translator>();

/** A translator for one language; missing strings fall back to English key by key. Made once per language. */
export function getT(lang: LocaleCode): Translator {
  let translator = translators.get(lang);
  if (!translator) {
    translator = localised(instance.getFixedT(lang), lang);
    translators.set(lang, translator);
  }
  return translator;
}

/** Splits "ns:key" into its namespace (default "common") and key. */
function splitKey(key: string): [string, string] {
  const i = key.indexOf(':');
  return i === -1 ? ['common', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** Does `lang` have its own string for `key`, or would the English one be shown? */
export function isTranslated(lang: LocaleCode, key: string): boolean {
  const known = translatedKeys.get(`${lang}|${key}`);
  if (known !== undefined) return known;
  const translated = lookUpTranslated(lang, key);
  translatedKeys.set(`${lang}|${key}`, translated);
  return translated;
}

/** isTranslated's answers (a page asks for each of its strings; the strings never change while the server runs). */
const translatedKeys = new Map<string, boolean>();

function lookUpTranslated(lang: LocaleCode, key: string): boolean {
  const [ns, k] = splitKey(key);
  const base = resources[lang]?.[ns] ?? {};
  // A plural key counts as translated when the language has any of its forms.
  return k in base || Object.keys(base).some((candidate) => candidate.startsWith(`${k}_`));
}

/**
 * Every plural form `lang` has of a plural string, by plural category, for
 * code that picks the form itself (govuk-frontend's character count does, with
 * Intl.PluralRules). `{{name}}` placeholders are filled from `vars`. Where the
 * language has no form of the string yet, English stands in, as with t().
 */
export function pluralForms(lang: LocaleCode, nsKey: string, vars: Record<string, string>): Record<string, string> {
  const [ns, key] = splitKey(nsKey);
  const own = resources[lang]?.[ns] ?? {};
  const source = isTranslated(lang, nsKey) ? own : (resources[DEFAULT_LOCALE]?.[ns] ?? {});
  const fill = (text: string) => text.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => vars[name] ?? '');
  return Object.fromEntries(
    pluralRules(lang)
      .resolvedOptions()
      .pluralCategories.map((form) => [form, fill(source[`${key}_${form}`] ?? source[`${key}_other`] ?? '')]),
  );
}

/** Every English key that `lang` does not translate yet, as "ns:key". */
export function missingKeys(lang: LocaleCode): string[] {
  if (lang === DEFAULT_LOCALE) return [];
  const missing: string[] = [];
  for (const ns of NAMESPACES.filter((n) => !ENGLISH_ONLY_NAMESPACES.includes(n))) {
    const english = resources[DEFAULT_LOCALE]?.[ns] ?? {};
    const own = resources[lang]?.[ns] ?? {};
    for (const key of Object.keys(english)) {
      const plainKey = key.replace(/_(zero|one|two|few|many|other)$/, '');
      if (!(key in own) && !Object.keys(own).some((k) => k.startsWith(`${plainKey}_`) || k === plainKey)) {
        missing.push(`${ns}:${key}`);
      }
    }
  }
  return missing;
}

/**
 * Attributes for an element holding the string `key`: marks English fallback
 * text as English. The element keeps the page's direction, so a right-to-left
 * layout stays mirrored; CSS orders the English text's punctuation.
 */
export function fallbackAttrs(lang: LocaleCode, key: string): { lang?: string } {
  return lang === DEFAULT_LOCALE || isTranslated(lang, key) ? {} : { lang: DEFAULT_LOCALE };
}
