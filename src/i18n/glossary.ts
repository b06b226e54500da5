import { z } from 'zod';
import { DEFAULT_LOCALE, type LocaleCode } from '~/config/locales';

export const glossaryEntry = z
  .object({
    /** Anchor on the glossary page: /en/glossary/#core-group */
    id: z.string().regex(/^[a-z0-9-]+$/),
    term: z.string().min(2),
    /** Words that count as this term in a page's text, for the first-use check. */
    match: z.array(z.string().min(2)).min(1),
    /** Whether the first-use test insists the term is explained on every page it appears on. */
    check: z.boolean(),
    definition: z.string().min(10),
  })
  .strict();
export type GlossaryEntry = z.infer<typeof glossaryEntry>;

const files = import.meta.glob<{ default: unknown }>('/content/glossary/*.json', { eager: true });

/** The glossary in a language, and whether it fell back to English. */
export function glossary(lang: LocaleCode): { entries: GlossaryEntry[]; untranslated: boolean } {
  const own = files[`/content/glossary/${lang}.json`];
  const raw = own ?? files[`/content/glossary/${DEFAULT_LOCALE}.json`];
  const entries = z.array(glossaryEntry).parse(raw?.default ?? []);
  return { entries: [...entries].sort((a, b) => a.term.localeCompare(b.term, lang)), untranslated: !own };
}

/** One glossary entry by id; throws so a page cannot link to a term that does not exist. */
export function glossaryTerm(lang: LocaleCode, id: string): GlossaryEntry {
  const found = glossary(lang).entries.find((e) => e.id === id);
  if (!found) throw new Error(`Glossary has no term "${id}" (content/glossary/${lang}.json)`);
  return found;
}
