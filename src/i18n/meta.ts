import { z } from 'zod';
import type { LocaleCode } from '~/config/locales';

/** A language's review state, kept by translators in locales/<lang>/meta.json. */
export const metaSchema = z
  .object({
    status: z.enum(['source', 'unreviewed', 'reviewed']),
    reviewer: z.string().min(1).nullable(),
    reviewedOn: z.iso.date().nullable(),
    note: z.string().optional(),
    /** Notes for translators (form of address, key terms, words likely to be misread); carried into XLIFF exports. */
    draftingNotes: z.array(z.string()).optional(),
    /** Segments a qualified translator has checked (written by `npm run i18n:import`): segment id → hash of English and translation. */
    reviewedSegments: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((m) => m.status !== 'reviewed' || (m.reviewer && m.reviewedOn), {
    message: 'a reviewed language names its reviewer and the date of review',
  });
export type LocaleMeta = z.infer<typeof metaSchema>;

const files = import.meta.glob<{ default: unknown }>('/locales/*/meta.json', { eager: true });

/** The review state of a language; a language without meta.json counts as unreviewed. */
export function localeMeta(lang: LocaleCode): LocaleMeta {
  const raw = files[`/locales/${lang}/meta.json`]?.default;
  if (raw === undefined) return { status: 'unreviewed', reviewer: null, reviewedOn: null };
  return metaSchema.parse(raw);
}
