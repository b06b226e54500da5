/** Writing systems we ship fonts for; each but Latin has its own stylesheet, src/styles/script-<name>.scss. */
export type Script =
  'latin' | 'cyrillic' | 'arabic' | 'nastaliq' | 'bengali' | 'gurmukhi' | 'gujarati' | 'tamil' | 'han';

export interface Locale {
  /** BCP 47 tag, also the first URL segment: /pl/…, /zh-Hans/… (not always two letters: see LANGUAGE_SEGMENT). */
  code: string;
  /** The language's name in its own script, as its readers write it. */
  label: string;
  /** The language's name in English, for staff and logs. */
  englishName: string;
  dir: 'ltr' | 'rtl';
  script: Script;
}

/** Every language the portal ships, declared once. English first; it is complete and authoritative. */
export const LOCALES = [
  { code: 'en', label: 'English', englishName: 'English', dir: 'ltr', script: 'latin' },
  { code: 'pl', label: 'Polski', englishName: 'Polish', dir: 'ltr', script: 'latin' },
  { code: 'ro', label: 'Română', englishName: 'Romanian', dir: 'ltr', script: 'latin' },
  { code: 'pa', label: 'ਪੰਜਾਬੀ', englishName: 'Panjabi (Gurmukhi)', dir: 'ltr', script: 'gurmukhi' },
  { code: 'ur', label: 'اردو', englishName: 'Urdu', dir: 'rtl', script: 'nastaliq' },
  { code: 'pt', label: 'Português', englishName: 'Portuguese', dir: 'ltr', script: 'latin' },
  { code: 'es', label: 'Español', englishName: 'Spanish', dir: 'ltr', script: 'latin' },
  { code: 'ar', label: 'العربية', englishName: 'Arabic', dir: 'rtl', script: 'arabic' },
  { code: 'bn', label: 'বাংলা', englishName: 'Bengali', dir: 'ltr', script: 'bengali' },
  { code: 'fr', label: 'Français', englishName: 'French', dir: 'ltr', script: 'latin' },
  { code: 'ru', label: 'Русский', englishName: 'Russian', dir: 'ltr', script: 'cyrillic' },
  { code: 'lt', label: 'Lietuvių', englishName: 'Lithuanian', dir: 'ltr', script: 'latin' },
  { code: 'gu', label: 'ગુજરાતી', englishName: 'Gujarati', dir: 'ltr', script: 'gujarati' },
  { code: 'fa', label: 'فارسی', englishName: 'Persian', dir: 'rtl', script: 'arabic' },
  { code: 'tr', label: 'Türkçe', englishName: 'Turkish', dir: 'ltr', script: 'latin' },
  { code: 'ps', label: 'پښتو', englishName: 'Pashto', dir: 'rtl', script: 'arabic' },
  { code: 'it', label: 'Italiano', englishName: 'Italian', dir: 'ltr', script: 'latin' },
  { code: 'bg', label: 'Български', englishName: 'Bulgarian', dir: 'ltr', script: 'cyrillic' },
  { code: 'so', label: 'Soomaali', englishName: 'Somali', dir: 'ltr', script: 'latin' },
  { code: 'zh-Hans', label: '简体中文', englishName: 'Chinese (Simplified)', dir: 'ltr', script: 'han' },
  { code: 'ta', label: 'தமிழ்', englishName: 'Tamil', dir: 'ltr', script: 'tamil' },
] as const satisfies readonly Locale[];

export type LocaleCode = (typeof LOCALES)[number]['code'];
export const DEFAULT_LOCALE: LocaleCode = 'en';
export const LOCALE_CODES: LocaleCode[] = LOCALES.map((l) => l.code);

/** True when `code` is a language we ship. */
export function isLocale(code: string | undefined): code is LocaleCode {
  return !!code && (LOCALE_CODES as string[]).includes(code);
}

/** The locale entry for a code; English when the code is unknown. */
export function getLocale(code: string | undefined): Locale {
  return LOCALES.find((l) => l.code === code) ?? LOCALES[0];
}

/**
 * A language code as the first segment of a path, as a RegExp source: a
 * language (two or three letters), then perhaps a script (zh-Hans) and a
 * region (pt-BR), cased as BCP 47 writes them. It matches every code in
 * LOCALES, and more: code that must not depend on the list (the parent area's
 * guard, the search page's policy) treats any such segment alike.
 */
export const LANGUAGE_SEGMENT = '[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?';
