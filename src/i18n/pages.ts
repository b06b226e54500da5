import { getCollection, type CollectionEntry } from 'astro:content';
import { DEFAULT_LOCALE, LOCALE_CODES, type LocaleCode } from '~/config/locales';
import { englishVersion } from './translation-state';

export type PageEntry = CollectionEntry<'pages'> | CollectionEntry<'guidance'>;

export interface LocalisedPage {
  lang: LocaleCode;
  slug: string;
  entry: PageEntry;
  /** True when `entry` is the English page standing in for a missing or out-of-date translation. */
  untranslated: boolean;
  /** Why the English page stands in: no translation yet, or the English page changed since. */
  fallback: 'missing' | 'outdated' | null;
}

/** Splits a content id "pl/privacy" into its language and slug. */
function splitId(id: string): [string, string] {
  const i = id.indexOf('/');
  return [id.slice(0, i), id.slice(i + 1)];
}

/** Every page of one collection in one language, English standing in where a translation is missing. */
async function localise(collection: 'pages' | 'guidance'): Promise<LocalisedPage[]> {
  const entries: PageEntry[] = await getCollection(collection);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const english = entries.filter((e) => splitId(e.id)[0] === DEFAULT_LOCALE);
  return LOCALE_CODES.flatMap((lang) =>
    english.map((en): LocalisedPage => {
      const slug = splitId(en.id)[1];
      if (lang === DEFAULT_LOCALE) return { lang, slug, entry: en, untranslated: false, fallback: null };
      const own = byId.get(`${lang}/${slug}`);
      if (!own) return { lang, slug, entry: en, untranslated: true, fallback: 'missing' };
      const current = own.data.englishVersion === englishVersion(en.body ?? '');
      return current
        ? { lang, slug, entry: own, untranslated: false, fallback: null }
        : { lang, slug, entry: en, untranslated: true, fallback: 'outdated' };
    }),
  );
}

/**
 * Every content page in every language. English is complete; a language
 * without its own copy of a page gets the English page, marked so the layout
 * says so.
 */
export async function localisedPages(): Promise<LocalisedPage[]> {
  return [...(await localise('pages')), ...(await localise('guidance'))];
}

/** The guidance pages in one language, in reading order. */
export async function guidanceIn(lang: LocaleCode): Promise<LocalisedPage[]> {
  const order = ['before', 'at', 'after', 'rights', 'professionals'];
  return (await localise('guidance'))
    .filter((p) => p.lang === lang)
    .sort((a, b) => {
      const da = a.entry.data as CollectionEntry<'guidance'>['data'];
      const db = b.entry.data as CollectionEntry<'guidance'>['data'];
      return order.indexOf(da.section) - order.indexOf(db.section) || da.order - db.order;
    });
}
