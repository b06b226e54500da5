import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const common = {
  title: z.string().min(3),
  description: z.string().min(10).max(160),
  /** When someone last checked the page is still right. */
  lastChecked: z.coerce.date(),
  /** In a translation: the version of the English page it follows (npm run i18n:status shows it). */
  englishVersion: z
    .string()
    .regex(/^[0-9a-f]{12}$/)
    .optional(),
};

/**
 * An entry's id is its path under the collection's folder without ".mdx",
 * exactly as written: "zh-Hans/privacy". (Astro's own ids are slugs, lowercased:
 * "zh-hans/privacy", which is no language code; src/i18n/pages.ts looks pages
 * up by "<code>/<slug>".)
 */
const idFromPath = ({ entry }: { entry: string }) => entry.replace(/\.mdx$/, '');

/** Site pages (accessibility, privacy, cookies): content/pages/<lang>/<slug>.mdx */
const pages = defineCollection({
  loader: glob({ base: './content/pages', pattern: '**/*.mdx', generateId: idFromPath }),
  schema: z.object(common),
});

/** Guidance for parents (and one section for professionals): content/guidance/<lang>/<slug>.mdx */
const guidance = defineCollection({
  loader: glob({ base: './content/guidance', pattern: '**/*.mdx', generateId: idFromPath }),
  schema: z.object({
    ...common,
    section: z.enum(['before', 'at', 'after', 'rights', 'professionals']),
    /** Position in its section's list. */
    order: z.number().int().nonnegative(),
    /** A short label for lists and breadcrumbs, when the title is long. */
    shortTitle: z.string().min(3).optional(),
  }),
});

export const collections = { pages, guidance };
