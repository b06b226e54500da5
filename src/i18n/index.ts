import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, LOCALE_CODES, type LocaleCode } from '../config/locales';

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

/** A translator for one language; missing strings fall back to English key by key. */
export function getT(lang: LocaleCode): TFunction {
  return instance.getFixedT(lang);
}

/** Splits "ns:key" into its namespace (default "common") and key. */
function splitKey(key: string): [string, string] {
  const i = key.indexOf(':');
  return i === -1 ? ['common', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** Does `lang` have its own string for `key`, or would the English one be shown? */
export function isTranslated(lang: LocaleCode, key: string): boolean {
  const [ns, k] = splitKey(key);
  const base = resources[lang]?.[ns] ?? {};
  // A plural key counts as translated when the language has any of its forms.
  return k in base || Object.keys(base).some((candidate) => candidate.startsWith(`${k}_`));
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
